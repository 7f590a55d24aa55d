"""Permission matrix entries for the directory of experts and events (issue 14). Experts join,
change and leave their own entry and see the directory (once they are in it); its photos are
served only to experts in it and to the involvement lead, who alone looks after the entries;
nobody else learns a photo exists. The involvement team arranges events and sees the replies;
experts reply. Staff, finance and administrators have no part in either."""

from tests.permissions.outcomes import DENIED, MISSING, OK, REDIRECT, rule

expert = rule(default=DENIED, expert=OK)
lead = rule(default=DENIED, lead=OK)
team = rule(default=DENIED, coordinator=OK, lead=OK)

DIRECTORY: dict[str, tuple[str, str, dict[str, str]]] = {
    # An expert not yet in the directory sees what it is and how to join.
    "directory:directory": ("get", "", expert),
    "directory:my_entry": ("get", "", expert),
    "directory:leave": ("get", "", expert),
    # Another expert's photo: the signed-in expert is not in the directory themselves.
    "directory:photo": ("get", "directory_entry", rule(default=MISSING, lead=OK)),
    "directory:look_after": ("get", "", lead),
    "directory:hide": ("get", "directory_entry", lead),
    "directory:show": ("post", "directory_entry", rule(default=DENIED, lead=REDIRECT)),
    "directory:events": ("get", "", team),
    "directory:event_new": ("get", "", team),
    "directory:event_detail": ("get", "event", team),
    "directory:event_edit": ("get", "event", team),
    "directory:event_download": ("get", "event", team),
    "directory:my_events": ("get", "", expert),
    "directory:reply": ("get", "event", expert),
}


def kwargs(key: str) -> dict | None:
    if key == "directory_entry":
        from coproduce.comms.directory import services
        from tests.comms.directory.helpers import photo_file
        from tests.factories import ExpertFactory

        entry = services.set_entry(
            actor=None,
            expert=ExpertFactory(),
            first_name="Priya",
            interests="Gardening",
            photo=services.NEW_PHOTO,
            upload=photo_file(),
        )
        return {"pk": entry.pk}
    if key == "event":
        from tests.comms.directory.helpers import event

        return {"pk": event().pk}
    return None
