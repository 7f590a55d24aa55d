"""Permission matrix entries for an expert's year. Each expert sees their own and downloads
its two PDFs; the involvement team (coordinators and the lead) opens and prints any expert's
from their profile. Everyone else asking for an expert's year is a stranger to the record
(404, as for the expert's profile); no one but an expert has a year of their own (403)."""

from tests.permissions.outcomes import DENIED, MISSING, OK, rule

own = rule(default=DENIED, expert=OK)
team_record = rule(default=MISSING, coordinator=OK, lead=OK)

YOUR_YEAR: dict[str, tuple[str, str, dict[str, str]]] = {
    "your_year:mine": ("get", "", own),
    "your_year:mine_pdf": ("get", "your_year", own),
    "your_year:mine_easy_read_pdf": ("get", "your_year", own),
    "your_year:expert": ("get", "expert", team_record),
    "your_year:expert_pdf": ("get", "expert_year", team_record),
    "your_year:expert_easy_read_pdf": ("get", "expert_year", team_record),
}


def kwargs(key: str) -> dict | None:
    if key == "your_year":
        return {"year": 2024}
    if key == "expert_year":
        from tests.factories import ExpertFactory

        return {"pk": ExpertFactory().pk, "year": 2024}
    return None
