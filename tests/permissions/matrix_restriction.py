"""Permission matrix entries for restricting processing (UK GDPR article 18). Anyone in the
involvement team may restrict a person's record, at once; only the involvement lead lifts it.
Another expert's record, or any record for other staff, is not found (404)."""

from tests.permissions.outcomes import DENIED, MISSING, OK, TEAM, only, rule

RESTRICTION: dict[str, tuple[str, str, dict[str, str]]] = {
    "people:restricted": ("get", "", only(TEAM)),
    "people:expert_restrict": ("get", "expert", rule(default=MISSING, coordinator=OK, lead=OK)),
    "people:expert_restriction_lift": (
        "get",
        "restricted_expert",
        rule(default=MISSING, coordinator=DENIED, lead=OK),
    ),
}


def kwargs(key: str) -> dict | None:
    if key != "restricted_expert":
        return None
    from coproduce.people.restriction import restrict_processing
    from tests.factories import ExpertFactory, UserFactory

    expert = ExpertFactory()
    restrict_processing(
        actor=UserFactory(role="coordinator"), expert=expert, reason="Asked us to stop"
    )
    return {"pk": expert.pk}
