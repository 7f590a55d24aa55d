"""Two narrow ways past the audit trail's append-only triggers (migration 0003), each open only
inside the one transaction that asks for it, through audit.services:

- Erasure (`scrubbing`): a person's personal data must leave the audit trail's old and new
  values too (UK GDPR article 17). While audit_scrubbing holds a row naming a record ("model",
  "object id", e.g. "people.expert" "42", or "accounts.user" "7"), the events about it (by
  subject, by the record changed, or by the account that made the change) may have their
  `changes`, `summary` and `actor_label` rewritten; every other column stays as it was.
- Retention (`pruning`): while audit_pruning holds a cutoff, rows of either table from before
  it may be deleted.

The services put the row in and take it out inside their own transaction, so no other
connection ever sees it (an uncommitted row is invisible to others on PostgreSQL, and SQLite
lets one writer at a time). Anything else, an UPDATE or DELETE sent by hand included, is
refused as before. The flush rule (audit_flushing, SQLite) and the on_delete=SET_NULL rule stay.

SQLite names the columns a trigger guards (UPDATE OF ...): a later migration adding a column
must add it here, and one that rebuilds the table on SQLite must install the triggers again."""

import importlib

from django.db import migrations

OLD = importlib.import_module("coproduce.audit.migrations.0003_append_only_triggers")
MESSAGE = OLD.MESSAGE

# Columns erasure may rewrite; the rest never change.
CONTENT = ["actor_label", "summary", "changes"]
FIXED = ["id", "at", "action", "model", "object_id", "subject_model", "subject_id"]
VIEW_COLUMNS = ["id", "at", "viewer_label", "subject_model", "subject_id", "what"]

PERMIT_TABLES = [
    "CREATE TABLE IF NOT EXISTS audit_scrubbing "
    "(model varchar(100) NOT NULL, object_id varchar(64) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_pruning (before_at {timestamp} NOT NULL)",
]
DROP_PERMIT_TABLES = ["DROP TABLE IF EXISTS audit_scrubbing", "DROP TABLE IF EXISTS audit_pruning"]


def _scrub_permitted(row: str, cast_actor: str) -> str:
    """SQL: a scrubbing permit names this event's subject, its record, or its actor. `row` and
    `cast_actor` are constants of this module, never input."""
    return (
        "EXISTS (SELECT 1 FROM audit_scrubbing s WHERE "  # noqa: S608  # nosec B608: constants
        f"(s.model = {row}.subject_model AND s.object_id = {row}.subject_id) "
        f"OR (s.model = {row}.model AND s.object_id = {row}.object_id) "
        f"OR (s.model = 'accounts.user' AND s.object_id = {cast_actor}))"
    )


def _prune_permitted(row: str) -> str:
    """SQL: a pruning permit's cutoff is after this row. `row` is a constant, never input."""
    return f"EXISTS (SELECT 1 FROM audit_pruning p WHERE {row}.at < p.before_at)"  # noqa: S608  # nosec B608


def _postgresql() -> tuple[list[str], list[str]]:
    unchanged = " - ".join(f"'{c}'" for c in CONTENT)
    install = [
        """
        CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
               AND NEW.actor_id IS NULL
               AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
                RETURN NEW;  -- the user account was deleted (on_delete=SET_NULL)
            END IF;
            IF TG_OP = 'UPDATE'
               AND (to_jsonb(NEW) - """
        + unchanged
        + """) = (to_jsonb(OLD) - """
        + unchanged
        + """)
               AND """
        + _scrub_permitted("OLD", "CAST(OLD.actor_id AS varchar)")
        + """ THEN
                RETURN NEW;  -- erasure (audit.services.scrubbing)
            END IF;
            IF TG_OP = 'DELETE' AND """
        + _prune_permitted("OLD")
        + """ THEN
                RETURN OLD;  -- retention (audit.services.pruning)
            END IF;
            RAISE EXCEPTION '"""
        + MESSAGE
        + """' USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION audit_recordview_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
               AND NEW.viewer_id IS NULL
               AND (to_jsonb(NEW) - 'viewer_id') = (to_jsonb(OLD) - 'viewer_id') THEN
                RETURN NEW;  -- the user account was deleted (on_delete=SET_NULL)
            END IF;
            IF TG_OP = 'DELETE' AND """
        + _prune_permitted("OLD")
        + """ THEN
                RETURN OLD;  -- retention (audit.services.pruning)
            END IF;
            RAISE EXCEPTION '"""
        + MESSAGE
        + """' USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """,
    ]
    # The triggers of 0003 call these functions by name, so replacing them is enough.
    return install, []


def _sqlite() -> tuple[list[str], list[str]]:
    refuse = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    flushing = "EXISTS (SELECT 1 FROM audit_flushing)"
    install = [
        "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
        "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
        "DROP TRIGGER IF EXISTS audit_recordview_no_delete",
        f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE OF {', '.join(FIXED)} "
        f"ON audit_auditevent FOR EACH ROW {refuse}",
        f"CREATE TRIGGER audit_auditevent_no_content_update BEFORE UPDATE OF "
        f"{', '.join(CONTENT)} ON audit_auditevent FOR EACH ROW "
        f"WHEN NOT {_scrub_permitted('OLD', 'CAST(OLD.actor_id AS text)')} {refuse}",
        "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
        f"FOR EACH ROW WHEN NOT {flushing} AND NOT {_prune_permitted('OLD')} {refuse}",
        "CREATE TRIGGER audit_recordview_no_delete BEFORE DELETE ON audit_recordview "
        f"FOR EACH ROW WHEN NOT {flushing} AND NOT {_prune_permitted('OLD')} {refuse}",
    ]
    remove = [
        "DROP TRIGGER IF EXISTS audit_auditevent_no_content_update",
        "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
        "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
        "DROP TRIGGER IF EXISTS audit_recordview_no_delete",
    ]
    return install, remove


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    timestamp = "timestamp with time zone" if vendor == "postgresql" else "datetime"
    for sql in PERMIT_TABLES:
        schema_editor.execute(sql.format(timestamp=timestamp))
    if vendor == "postgresql":
        statements = _postgresql()[0]
    elif vendor == "sqlite":
        statements = _sqlite()[0]
    else:
        raise NotImplementedError(f"No audit triggers written for {vendor}.")
    for sql in statements:
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    """Back to migration 0003's triggers, which allow neither."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in _sqlite()[1]:
            schema_editor.execute(sql)
    old_install, old_remove = OLD._statements(vendor)
    for sql in old_remove:
        if "audit_flushing" not in sql:
            schema_editor.execute(sql)
    for sql in old_install:
        schema_editor.execute(sql)
    for sql in DROP_PERMIT_TABLES:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_rights_actions"),
    ]

    operations = [migrations.RunPython(install, remove)]
