"""manage.py forget_abandoned_imports: forgets abandoned uploads alone (the nightly
`manage.py apply_retention` does it with the other kinds of record)."""

from django.core.management.base import BaseCommand

from coproduce.retention.receivers import forget_abandoned_imports


class Command(BaseCommand):
    help = (
        "Deletes spreadsheet uploads left unimported for the days set in the retention "
        "periods, and their stored files."
    )

    def handle(self, *args, **options) -> None:
        count = forget_abandoned_imports()
        self.stdout.write(f"Forgot {count} abandoned spreadsheet upload(s).")
