"""Permission matrix entries for training. The involvement lead keeps the courses; the
involvement team (coordinators and the lead) records training and sees the lists; each expert
and member of staff who works beside experts sees their own. Finance and administrators see
none. A record or an expert's page asked for by someone outside the team is not found (404)."""

from tests.permissions.outcomes import (
    DENIED,
    MEMBERSHIP_ROLES,
    MISSING,
    OK,
    REDIRECT,
    TEAM,
    only,
    rule,
)

team_only = only(TEAM)
lead_only = only(("lead",))
team_record = rule(default=MISSING, coordinator=OK, lead=OK)

TRAINING: dict[str, tuple[str, str, dict[str, str]]] = {
    "training:records": ("get", "", team_only),
    "training:expiring": ("get", "", team_only),
    "training:expired": ("get", "", team_only),
    "training:courses": ("get", "", team_only),
    "training:course_new": ("get", "", lead_only),
    "training:course_edit": ("get", "training_course", lead_only),
    "training:course_retire": ("get", "training_course", lead_only),
    "training:course_restore": (
        "post",
        "training_retired_course",
        rule(default=DENIED, lead=REDIRECT),
    ),
    "training:record_expert": ("get", "expert", team_record),
    "training:record_staff": ("get", "", team_only),
    "training:record_many": ("get", "", team_only),
    "training:record_edit": ("get", "training_record", team_record),
    "training:record_remove": ("get", "training_record", team_record),
    "training:mine": (
        "get",
        "",
        rule(
            default=OK,
            finance=DENIED,
            administrator=DENIED,
            **dict.fromkeys(MEMBERSHIP_ROLES, DENIED),
        ),
    ),
}


def kwargs(key: str) -> dict | None:
    if key not in {"training_course", "training_retired_course", "training_record"}:
        return None
    from datetime import date

    from tests.factories import ExpertFactory
    from tests.training.helpers import make_course, make_record

    course = make_course(retired=key == "training_retired_course")
    if key == "training_record":
        record = make_record(course=course, expert=ExpertFactory(), completed_on=date(2026, 1, 5))
        return {"pk": record.pk}
    return {"pk": course.pk}
