"""Permission matrix entries for importing a spreadsheet into the register."""

IMPORT: dict[str, tuple[str, str, dict[str, str]]] = {}
