"""The load run's people, for locust (started by load.py, never by the test suite): experts
reading their portal and claiming expenses, coordinators searching the register, opening
profiles and shortlists, using the calendar and adding sessions and experts, and finance
approving claims. Each is signed in by a session made in the filled database (load_plan.py);
the plan's JSON file is named by BENCH_LOAD_PLAN.

Errors: a page that answers anything but 200 (a redirect to sign in would mean the session
was refused), a form post that does not redirect (a form shown again was refused), and any
failed request. None is expected: each person is given records of their own to change (the
claims a finance officer approves, the meetings an expert claims for) and values the forms
accept."""

import itertools
import json
import os
import random
import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task
from requests.cookies import RequestsCookieJar

from coproduce.bench.load_forms import form_on

PLAN = (
    json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
    if "BENCH_LOAD_PLAN" in os.environ
    else {}
)
# Sessions are handed out in turn, so that simultaneous users are distinct people.
_TURNS = {role: itertools.count() for role in ("coordinator", "finance", "expert")}
# The smallest PNG there is: a receipt photo, re-encoded by the server like any other.
RECEIPT_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class _BehindTLS(RequestsCookieJar):
    """The server marks its cookies Secure, rightly: in production TLS ends at the proxy. On
    loopback the bench plays that proxy (X-Forwarded-Proto), so the cookies are kept as
    plain ones and go back over HTTP, as a browser would send them over HTTPS. (requests
    copies the jar for each request, so the jar itself must do this, not a cookie policy.)"""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class Person(HttpUser):
    abstract = True
    # People read a page before they open the next one.
    wait_time = between(1, 5)
    role = ""

    def on_start(self):
        people = PLAN["people"][self.role]
        self.me = people[next(_TURNS[self.role]) % len(people)]
        self.client.cookies = _BehindTLS()
        host = urlsplit(self.host).hostname
        self.client.cookies.set(PLAN["cookie_name"], self.me["cookie"], domain=host, path="/")
        # As the TLS proxy in front of the server would say; with it, the CSRF check wants the
        # origin the browser would send.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.origin = "https://" + urlsplit(self.host).netloc

    def url(self, key: str, *ids: object) -> str:
        return PLAN["urls"][key].format(*ids)

    def page(self, key: str, *ids: object, name: str = "", query: str = ""):
        path = self.url(key, *ids)
        with self.client.get(
            path + query, name=name or PLAN["urls"][key], catch_response=True, allow_redirects=False
        ) as response:
            # Every page here is one the person may open: a redirect (to sign in) is a fault.
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")
            return response

    def send(self, key: str, ident=None, *, values: dict, form_key: str = "", files=None):
        """Opens the form page (`form_key`'s, or the form's own), fills the form in from what
        the page would send, then posts it; the post must redirect (a form shown again means
        it was refused)."""
        ids = [] if ident is None else [ident]
        path = self.url(key, *ids)
        form_key = form_key or key
        page = self.client.get(self.url(form_key, *ids), name=PLAN["urls"][form_key])
        if page.status_code != 200:
            return None
        fields = {**form_on(page.text, path), **values}
        with self.client.post(
            path,
            data=fields,
            files=files,
            name=PLAN["urls"][key] + " (POST)",
            headers={"Origin": self.origin, "Referer": self.origin + page.request.path_url},
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code not in (301, 302, 303):
                response.failure(f"answered {response.status_code}, not a redirect")
                return response
        # The browser then opens the page the form leads to: timed on its own, under its path.
        after = urlsplit(response.headers["Location"]).path
        self.client.get(after, name=re.sub(r"/\d+/", "/{}/", after))
        return response


class Expert(Person):
    weight = 5
    role = "expert"

    @task(4)
    def portal_home(self):
        self.page("my_involvement")

    @task(1)
    def my_profile(self):
        self.page("my_profile")

    @task(2)
    def my_claims(self):
        self.page("my_claims")

    @task(1)
    def claim_expenses(self):
        places = self.me["places"]
        if not places:
            return
        place = places.pop(0)  # once claimed, a meeting cannot be claimed for again
        if not place["category"]:
            return
        # Half the claims go with a photo of the receipt, as well as those that need one.
        with_receipt = place["receipt"] or random.random() < 0.5
        files = (
            {"expense_1_receipt": ("receipt.png", RECEIPT_PNG, "image/png")}
            if with_receipt
            else None
        )
        self.send(
            "my_claim_new",
            place["invitation"],
            values={
                "expense_1_category": place["category"],
                "expense_1_amount": place["amount"],
                "expense_1_description": "Bus there and back",
            },
            files=files,
        )


class Coordinator(Person):
    weight = 3
    role = "coordinator"

    @task(3)
    def register(self):
        self.page("register")

    @task(3)
    def search_register(self):
        surname = random.choice(PLAN["surnames"])
        self.page("register", name=PLAN["urls"]["register"] + "?q=[surname]", query=f"?q={surname}")

    @task(2)
    def profile(self):
        self.page("expert", random.choice(PLAN["experts"]))

    @task(2)
    def shortlist(self):
        self.page("shortlist", random.choice(PLAN["opportunities"]))

    @task(1)
    def calendar_month(self):
        month = random.choice(PLAN["months"])
        self.page(
            "calendar", name=PLAN["urls"]["calendar"] + "?month=[month]", query=f"?month={month}"
        )

    @task(1)
    def calendar_list(self):
        self.page("calendar_list")

    @task(1)
    def add_session(self):
        day = date.today() + timedelta(days=random.randint(14, 300))
        opportunity = random.choice(PLAN["opportunities"])
        self.send(
            "session_add",
            opportunity,
            values={
                "date-day": str(day.day),
                "date-month": str(day.month),
                "date-year": str(day.year),
                "start_time": "10:00",
                "end_time": "12:00",
            },
        )

    @task(1)
    def add_expert(self):
        n = random.randrange(10**9)
        self.send(
            "expert_add",
            values={
                "full_name": f"Load Test {n}",
                "email": f"load-{n}@bench.coproduce.test",
                "perspective": "service_user",
                "payment_preference": "paid",
            },
        )


class Finance(Person):
    weight = 1
    role = "finance"

    @task(3)
    def queue(self):
        self.page("claims")

    @task(2)
    def approve(self):
        claims = self.me["claims"]
        if not claims:
            self.page("claims")
            return
        claim = claims.pop(0)
        self.send(
            "claim_approve",
            claim,
            form_key="claim",
            # Given every time: it is only recorded where the benefits warning asks for it.
            values={"override_reason": "Checked with the expert: they want it paid in full"},
        )
