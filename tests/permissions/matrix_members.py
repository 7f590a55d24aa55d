"""Permission matrix entries for Foundation Trust members (issue 15). Joining and managing a
membership are public: the manage pages open only from a valid emailed link (the link itself
sends everyone on to the details page; without one, the details and leave pages refuse
everyone). The register, constituencies and minimum age are the membership office's alone: the
returning officer, the scrutineer and all involvement roles are refused."""

from datetime import date

from tests.permissions.outcomes import DENIED, PUBLIC, REDIRECT, only, rule

office = only(("membership_office",))
no_link = rule(default=DENIED, anonymous=DENIED)
link = rule(default=REDIRECT, anonymous=REDIRECT)

MEMBERS: dict[str, tuple[str, str, dict[str, str]]] = {
    "members:member_join": ("get", "", PUBLIC),
    "members:member_join_done": ("get", "", PUBLIC),
    "members:member_manage": ("get", "", PUBLIC),
    "members:member_manage_sent": ("get", "", PUBLIC),
    "members:member_manage_link": ("get", "member_token", link),
    "members:member_details": ("get", "", no_link),
    "members:member_leave": ("get", "", no_link),
    "members:member_left": ("get", "", PUBLIC),
    "members:member_get_involved": ("get", "", no_link),
    "members:expert_join": ("get", "", only(("expert",))),
    "members:member_list": ("get", "", office),
    "members:member_add": ("get", "", office),
    "members:staff_list": ("get", "", office),
    "members:member_detail": ("get", "member", office),
    "members:member_edit": ("get", "member", office),
    "members:member_mark_left": ("get", "member", office),
    "members:member_data": ("get", "member", office),
    "members:member_erase": ("get", "member", office),
    "members:constituency_list": ("get", "", office),
    "members:constituency_add": ("get", "", office),
    "members:constituency_edit": ("get", "constituency", office),
    "members:minimum_age": ("get", "", office),
    "members:representation": ("get", "", office),
    "members:representation_download": ("get", "", office),
}


def _member():
    from coproduce.membership.members.choices import ConstituencyKind, JoinedBy
    from coproduce.membership.members.models import Constituency, Member

    constituency, _ = Constituency.objects.get_or_create(
        name="Patients and carers", defaults={"kind": ConstituencyKind.PATIENTS_AND_CARERS}
    )
    return Member.objects.create(
        constituency=constituency,
        full_name="Matrix Member",
        email="matrix.member@example.org",
        date_of_birth=date(1970, 1, 1),
        joined_by=JoinedBy.ONLINE,
    )


def kwargs(key: str) -> dict | None:
    if key == "member":
        return {"pk": _member().pk}
    if key == "member_token":
        from coproduce.membership.members.links import link_token

        return {"token": link_token(_member())}
    if key == "constituency":
        from coproduce.membership.members.choices import ConstituencyKind
        from coproduce.membership.members.models import Constituency

        return {"pk": Constituency.objects.create(name="Staff", kind=ConstituencyKind.STAFF).pk}
    return None
