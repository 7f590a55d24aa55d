"""manage.py apply_retention [--dry-run]: applies the retention rules now, as the nightly task
does, and prints how many records of each kind went (or, with --dry-run, would go)."""

from django.core.management.base import BaseCommand

from coproduce.retention.kinds import KINDS, period_words
from coproduce.retention.models import COUNT_FOR, RetentionPeriods
from coproduce.retention.services import apply_retention


class Command(BaseCommand):
    help = "Erases or deletes records kept longer than the retention periods, and says how many."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be erased or deleted, and change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        periods = RetentionPeriods.current()
        outcome = apply_retention(dry_run=dry_run)
        verb = "would go" if dry_run else "went"
        self.stdout.write("Dry run: nothing was changed." if dry_run else "Retention applied.")
        for kind in KINDS:
            kept = period_words(kind, getattr(periods, kind.field))
            count = outcome.counts[COUNT_FOR[kind.field]]
            self.stdout.write(f"{kind.name} (kept {kept}): {count} {verb}")
