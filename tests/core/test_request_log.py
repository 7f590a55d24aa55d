"""One JSON log line per request, with a request id, and nothing in any log line that names a
person. The journey test plants unusual values in every free-text field of an expert's record,
walks the pages that show, change, search and export that record, and signs in with that
email, while every logger writes at DEBUG level through the production handler."""

import io
import json
import logging
import re
from unittest import mock

import pytest
import pythonjsonlogger.json
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.core.request_log import RequestContextFilter, request_id_from
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    UserFactory,
)
from tests.people.helpers import expert_form_data

ADDRESS = "203.0.113.77"  # the client's IP address: it must not be logged either

# Every free-text field of people.models.Expert, and the names of its lists.
PLANTED = {
    "full_name": "Quillon Zephyrbrook",
    "preferred_name": "Quillykins",
    "pronouns": "ve/vir",
    "email": "quillon.zephyrbrook@plantmail.example",
    "phone": "07700 900731",
    "address": "17 Marrowfield Lane\nWhitchurch",
    "postcode": "SY13 9QZ",
    "biography": "Looked after a brother with Huntingdon's disease at Larkspur Farm",
    "access_notes": "Needs a Makaton interpreter named Bellamy",
    "internal_notes": "Was on Redwood Ward in 2019",
    "payee_reference": "PAY-QZ-7731",
    "lived_experience": "Tollbooth syndrome",
    "access_need": "Tactile signing via Ormskirk",
}
# How each value might reappear: whole, in pieces, reformatted, or URL-encoded.
NEEDLES = [
    "quillon",
    "zephyrbrook",
    "quillykins",
    "ve/vir",
    "plantmail",
    "900731",
    "marrowfield",
    "whitchurch",
    "sy13",
    "9qz",
    "huntingdon",
    "larkspur",
    "makaton",
    "bellamy",
    "redwood",
    "qz-7731",
    "tollbooth",
    "ormskirk",
    ADDRESS,
]
REQUEST_FIELDS = {
    "request_id",
    "method",
    "route",
    "view",
    "status",
    "duration_ms",
    "user_id",
    "role",
    "level",
    "logger",
    "message",
    "time",
    "streamed",
}


class LogCapture:
    """Every line the production console handler would write, at DEBUG, from every logger."""

    def __init__(self):
        self.stream = io.StringIO()
        self.handler = None

    def __enter__(self):
        root = logging.getLogger()
        [console] = [
            h for h in root.handlers if any(isinstance(f, RequestContextFilter) for f in h.filters)
        ]
        assert isinstance(console.formatter, pythonjsonlogger.json.JsonFormatter)
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(console.formatter)
        for log_filter in console.filters:
            self.handler.addFilter(log_filter)
        self.handler.setLevel(logging.DEBUG)
        loggers = [root] + [
            logger
            for logger in logging.root.manager.loggerDict.values()
            if isinstance(logger, logging.Logger)
        ]
        self.saved = [(logger, logger.level, logger.disabled) for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.DEBUG)
            logger.disabled = False
        root.addHandler(self.handler)
        # Loggers that keep their records to themselves must be heard too.
        self.quiet = [lg for lg in loggers if lg is not root and not lg.propagate]
        for logger in self.quiet:
            logger.addHandler(self.handler)
        return self

    def __exit__(self, *exc):
        if self.handler is None:
            return
        logging.getLogger().removeHandler(self.handler)
        for logger in self.quiet:
            logger.removeHandler(self.handler)
        for logger, level, disabled in self.saved:
            logger.setLevel(level)
            logger.disabled = disabled
        self.handler = None

    def lines(self) -> list[dict]:
        text = self.stream.getvalue()
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def text(self) -> str:
        return self.stream.getvalue()

    def request_lines(self) -> list[dict]:
        return [line for line in self.lines() if line["logger"] == "coproduce.request"]


@pytest.fixture
def logs():
    """Use as `with logs:` once the test's records are made (factories log at DEBUG too)."""
    capture = LogCapture()
    yield capture
    capture.__exit__(None, None, None)


class Journey:
    """Makes requests and remembers each response, to match against the request lines."""

    def __init__(self):
        self.responses = []

    def __call__(self, response):
        if response.streaming:
            response.getvalue()  # a download is read to its end, as a browser would
        self.responses.append(response)
        return response


def client_as(user=None) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS, raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def planted_expert(db):
    area = LivedExperienceAreaFactory(name=PLANTED["lived_experience"])
    need = AccessNeedFactory(name=PLANTED["access_need"])
    expert = ExpertFactory(
        full_name=PLANTED["full_name"],
        preferred_name=PLANTED["preferred_name"],
        pronouns=PLANTED["pronouns"],
        email=PLANTED["email"],
        phone="+447700900731",
        address=PLANTED["address"],
        postcode=PLANTED["postcode"],
        biography=PLANTED["biography"],
        access_notes=PLANTED["access_notes"],
        internal_notes=PLANTED["internal_notes"],
        payee_reference=PLANTED["payee_reference"],
        lived_experience=[area],
        access_needs=[need],
    )
    expert.user = UserFactory(email=expert.email, full_name=expert.full_name, role=Role.EXPERT)
    expert.save()
    return expert


def test_a_journey_through_an_experts_record_logs_one_line_per_request_and_nothing_personal(
    logs, planted_expert
):
    expert = planted_expert
    coordinator = UserFactory(role=Role.COORDINATOR)
    staff = UserFactory(role=Role.STAFF)
    team, colleague, visitor = client_as(coordinator), client_as(staff), client_as()
    go = Journey()
    form = expert_form_data(
        **{k: PLANTED[k] for k in ("full_name", "preferred_name", "pronouns", "email")},
        phone=PLANTED["phone"],
        address=PLANTED["address"],
        postcode=PLANTED["postcode"],
        biography=PLANTED["biography"],
        access_notes=PLANTED["access_notes"],
        internal_notes=PLANTED["internal_notes"],
        payee_reference=PLANTED["payee_reference"],
        lived_experience=[expert.lived_experience.get().pk],
        access_needs=[expert.access_needs.get().pk],
    )
    detail = reverse("people:expert_detail", args=[expert.pk])
    lead = client_as(UserFactory(role=Role.INVOLVEMENT_LEAD))
    logs.__enter__()

    # The involvement team finds, opens, changes and exports the record.
    go(team.get(reverse("people:register"), {"q": PLANTED["full_name"]}))
    go(team.get(reverse("people:register"), {"q": PLANTED["email"], "page": "2"}))
    go(team.get(detail))
    go(team.post(reverse("people:expert_edit", args=[expert.pk]), form))
    go(
        team.post(
            reverse("people:expert_edit", args=[expert.pk]), {**form, "email": "not-an-email"}
        )
    )
    go(team.get(reverse("people:expert_history", args=[expert.pk])))
    go(lead.get(reverse("people:expert_data", args=[expert.pk])))
    go(team.get(reverse("people:export", args=["csv"]), {"q": PLANTED["full_name"]}))
    go(team.get(reverse("people:export", args=["xlsx"]), {"q": PLANTED["postcode"]}))
    go(team.get("/no-such-page/", {"q": PLANTED["full_name"]}))
    # A colleague who may not open it.
    go(colleague.get(detail))
    # Someone gets the password wrong with the expert's email, twice.
    for _ in range(2):
        go(visitor.post(reverse("account_login"), {"login": expert.email, "password": "wrong"}))
    # The expert signs in with a code sent to that email, and keeps their own profile.
    go(visitor.post(reverse("account_request_login_code"), {"email": PLANTED["email"]}))
    go(visitor.post(reverse("account_confirm_login_code"), {"code": "000000"}))
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    go(visitor.post(reverse("account_confirm_login_code"), {"code": code}))
    go(visitor.get(reverse("people:my_profile")))
    go(
        visitor.post(
            reverse("people:my_profile_edit"),
            {
                "preferred_name": PLANTED["preferred_name"],
                "pronouns": PLANTED["pronouns"],
                "phone": PLANTED["phone"],
                "address": PLANTED["address"],
                "postcode": PLANTED["postcode"],
                "preferred_channel": "email",
                "biography": PLANTED["biography"],
                "access_needs": [expert.access_needs.get().pk],
                "access_notes": PLANTED["access_notes"],
                "available_days": ["mon"],
                "available_times": ["morning"],
                "notice_days": "7",
            },
        )
    )

    logs.__exit__()
    statuses = [r.status_code for r in go.responses]
    assert statuses[:11] == [200, 200, 200, 302, 200, 200, 200, 200, 200, 404, 404]
    assert statuses[11:] == [200, 200, 302, 200, 302, 200, 302], (
        "the sign-ins did not go as planned"
    )
    assert len(mail.outbox) >= 1

    logged = logs.text().lower()
    found = [needle for needle in NEEDLES if needle.lower() in logged]
    assert not found, f"personal data in the logs: {found}"

    lines = logs.request_lines()
    assert len(lines) == len(go.responses)
    for line, response in zip(lines, go.responses, strict=True):
        assert set(line) == REQUEST_FIELDS
        assert line["request_id"] == response["X-Request-ID"]
        assert line["status"] == response.status_code
        assert line["method"] == response.request["REQUEST_METHOD"]
        assert isinstance(line["duration_ms"], float)
    assert len({line["request_id"] for line in lines}) == len(lines)
    views = [line["view"] for line in lines]
    assert views[:4] == [
        "people:register",
        "people:register",
        "people:expert_detail",
        "people:expert_edit",
    ]
    assert lines[2]["route"] == "experts/<int:pk>/"
    assert lines[7]["view"] == "people:export" and lines[7]["streamed"] is True
    assert lines[9]["view"] is None and lines[9]["route"] is None  # the unknown page
    assert lines[6]["role"] == "involvement_lead"
    assert [(line["user_id"], line["role"]) for i, line in enumerate(lines[:11]) if i != 6] == (
        [(coordinator.pk, "coordinator")] * 9 + [(staff.pk, "staff")]
    )
    assert (lines[11]["user_id"], lines[11]["role"]) == (None, "anonymous")
    assert (lines[-1]["user_id"], lines[-1]["role"]) == (expert.user.pk, "expert")
    # Every other line written during a request carries that request's id.
    ids = {line["request_id"] for line in lines}
    others = [line for line in logs.lines() if line["logger"] != "coproduce.request"]
    assert any(line["logger"].startswith("axes") for line in others)
    assert all(line["request_id"] in ids for line in others if line["logger"].startswith("axes"))


def test_a_safe_request_id_from_the_proxy_is_kept_and_anything_else_replaced(logs, db):
    client = Client()
    with logs:
        kept = client.get(reverse("accessibility"), HTTP_X_REQUEST_ID="c0ffee-42.proxy_id")
        made = client.get(reverse("accessibility"), HTTP_X_REQUEST_ID="Jo Bloggs <jo@example.net>")
        too_long = client.get(reverse("accessibility"), HTTP_X_REQUEST_ID="a" * 65)

    assert kept["X-Request-ID"] == "c0ffee-42.proxy_id"
    assert re.fullmatch(r"[0-9a-f]{32}", made["X-Request-ID"])
    assert re.fullmatch(r"[0-9a-f]{32}", too_long["X-Request-ID"])
    assert "jo@example.net" not in logs.text()
    assert [line["request_id"] for line in logs.request_lines()] == [
        kept["X-Request-ID"],
        made["X-Request-ID"],
        too_long["X-Request-ID"],
    ]
    assert request_id_from(None) != request_id_from(None)


def test_an_error_logs_the_exception_with_the_request_id_but_not_the_request(
    logs, coordinator_client
):
    coordinator_client.raise_request_exception = False
    secret = "Zanzibar-Quokka-881"
    broken = mock.patch(
        "coproduce.people.queries.register_summary", side_effect=RuntimeError("the figures broke")
    )
    with logs, broken:
        response = coordinator_client.post(
            reverse("people:dashboard") + f"?q={secret}",
            {"note": secret},
            HTTP_X_REQUEST_ID="err-test-1",
        )

    assert response.status_code == 500
    assert response["X-Request-ID"] == "err-test-1"
    [error] = [line for line in logs.lines() if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == "err-test-1"
    assert "RuntimeError: the figures broke" in error["exc_info"]
    assert error["message"] == "Internal Server Error: people:dashboard"
    assert "request" not in error
    [line] = logs.request_lines()
    assert (line["status"], line["level"], line["request_id"]) == (500, "ERROR", "err-test-1")
    assert secret not in logs.text()


def test_a_failed_sign_in_names_the_account_by_a_hash_not_its_email(logs, db):
    UserFactory(role=Role.COORDINATOR, email="cora.plant@example.org")
    with logs:
        Client(REMOTE_ADDR=ADDRESS).post(
            reverse("account_login"), {"login": "cora.plant@example.org", "password": "wrong"}
        )

    axes_lines = [line["message"] for line in logs.lines() if line["logger"].startswith("axes")]
    assert any(re.search(r"account [0-9a-f]{12}", message) for message in axes_lines)
    assert "cora.plant" not in logs.text()
    assert ADDRESS not in logs.text()


def test_an_email_the_mail_server_refuses_is_logged_without_the_address(logs, db):
    import smtplib

    from coproduce.opportunities import notify
    from tests.factories import InvitationFactory

    invitation = InvitationFactory(expert=ExpertFactory(email="refused.plant@example.net"))
    refusal = smtplib.SMTPRecipientsRefused({"refused.plant@example.net": (550, b"No such user")})
    with logs, mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refusal):
        outcome = notify.send_invitation(invitation, "token")

    assert outcome == notify.NOT_DELIVERED
    [line] = [line for line in logs.lines() if line["logger"] == "coproduce.opportunities.notify"]
    assert line["message"].endswith(f"invitation {invitation.pk}: SMTPRecipientsRefused")
    assert "refused.plant" not in logs.text()


def test_a_traceback_keeps_a_failed_constraints_column_but_not_its_value(logs, db):
    from django.db import IntegrityError

    with logs:
        try:
            raise IntegrityError(
                'duplicate key value violates unique constraint "accounts_user_email_key"\n'
                "DETAIL:  Key (email)=(jo.plant@example.net) already exists."
            )
        except IntegrityError:
            logging.getLogger("django.request").exception("Internal Server Error: %s", "x")

    [line] = logs.lines()
    assert "Key (email)=(…) already exists." in line["exc_info"]
    assert "jo.plant" not in logs.text()


def test_a_5xx_answered_without_an_exception_keeps_the_request_id_on_djangos_line(logs, db):
    """Django logs a 5xx response after every middleware has returned: its line must still
    say which request it was."""
    failing = mock.patch(
        "coproduce.core.views.health.readiness", return_value={"database": "failing"}
    )
    with logs, failing:
        response = client_as().get(reverse("health_ready"), HTTP_X_REQUEST_ID="ready-503")

    assert response.status_code == 503
    [django_line] = [line for line in logs.lines() if line["logger"] == "django.request"]
    assert django_line["request_id"] == "ready-503"
