"""Permission matrix entries for importing a spreadsheet into the register. Only the
involvement team may import. A batch is seen only by the coordinator who uploaded it: the
matrix's batch belongs to another coordinator, so the team gets 404 and learns nothing of it."""

from tests.permissions.outcomes import DENIED, MISSING, TEAM, only, rule

team_only = only(TEAM)
uploader_only = rule(default=DENIED, coordinator=MISSING, lead=MISSING)

IMPORT: dict[str, tuple[str, str, dict[str, str]]] = {
    "people:import_start": ("get", "", team_only),
    "people:import_template": ("get", "", team_only),
    "people:import_columns": ("get", "import_batch", uploader_only),
    "people:import_preview": ("get", "import_batch", uploader_only),
    "people:import_cancel": ("post", "import_batch", uploader_only),
    "people:import_done": ("get", "import_batch", uploader_only),
}
