"""Small typed readers of environment variables that fail loudly on a bad value.

A secret may be given as NAME_FILE (a path whose contents are the value), so that
container secrets never have to sit in the environment itself.
"""

import os
from decimal import Decimal, InvalidOperation


class EnvError(ValueError):
    pass


def _raw(name: str) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        with open(file_path, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(name)


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise EnvError(f"{name} must be a whole number, not {value!r}") from error


def env_decimal(name: str, default: str) -> Decimal:
    value = _raw(name) or default
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise EnvError(f"{name} must be a number, not {value!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    value = _raw(name)
    if value is None:
        value = default
    return [item.strip() for item in value.split(",") if item.strip()]
