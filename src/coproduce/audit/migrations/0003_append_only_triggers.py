"""The audit trail is append-only in the database too, not only in Python: triggers refuse any
UPDATE or DELETE of a row of audit_auditevent or audit_recordview, whoever sends it.

One UPDATE is let through: setting the actor (viewer) to NULL and nothing else, which is what
the foreign key's on_delete=SET_NULL does when a user account is deleted; the name stays in
actor_label (viewer_label).

PostgreSQL: TRUNCATE fires no row triggers, so `manage.py flush` and the tests' flush still
empty the tables. SQLite: flush is a DELETE FROM each table, which would fire the triggers, so
they let a DELETE through while the table audit_flushing has a row; only the tests' flush puts
one there, inside the flush's own transaction (tests/conftest.py). SQLite names the columns a
trigger guards (UPDATE OF ...): a later migration adding a column must add it there, and one
that rebuilds the table on SQLite must install the triggers again (tests/audit checks both)."""

from django.db import migrations

MESSAGE = "Audit records cannot be changed or deleted."

# table, the user column, every other column
TABLES = [
    (
        "audit_auditevent",
        "actor_id",
        [
            "id",
            "at",
            "actor_label",
            "action",
            "model",
            "object_id",
            "subject_model",
            "subject_id",
            "summary",
            "changes",
        ],
    ),
    (
        "audit_recordview",
        "viewer_id",
        ["id", "at", "viewer_label", "subject_model", "subject_id", "what"],
    ),
]


def _postgresql(table: str, user_column: str) -> tuple[list[str], list[str]]:
    function = f"{table}_append_only"
    install = [
        f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
               AND NEW.{user_column} IS NULL
               AND (to_jsonb(NEW) - '{user_column}') = (to_jsonb(OLD) - '{user_column}') THEN
                RETURN NEW;  -- the user account was deleted (on_delete=SET_NULL)
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}()
        """,
    ]
    remove = [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP FUNCTION IF EXISTS {function}()",
    ]
    return install, remove


def _sqlite(table: str, user_column: str, columns: list[str]) -> tuple[list[str], list[str]]:
    refuse = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    install = [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {', '.join(columns)} ON {table} "
        f"FOR EACH ROW {refuse}",
        f"CREATE TRIGGER {table}_no_user_change BEFORE UPDATE OF {user_column} ON {table} "
        f"FOR EACH ROW WHEN NEW.{user_column} IS NOT NULL {refuse}",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "  # our own table names  # nosec B608
        f"FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM audit_flushing) {refuse}",
    ]
    remove = [
        f"DROP TRIGGER IF EXISTS {table}_{name}"
        for name in ("no_update", "no_user_change", "no_delete")
    ]
    return install, remove


def _statements(vendor: str) -> tuple[list[str], list[str]]:
    install: list[str] = []
    remove: list[str] = []
    if vendor == "sqlite":
        install.append("CREATE TABLE IF NOT EXISTS audit_flushing (flushing integer NOT NULL)")
    for table, user_column, columns in TABLES:
        if vendor == "postgresql":
            add, drop = _postgresql(table, user_column)
        elif vendor == "sqlite":
            add, drop = _sqlite(table, user_column, columns)
        else:
            raise NotImplementedError(f"No audit triggers written for {vendor}.")
        install += add
        remove += drop
    if vendor == "sqlite":
        remove.append("DROP TABLE IF EXISTS audit_flushing")
    return install, remove


def _run(schema_editor, statements: list[str]) -> None:
    for sql in statements:
        schema_editor.execute(sql)


def install(apps, schema_editor):
    _run(schema_editor, _statements(schema_editor.connection.vendor)[0])


def remove(apps, schema_editor):
    _run(schema_editor, _statements(schema_editor.connection.vendor)[1])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_export_actions"),
    ]

    operations = [migrations.RunPython(install, remove)]
