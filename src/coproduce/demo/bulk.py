"""Hundreds of thousands of demo rows into the database quickly, with the values Django would
have written.

`bulk_create` prepares every value of every row through several layers of field methods and
then makes one long SQL statement a batch; for the benchmark's 20,000 experts (about a million
rows) that took most of `demo_data`'s time. `insert` does the same work once a field: it picks
how each column's value becomes what the database keeps (a date as text on SQLite, a Decimal
as is, a choice as its string), falls back to the field's own method for anything unusual, and
sends the rows as one prepared statement run many times (SQLite) or copies them (PostgreSQL's
COPY). The rows' keys are given here, in order, as bulk_create would have given them, and set
on the objects, so their children can point at them; PostgreSQL's sequence is moved past them.

Only for demo data inside demo_data's transaction: nothing else writes these tables meanwhile,
and no signal, `save()` or audit record is wanted."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

# Fields whose value goes to the database as it is, when it is of the plain type expected.
_AS_IS = {
    "AutoField": int,
    "BigAutoField": int,
    "SmallAutoField": int,
    "IntegerField": int,
    "BigIntegerField": int,
    "SmallIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveBigIntegerField": int,
    "PositiveSmallIntegerField": int,
    "BooleanField": bool,
    "CharField": str,
    "TextField": str,
    "EmailField": str,
    "SlugField": str,
    "URLField": str,
}


def _converter(field: models.Field) -> Callable[[Any], Any]:
    """How the field's value becomes the database's, quickly for the usual types; exactly
    as Django's `get_db_prep_save` does it (which is called for anything else)."""

    def slow(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    ops = connection.ops
    kind = field.get_internal_type()
    if field.is_relation:
        target = field.target_field  # type: ignore[attr-defined]
        kind = target.get_internal_type()
    if kind in _AS_IS:
        plain = _AS_IS[kind]

        def as_is(value: Any) -> Any:
            # A choice (a str subclass) goes in as Django sends it: the value itself.
            return value if value is None or isinstance(value, plain) else slow(value)

        return as_is
    if kind == "DateTimeField":
        # SQLite keeps a moment as text in the connection's zone (UTC), as
        # adapt_datetimefield_value writes it; PostgreSQL takes the aware datetime.
        zone = connection.timezone if connection.vendor == "sqlite" else None

        def moment(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is datetime and value.tzinfo is not None:
                if zone is None:
                    return ops.adapt_datetimefield_value(value)
                return str(value.astimezone(zone).replace(tzinfo=None))
            return slow(value)

        return moment
    if kind == "DateField":

        def day(value: Any) -> Any:
            if value is None:
                return None
            return ops.adapt_datefield_value(value) if type(value) is date else slow(value)

        return day
    if kind == "DecimalField":
        digits, places = field.max_digits, field.decimal_places  # type: ignore[attr-defined]

        def amount(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is Decimal and value.is_finite():
                return ops.adapt_decimalfield_value(value, digits, places)
            return slow(value)

        return amount
    return slow


def _next_key(model: type[models.Model]) -> int:
    found = model._default_manager.aggregate(most=Max("pk"))["most"]
    return (found or 0) + 1


def insert(model: type[models.Model], objects: Iterable[models.Model]) -> list[models.Model]:
    """Saves these new objects of `model` in bulk, giving each its key; returns them."""
    objs = list(objects)
    if not objs:
        return objs
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]  # type: ignore[attr-defined]
    pk = meta.pk
    assert pk is not None
    # A key the database numbers is given here; a UUID key is already set by its default.
    numbered = pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")
    key = _next_key(model) if numbered else 0
    now = timezone.now()
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    relations = [f for f in fields if f.is_relation]
    # Values are read from and written to each object's __dict__, where Django keeps them:
    # the fields' descriptors, called a million times, were much of the time.
    for obj in objs:
        values = obj.__dict__
        if values.get(pk.attname) is None:
            values[pk.attname] = key
            key += 1
        for field in stamped:
            values[field.attname] = now if isinstance(field, models.DateTimeField) else now.date()
        for field in relations:
            # As bulk_create does: a parent saved after it was given takes its key now.
            if values.get(field.attname) is None and field.is_cached(obj):  # type: ignore[attr-defined]
                parent = field.get_cached_value(obj)  # type: ignore[attr-defined]
                if parent is not None:
                    values[field.attname] = parent.pk
    names = [f.attname for f in fields]
    converters = [_converter(f) for f in fields]
    rows = [
        tuple(
            convert(value) for convert, value in zip(converters, _values(obj, names), strict=True)
        )
        for obj in objs
    ]
    _write(meta.db_table, [f.column for f in fields], rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(sql)
    return objs


def _values(obj: models.Model, names: list[str]) -> list[Any]:
    values = obj.__dict__
    return [values[name] for name in names]


def _write(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            places = ", ".join(["%s"] * len(columns))
            # Our own table and column names, quoted; the values are parameters.
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({places})"  # noqa: S608  # nosec B608
            cursor.executemany(sql, rows)
