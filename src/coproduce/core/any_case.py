"""Making names unique in any case in a database that already holds some that differ only in
case ("Anxiety" and "anxiety"), before a migration adds the constraint that forbids them.

A trust upgrading must not find its migration stopped by data the old checks let in (an
import, the admin, a race). The first of each set (lowest id) keeps its name; each other gets
" (2)", " (3)" and so on, which coordinators will see and can merge by hand. Nothing is
deleted and nothing points elsewhere."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any


def rename_duplicates(
    app_label: str, model_name: str, field: str = "name", within: Sequence[str] = ()
) -> Callable[[Any, Any], None]:
    """A RunPython function that renames rows whose `field` repeats another's in any case
    (among rows with the same `within` values)."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        limit = model._meta.get_field(field).max_length
        rows = list(model._default_manager.order_by("pk").values_list("pk", field, *within))
        taken = {(value.casefold(), *scope) for _pk, value, *scope in rows}
        seen: dict[tuple, int] = defaultdict(int)
        for pk, value, *scope in rows:
            key = (value.casefold(), *scope)
            seen[key] += 1
            if seen[key] == 1:
                continue
            number = seen[key]
            while True:
                suffix = f" ({number})"
                renamed = value[: limit - len(suffix)] + suffix if limit else value + suffix
                if (renamed.casefold(), *scope) not in taken:
                    break
                number += 1
            taken.add((renamed.casefold(), *scope))
            model._default_manager.filter(pk=pk).update(**{field: renamed})

    return forwards


def refuse_duplicate_emails(app_label: str, model_name: str) -> Callable[[Any, Any], None]:
    """A RunPython function that stops the migration, saying what to do, when two accounts'
    sign-in emails differ only in case: they are one person's, and only a person can say which
    account to keep. Account numbers only: no email address reaches the log."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        found: dict[str, list[int]] = defaultdict(list)
        for pk, email in model._default_manager.order_by("pk").values_list("pk", "email"):
            if email:
                found[email.casefold()].append(pk)
        clashes = [ids for ids in found.values() if len(ids) > 1]
        if clashes:
            listed = "; ".join(", ".join(str(pk) for pk in ids) for ids in clashes)
            raise RuntimeError(
                "Some accounts share a sign-in email that differs only in capital letters "
                f"(account numbers: {listed}). Change or remove one of each before upgrading."
            )

    return forwards
