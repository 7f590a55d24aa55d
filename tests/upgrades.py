"""Databases as an older release left them, for the tests of the migrations that upgrade them.

Going back from today's schema to an old one unapplies every later migration, which took half a
minute for each test. An old database starts empty instead: every table is dropped and the
migrations of that release are applied, which is quicker. The tests then upgrade it with every
migration, as a trust's upgrade does, which leaves the database as the rest of the suite
expects it."""

from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """Applies (or unapplies) migrations up to `targets`, every leaf when not given, and returns
    the models as they are at those migrations."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _drop_every_table() -> None:
    tables = connection.introspection.table_names(include_views=False)
    quote = connection.ops.quote_name
    # SQLite's schema editor turns foreign key checks off while it works, so tables go in any
    # order; PostgreSQL's CASCADE takes the constraints that point at each table with it.
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.schema_editor() as editor:
        for table in tables:
            editor.execute(f"DROP TABLE IF EXISTS {quote(table)}{cascade}")


def _later_than(executor: MigrationExecutor, targets) -> set[tuple[str, str]]:
    """The migrations made after `targets`: the next migration of each target's app, and every
    migration that depends on it, as Django reckons what going back to `targets` unapplies."""
    graph = executor.loader.graph
    later: set[tuple[str, str]] = set()
    for target in targets:
        for child in graph.node_map[target].children:
            if child[0] == target[0]:
                later.update(graph.backwards_plan(child))
    return later


def database_at(targets):
    """An empty database as it was at the old migrations `targets`, with every other migration
    of the time applied too (the libraries' own among them): the models of that time."""
    _drop_every_table()
    executor = MigrationExecutor(connection)
    later = _later_than(executor, targets)
    plan = [
        (migration, backwards)
        for migration, backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())
        if (migration.app_label, migration.name) not in later
    ]
    executor.migrate(targets, plan=plan)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def up_to_date() -> None:
    """Every migration applied, and the content types and permissions that the migrate command
    makes after them (the dropped tables took them), for the tests that follow."""
    migrate()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
