"""Records that an email to this address bounced: its latest message from a mailing list is
marked bounced, with the reason, on the message's delivery page. For a mail server's bounce
report, or a returned email the team forwards by hand."""

from django.core.management.base import BaseCommand

from coproduce.comms.lists.services import record_bounce
from coproduce.core.formats import count_of


class Command(BaseCommand):
    help = "Marks the latest mailing list email to an address as bounced"

    def add_arguments(self, parser):
        parser.add_argument("address", help="The email address that bounced")
        parser.add_argument("--reason", default="", help="What the mail server said")

    def handle(self, *args, address: str, reason: str, **options):
        marked = record_bounce(address=address, reason=reason)
        if marked:
            self.stdout.write(f"Marked {count_of(marked, 'email')} to that address as bounced.")
        else:
            self.stdout.write("No email from a mailing list was sent to that address.")
