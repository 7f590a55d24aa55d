"""Permission matrix entries for outcomes. Staff record the outcome of the work they asked
for and their team's (another team's work is not found: 404); the involvement team
(coordinators and the lead) records any and sees every outcome overdue; the lead sets the
weeks by which an outcome is due; each expert sees what happened next in their own work.
Finance and administrators see none."""

from tests.permissions.outcomes import DENIED, MISSING, OK, rule

staff_and_team = rule(default=DENIED, staff=OK, coordinator=OK, lead=OK)
# Another team's work: a member of staff is a stranger to it.
someone_elses_work = rule(default=DENIED, staff=MISSING, coordinator=OK, lead=OK)

OUTCOMES: dict[str, tuple[str, str, dict[str, str]]] = {
    "outcomes:waiting": ("get", "", staff_and_team),
    "outcomes:weeks": ("get", "", rule(default=DENIED, lead=OK)),
    "outcomes:work": ("get", "outcome_work", someone_elses_work),
    "outcomes:record": ("get", "outcome_work", someone_elses_work),
    "outcomes:mine": ("get", "", rule(default=DENIED, expert=OK)),
}


def kwargs(key: str) -> dict | None:
    if key != "outcome_work":
        return None
    from tests.impact.outcomes.helpers import held_work

    return {"pk": held_work(experts=1).pk}
