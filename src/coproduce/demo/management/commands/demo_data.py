"""manage.py demo_data: fills the database with fictional people for a demo or a benchmark."""

import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from coproduce.demo.context import DemoContext, SignIn
from coproduce.demo.parts import PARTS

DEFAULT_SEED = 2026
MFA_NOTE = (
    "MFA is relaxed for the demo: staff have no authenticator app, and `make run` sets\n"
    "DEMO_RELAX_MFA=true so they sign in with the password alone. Without it, each staff\n"
    "user is asked to set up an authenticator app the first time they sign in."
)


class Command(BaseCommand):
    help = "Adds realistic, entirely fictional demo data: staff sign-ins, lists and experts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--experts", type=int, default=500, help="How many experts to add")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the register has any expert"
        )
        parser.add_argument(
            "--print-sign-ins", action="store_true", help="Only print the demo sign-ins"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Same seed, same people")
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (a benchmark)"
        )

    def handle(self, *args, **options) -> None:
        if options["print_sign_ins"]:
            # Only reads: safe whatever DEBUG is.
            self._print_sign_ins()
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this may be a real service: demo data would mix fictional "
                "people with real ones. Add --force if this database is a throwaway one."
            )
        if options["experts"] < 0:
            raise CommandError("--experts must be 0 or more.")
        if options["if_empty"] and apps.get_model("people", "Expert").objects.exists():
            self.stdout.write("The register already has experts: no demo data added.")
            self._print_sign_ins()
            return
        ctx = DemoContext.seeded(
            seed=options["seed"],
            experts=options["experts"],
            now=timezone.now(),
            say=lambda line: self.stdout.write(f"  {line}") if options["verbosity"] else None,
        )
        started = time.perf_counter()
        # All or nothing: a failure halfway leaves no half-built partnership behind.
        with transaction.atomic():
            for module in PARTS:
                module.create(ctx)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # New rows have no planner statistics until autovacuum comes round: gather them
            # now, so that the first figures read through their indexes (seconds, not minutes).
            # (VACUUM cannot run inside a transaction, as in a test.)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        seconds = time.perf_counter() - started
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data added in {seconds:.1f} seconds."))
            self._print_sign_ins()

    def _print_sign_ins(self) -> None:
        every = [s for m in PARTS if hasattr(m, "sign_ins") for s in m.sign_ins()]
        made = set(
            get_user_model()
            .objects.filter(email__in=[s.email for s in every], is_active=True)
            .values_list("email", flat=True)
        )
        rows = [s for s in every if s.email in made]
        if not rows:
            self.stdout.write("There are no demo sign-ins: run `manage.py demo_data` first.")
            return
        self.stdout.write("\nDemo sign-ins (all fictional people):\n")
        self.stdout.write(_table(rows))
        self.stdout.write("\n" + MFA_NOTE + "\n")


def _table(rows: list[SignIn]) -> str:
    header = SignIn("Role", "Email", "How to sign in")
    widths = [max(len(getattr(r, f)) for r in [header, *rows]) for f in ("role", "email")]
    lines = [f"  {r.role:<{widths[0]}}  {r.email:<{widths[1]}}  {r.how}" for r in [header, *rows]]
    lines.insert(1, "  " + "-" * (len(lines[0]) - 2))
    return "\n".join(lines)
