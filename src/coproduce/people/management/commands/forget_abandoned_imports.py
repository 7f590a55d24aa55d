"""manage.py forget_abandoned_imports: for a daily scheduled job."""

from django.core.management.base import BaseCommand

from coproduce.people.imports import forget_abandoned_imports


class Command(BaseCommand):
    help = "Deletes spreadsheet uploads left unimported for a day, and their stored files."

    def handle(self, *args, **options) -> None:
        count = forget_abandoned_imports()
        self.stdout.write(f"Forgot {count} abandoned spreadsheet upload(s).")
