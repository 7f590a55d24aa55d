"""One database's measurements, run by `python -m coproduce.bench` in processes of its own:
`fill` migrates and times demo_data, then `measure` times the pages in a fresh process, as a
web server would be, not one still holding the memory of 20,000 new rows; `plan` makes the
accounts and sessions of the load run (load_plan.py), and `writes` times the import and the
payment run last, since they add experts and pay claims that the pages would show. The parent
sets DATABASE_URL and production-like settings; each step prints one line of JSON."""

import argparse
import contextlib
import json
import statistics
import threading
import time
from dataclasses import asdict, dataclass

import django

from coproduce.bench.impact_case import REPORT_NAME

WARM_UPS = 3


@dataclass
class Result:
    name: str
    median_ms: float | None = None
    queries: int | None = None
    error: str = ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["fill", "measure", "plan", "writes", "poll", "poll-check"])
    parser.add_argument("--election", type=int, help="poll-check: the bench's election")
    parser.add_argument("--experts", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--per-role", type=int, default=50, help="plan: accounts per role")
    parser.add_argument("--out", help="plan: the JSON file to write")
    parser.add_argument(
        "--cases",
        help="measure: only the pages whose names start so, comma-separated, such as "
        "'register,shortlist' (the register brings Django admin's list; the shortlist, every "
        "cold shortlist; 'annual' the annual report PDF), to try a change on a database filled "
        "once; writes: import, payment_run or badges",
    )
    args = parser.parse_args()
    django.setup()
    if args.step == "fill":
        print(json.dumps({"demo_seconds": _fill(args.experts)}))
    elif args.step == "measure":
        # Started as the production server's processes are (wsgi.py): every view imported,
        # and what starting made frozen out of the cycle collector's way.
        import coproduce.wsgi  # noqa: F401
        from coproduce.bench.shortlist_case import time_shortlists

        wanted = tuple(args.cases.split(",")) if args.cases else ("",)
        cold = "shortlist".startswith(wanted) or not args.cases
        shortlists = time_shortlists() if cold else {"count": 0}  # first, while cold
        results, admin = _measure_pages(args.requests, wanted)
        measured = {
            "results": [asdict(r) for r in results],
            "admin": [asdict(r) for r in admin],
            "shortlists": shortlists,
            "sizes": _sizes(),
        }
        if REPORT_NAME.startswith(wanted):
            measured["report_pdf"] = _measure_report_pdf()
        print(json.dumps(measured))
    elif args.step == "plan":
        print(json.dumps(_plan(args.per_role, args.out)))
    elif args.step == "poll":
        from coproduce.bench.poll_case import prepare

        print(json.dumps(prepare(args.out)))
    elif args.step == "poll-check":
        from coproduce.bench.poll_case import check

        print(json.dumps(check(args.election)))
    else:
        wanted = tuple(args.cases.split(",")) if args.cases else ("",)
        writes = {}
        if "import".startswith(wanted):
            writes["import"] = _measure_import()
        if "payment_run".startswith(wanted):
            writes["payment_run"] = _measure_payment_run()
        if "badges".startswith(wanted):
            writes["badges"] = _measure_badges()
        if "mailing".startswith(wanted):
            writes["mailing"] = _measure_mailing()
        print(json.dumps(writes))


def _plan(per_role: int, out: str) -> dict:
    from pathlib import Path

    from coproduce.bench.load_plan import make_plan

    plan = make_plan(per_role)
    Path(out).write_text(json.dumps(plan))
    return {role: len(people) for role, people in plan["people"].items()}


def _fill(experts: int) -> float:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("demo_data", experts=experts, force=True, verbosity=0)
    seconds = time.perf_counter() - started
    _analyze()
    return seconds


def _analyze() -> None:
    """PostgreSQL's autovacuum gathers planner statistics soon after a bulk load, and vacuums
    the new rows (which lets an index answer alone, without the table); do both now so the
    plans are the ones a live service would get. SQLite is left as a developer has it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _measure_pages(
    requests: int, wanted: tuple[str, ...] = ("",)
) -> tuple[list[Result], list[Result]]:
    """The pages; the register's turn about with Django admin's changelist of the same
    experts (admin_case.py)."""
    from coproduce.bench.admin_case import ADMIN_CASES, admin_user, expert_admin
    from coproduce.bench.cases import CASES
    from coproduce.demo.accounts import COORDINATOR_EMAIL, FINANCE_EMAIL

    with _plain_static():
        clients = {
            "coordinator": _staff_client(COORDINATOR_EMAIL),
            "finance": _staff_client(FINANCE_EMAIL),
            "expert": _expert_client(),
        }
        fixtures = _fixtures()
        cases = [case for case in CASES if case.name.startswith(wanted)]
        pages = {
            case.name: _measure(clients[case.role], case, fixtures, requests)
            for case in cases
            if case.name not in ADMIN_CASES
        }
        admin = []
        if any(case.name in ADMIN_CASES for case in cases):
            with expert_admin():
                client = _staff_client(admin_user().email)
                for case in cases:
                    if case.name in ADMIN_CASES:
                        pages[case.name], beside = _measure_beside(
                            (clients[case.role], case),
                            (client, ADMIN_CASES[case.name]),
                            fixtures,
                            requests,
                        )
                        admin.append(beside)
    return [pages[case.name] for case in cases], admin


def _measure_beside(page, other, fixtures, requests: int) -> tuple[Result, Result]:
    """Two pages timed turn about (the register and the admin's list of the same experts), so
    that whatever else the machine is doing slows both alike and their ratio holds: timed one
    after the other, a busy minute during one of them made the ratio meaningless."""
    (client, case), (other_client, other_case) = page, other
    first, second = Result(case.name), Result(other_case.name)
    try:
        paths = [case.path(fixtures), other_case.path(fixtures)]
        clients = [client, other_client]
        for _ in range(WARM_UPS):
            for c, path in zip(clients, paths, strict=True):
                _check(c.get(path), path)
        times: list[list[float]] = [[], []]
        for n in range(requests):
            for k in (0, 1) if n % 2 == 0 else (1, 0):
                started = time.perf_counter()
                response = clients[k].get(paths[k])
                times[k].append(time.perf_counter() - started)
                _check(response, paths[k])
        for result, c, path, timed in zip((first, second), clients, paths, times, strict=True):
            result.median_ms = statistics.median(timed) * 1000
            result.queries = _count_queries(c, path)
    except Exception as error:  # one broken page must not hide the other measurements
        first.error = second.error = f"{type(error).__name__}: {error}"
    return first, second


def _count_queries(client, path: str) -> int:
    """Counted on a request of its own, so that counting adds nothing to the times; on every
    connection the request used, the threads' that work out figures at once (core.at_once)
    as well as its own."""
    with all_queries() as counted:
        _check(client.get(path), path)
    return counted()


@contextlib.contextmanager
def all_queries():
    """Counts the queries run meanwhile on this thread's connection and on every connection
    opened meanwhile in any thread. Gives a function that returns the count so far."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    lock = threading.Lock()
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        with lock:
            count += 1
        return execute(sql, params, many, context)

    def opened(sender, connection, **kwargs):
        if counting not in connection.execute_wrappers:  # this thread's, opened meanwhile
            connection.execute_wrappers.append(counting)

    connection_created.connect(opened)
    try:
        with connection.execute_wrapper(counting):
            yield lambda: count
    finally:
        connection_created.disconnect(opened)


def _measure_mailing() -> dict:
    """A message to a list of every expert: checked before sending, then queued (comms_case)."""
    from coproduce.accounts.models import User
    from coproduce.bench.comms_case import measure
    from coproduce.demo.accounts import COORDINATOR_EMAIL

    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    with _plain_static():
        return measure(coordinator, _staff_client(COORDINATOR_EMAIL))


@contextlib.contextmanager
def _plain_static():
    """The manifest of collected static files is made at deploy time, not here: plain static
    storage gives the same page without running collectstatic into the developer's tree."""
    from django.conf import settings
    from django.test import override_settings

    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
        yield


def _staff_client(email: str):
    """Signed in as a demo staff member, with a TOTP authenticator as a real one would have
    (DEMO_RELAX_MFA is refused with DEBUG off)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from coproduce.accounts.middleware import PASSED_KEY
    from coproduce.accounts.models import User

    user = User.objects.get(email=email)
    # Once only: `measure` may be run again on a database already filled (see the README).
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    # As after signing in with the app's code: the middleware asks whether this session
    # passed the second factor, and would otherwise send every staff page to the sign-in.
    session = client.session
    session[PASSED_KEY] = user.pk
    session.save()
    return client


def _expert_client():
    """Signed in as the demo expert, for the expert's own pages."""
    from django.test import Client

    from coproduce.accounts.models import User
    from coproduce.demo.accounts import DEMO_DOMAIN

    client = Client()
    expert = User.objects.filter(email=f"expert@{DEMO_DOMAIN}").first()
    if expert is not None:  # without one, the expert's cases report a sign-in redirect
        client.force_login(expert)
    return client


def _fixtures():
    from django.db.models import Count

    from coproduce.bench.cases import Fixtures
    from coproduce.people.models import Expert, LivedExperienceArea

    area = LivedExperienceArea.objects.annotate(n=Count("experts")).order_by("-n").first()
    # A long-standing expert from the middle of the register, with a history to show.
    ids = list(Expert.objects.filter(status="active").order_by("pk").values_list("pk", flat=True))
    assert area is not None and ids, "demo_data made no experts"
    from coproduce.demo.history import SHORTLIST_TITLE
    from coproduce.opportunities.models import Opportunity

    opportunity = Opportunity.objects.filter(title=SHORTLIST_TITLE).first()
    return Fixtures(
        area_id=area.pk,
        expert_id=ids[len(ids) // 2],
        opportunity_id=opportunity.pk if opportunity else None,
    )


def _measure(client, case, fixtures, requests: int) -> Result:
    result = Result(case.name)
    try:
        path = case.path(fixtures)
        for _ in range(WARM_UPS):
            _check(client.get(path), path)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            _check(response, path)
        result.median_ms = statistics.median(times) * 1000
        result.queries = _count_queries(client, path)
    except Exception as error:  # one broken page must not hide the other measurements
        result.error = f"{type(error).__name__}: {error}"
    return result


def _measure_import() -> dict:
    """After the pages, so that the 5,000 people it adds do not change what they show."""
    from coproduce.accounts.models import User
    from coproduce.bench.import_case import time_import
    from coproduce.demo.accounts import COORDINATOR_EMAIL

    try:
        return {"seconds": time_import(User.objects.get(email=COORDINATOR_EMAIL)), "error": ""}
    except Exception as error:  # reported in the table, like a broken page
        return {"seconds": None, "error": f"{type(error).__name__}: {error}"}


def _measure_payment_run() -> dict:
    """After the pages: the run pays 5,000 claims, which the queue and budgets would show."""
    from coproduce.accounts.models import User
    from coproduce.bench.run_case import time_payment_run
    from coproduce.demo.accounts import FINANCE_EMAIL

    try:
        return {"seconds": time_payment_run(User.objects.get(email=FINANCE_EMAIL)), "error": ""}
    except Exception as error:  # reported in the table, like a broken page
        return {"seconds": None, "error": f"{type(error).__name__}: {error}"}


def _measure_badges() -> dict:
    """After the pages: it gives 500 experts a photo and a badge, which profiles would show."""
    from coproduce.accounts.models import User
    from coproduce.bench.badges_case import time_badge_print
    from coproduce.demo.accounts import COORDINATOR_EMAIL

    try:
        return {**time_badge_print(User.objects.get(email=COORDINATOR_EMAIL)), "error": ""}
    except Exception as error:  # reported in the table, like a broken page
        return {"seconds": None, "error": f"{type(error).__name__}: {error}"}


def _sizes() -> dict[str, int]:
    from coproduce.bench.impact_case import data_sizes

    return data_sizes()


def _measure_report_pdf() -> dict:
    """After the pages: a PDF of seconds, timed on its own rather than as a page."""
    from coproduce.bench.impact_case import time_report_pdf

    try:
        return {**time_report_pdf(), "error": ""}
    except Exception as error:  # reported in the table, like a broken page
        return {"seconds": None, "error": f"{type(error).__name__}: {error}"}


def _check(response, path: str) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")


if __name__ == "__main__":
    main()
