"""Signals the register sends, so it need not know who acts on them, and one it listens to,
so that apps above it can tell it something without writing its records."""

from django.dispatch import Signal

# Sent as a spreadsheet import starts, inside its transaction, before the upload is kept.
# No arguments. Retention (coproduce.retention.receivers) forgets uploads left unimported for
# longer than the organisation's period, so a spreadsheet of people's details is not kept
# longer than an import needs it.
import_starting = Signal()

# Sent by the onboarding app inside the signature's transaction when an expert signs a version
# of the privacy notice, in the portal or on paper as a coordinator records it. Arguments:
# `expert`, `version` (its number, as text: "3"), `signed_at`, `actor` (who recorded it).
# The register's receiver (coproduce.people.receivers) records that version on the expert, so
# their consent follows what they signed: the signature is the record, the register a copy.
privacy_notice_signed = Signal()
