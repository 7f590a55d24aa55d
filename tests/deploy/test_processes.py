"""More than one web process (gunicorn, production settings) on one PostgreSQL and one Redis,
with two task workers: what one web process does, the other sees, and each task runs once.

The processes start once for the module; each test makes its own people with unique emails."""

import html
import re
import secrets
import time
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.accounts.helpers import PASSWORD, totp_code
from tests.deploy.servers import (
    HOST,
    REDIS_URL,
    Processes,
    Visitor,
    database_url,
    free_port,
    production_environment,
    require_postgresql_and_redis,
    wait_for,
)
from tests.deploy.static import collected_static
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WRONG = "not the right password at all"


class Inbox:
    """aiosmtpd's handler: the emails the task workers send."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 Message accepted for delivery"


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two web servers and two workers; yields (web_a, web_b, inbox)."""
    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
    require_postgresql_and_redis(settings_dict)
    import redis
    from aiosmtpd.controller import Controller

    # Redis database 2 is this suite's own: old rate-limit counts must not carry over.
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp = tmp_path_factory.mktemp("cluster")
    inbox = Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname=HOST, port=smtp_port)
    smtp.start()
    env = production_environment(
        tmp,
        DATABASE_URL=database_url(settings_dict),
        STATIC_ROOT=str(collected_static(tmp_path_factory)),
        EMAIL_PORT=str(smtp_port),
        # Fifty sendings of the public form come from this one address below.
        GET_INVOLVED_RATE_LIMIT="1000/h/ip",
    )
    processes = Processes(tmp)
    try:
        processes.start("worker", env, "--worker-id", "worker-a", "--interval", "0.2")
        processes.start("worker", env, "--worker-id", "worker-b", "--interval", "0.2")
        web_a = processes.web(env, name="web-a")
        web_b = processes.web(env, name="web-b")
        yield web_a, web_b, inbox
    finally:
        processes.stop_all()
        smtp.stop()


def staff_user(email_prefix: str):
    """A coordinator with an authenticator app, whose password production can check: the
    suite's own hasher (MD5, for speed) is not one production settings accept."""
    user = UserFactory(
        role=Role.COORDINATOR, email=f"{email_prefix}-{secrets.token_hex(4)}@example.org"
    )
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return user


def sign_in(visitor: Visitor, web, user) -> None:
    login = visitor.post_form(
        web.url + reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert login.status_code == 302
    assert login.headers["Location"] == reverse("mfa_authenticate")
    code = visitor.post_form(
        web.url + reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)}
    )
    assert code.status_code == 302, code.text[:500]


def test_a_sign_in_through_one_web_process_works_through_the_other(cluster):
    web_a, web_b, _ = cluster
    cora = staff_user("cora")
    visitor = Visitor()
    # Before signing in, the register sends B's visitor to sign in.
    before = visitor.get(web_b.url + reverse("people:register"))
    assert before.status_code == 302
    assert before.headers["Location"].startswith(reverse("account_login"))

    sign_in(visitor, web_a, cora)

    register = visitor.get(web_b.url + reverse("people:register"))
    assert register.status_code == 200
    # The page escapes the name (an O'Sullivan's apostrophe is &#39;).
    assert cora.full_name in html.unescape(register.text)
    # And signing out through B signs out of A too.
    assert visitor.post_form(web_b.url + reverse("account_logout"), {}).status_code == 302
    after = visitor.get(web_a.url + reverse("people:register"))
    assert after.status_code == 302
    assert after.headers["Location"].startswith(reverse("account_login"))


def test_a_lock_out_made_through_one_web_process_holds_on_the_other(cluster):
    web_a, web_b, _ = cluster
    locked = staff_user("locked")
    other = staff_user("other")
    login_a = web_a.url + reverse("account_login")
    login_b = web_b.url + reverse("account_login")

    statuses = [
        Visitor().post_form(login_a, {"login": locked.email, "password": WRONG}).status_code
        for _ in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]
    # The right password through B is refused: the count lives in the shared database.
    refused = Visitor().post_form(login_b, {"login": locked.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.text
    # B still lets in an account that is not locked, so the 429 is the lock and nothing else.
    allowed = Visitor().post_form(login_b, {"login": other.email, "password": PASSWORD})
    assert allowed.status_code == 302


def test_tasks_enqueued_by_both_web_processes_each_run_exactly_once(cluster):
    """Fifty "Get involved" forms, half through each web process: each enqueues one email to
    the team (and one to the person), and the two workers between them send exactly fifty to
    the team, one per new expert."""
    from coproduce.people.models import Expert

    web_a, web_b, inbox = cluster
    inbox.messages.clear()
    tag = secrets.token_hex(4)
    for n in range(50):
        web = web_a if n % 2 else web_b
        response = Visitor().post_form(
            web.url + reverse("get_involved"),
            {
                "full_name": f"Deploy Test {n}",
                "email": f"deploy-{tag}-{n}@example.org",
                "preferred_channel": "email",
                "perspective": "carer",
                "consent": "on",
            },
        )
        assert response.status_code == 302, response.text[:300]
    expert_ids = set(
        Expert.objects.filter(email__startswith=f"deploy-{tag}-").values_list("pk", flat=True)
    )
    assert len(expert_ids) == 50

    def to_team() -> list[str]:
        return [m for m in inbox.messages if "Subject: New enquiry" in m]

    assert wait_for(lambda: len(to_team()) >= 50, timeout=120), len(to_team())
    time.sleep(3)  # a task run twice would send its second email about now

    linked = [int(m) for message in to_team() for m in re.findall(r"/experts/(\d+)/", message)]
    assert len(to_team()) == 50
    assert sorted(linked) == sorted(expert_ids)
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(task_path__endswith="tell_team_about_enquiry")
    assert runs.count() == 50
    assert {tuple(r.worker_ids) for r in runs} <= {("worker-a",), ("worker-b",)}


def test_a_cached_figure_changed_through_one_web_process_is_right_in_both(cluster):
    """The shortlist's count of sessions each expert attended lately is kept in the cache
    (Redis): attendance recorded through A must show on B's shortlist at once."""
    import redis
    from django.utils import timezone

    from tests.factories import (
        ExpertFactory,
        InvitationFactory,
        OpportunityFactory,
        SessionFactory,
    )

    web_a, web_b, _ = cluster
    cora = staff_user("cached")
    soon = timezone.now() + timedelta(days=7)
    opportunity = OpportunityFactory(title="Deploy test workshop", paid=False)
    SessionFactory(opportunity=opportunity, starts_at=soon, ends_at=soon + timedelta(hours=2))
    expert = ExpertFactory(full_name="Casey Counted")
    before = (timezone.now() - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    past = SessionFactory(
        opportunity=OpportunityFactory(paid=False),
        starts_at=before,
        ends_at=before + timedelta(hours=2),
    )
    place = InvitationFactory(session=past, expert=expert, status="accepted")
    visitor = Visitor()
    sign_in(visitor, web_a, cora)
    shortlist = reverse("opportunities:shortlist", args=[opportunity.pk])

    for web in (web_a, web_b):
        page = visitor.get(web.url + shortlist)
        assert page.status_code == 200
        assert "Casey Counted" in page.text
        assert "No sessions attended in the last 12 months" in page.text
    # The count is kept in the shared cache, not in each process.
    assert redis.Redis.from_url(REDIS_URL).keys("*opportunities:recent-attendance:*")

    recorded = visitor.post_form(
        web_a.url + reverse("opportunities:session_attendance", args=[past.pk]),
        {f"attendance_{place.pk}": "attended", f"hours_{place.pk}": "2"},
    )
    assert recorded.status_code == 302

    for web in (web_b, web_a):
        page = visitor.get(web.url + shortlist)
        assert "1 session attended in the last 12 months" in page.text, web.url
        assert "No sessions attended in the last 12 months" not in page.text
