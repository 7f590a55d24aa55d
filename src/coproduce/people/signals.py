"""Signals the register sends, so it need not know who acts on them."""

from django.dispatch import Signal

# Sent as a spreadsheet import starts, inside its transaction, before the upload is kept.
# No arguments. Retention (coproduce.retention.receivers) forgets uploads left unimported for
# longer than the organisation's period, so a spreadsheet of people's details is not kept
# longer than an import needs it.
import_starting = Signal()
