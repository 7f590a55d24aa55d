"""Walks every URL pattern the project has, for every role and for an anonymous visitor, and
checks the outcome against the matrix. A URL the matrix does not know fails the suite."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from coproduce.accounts.roles import Role
from coproduce.people.models import ImportBatch
from tests.factories import ExpertFactory, SkillFactory, UserFactory, expert_with_account
from tests.permissions import (
    matrix_agreements,
    matrix_ambitions,
    matrix_badges,
    matrix_concerns,
    matrix_confidential,
    matrix_dashboard,
    matrix_declarations,
    matrix_directory,
    matrix_elections,
    matrix_equality,
    matrix_feedback,
    matrix_mailing,
    matrix_members,
    matrix_outcomes,
    matrix_parking,
    matrix_payments_mine,
    matrix_payments_money,
    matrix_payments_places,
    matrix_payments_staff,
    matrix_reminders,
    matrix_report,
    matrix_restriction,
    matrix_stories,
    matrix_support_sheets,
    matrix_surveys,
    matrix_training,
    matrix_welcome,
    matrix_your_year,
)
from tests.permissions.matrix import MATRIX
from tests.permissions.outcomes import DENIED, LOGIN, MISSING, OK, REDIRECT, ROLES, TOO_MANY


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                yield f"{namespace}:<unnamed {pattern.pattern}>"


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def project_url_names() -> set[str]:
    return {n for n in all_url_names() if not n.startswith("admin:")}


def test_every_url_is_in_the_permission_matrix():
    unknown = project_url_names() - set(MATRIX)
    assert not unknown, f"URLs missing from tests/permissions/matrix.py: {sorted(unknown)}"


def test_matrix_names_only_urls_that_exist():
    stale = set(MATRIX) - project_url_names()
    assert not stale, f"The matrix names URLs that no longer exist: {sorted(stale)}"


def _png() -> ContentFile:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="p.jpg")


def _kwargs(key: str) -> dict:
    """URL arguments, made fresh for each request so every role sees the same kind of record."""
    for part in (
        matrix_payments_money,
        matrix_payments_staff,
        matrix_payments_mine,
        matrix_payments_places,
        matrix_restriction,
        matrix_badges,
        matrix_confidential,
        matrix_support_sheets,
        matrix_agreements,
        matrix_training,
        matrix_parking,
        matrix_welcome,
        matrix_concerns,
        matrix_outcomes,
        matrix_ambitions,
        matrix_feedback,
        matrix_declarations,
        matrix_elections,
        matrix_equality,
        matrix_report,
        matrix_reminders,
        matrix_dashboard,
        matrix_mailing,
        matrix_members,
        matrix_directory,
        matrix_your_year,
        matrix_stories,
        matrix_surveys,
    ):
        found = part.kwargs(key)
        if found is not None:
            return found
    if key == "":
        return {}
    if key == "oidc_provider":
        return {"provider_id": "nhs-login"}
    if key == "expert":
        return {"pk": ExpertFactory().pk}
    if key == "expert_with_photo":
        other = ExpertFactory()
        other.photo.save("p.jpg", _png())
        return {"pk": other.pk}
    if key == "file_format":
        return {"file_format": "csv"}
    if key == "kind":
        return {"kind": "skills"}
    if key == "list_entry":
        return {"kind": "skills", "pk": SkillFactory().pk}
    if key == "staff_user":
        return {"pk": UserFactory(role=Role.STAFF).pk}
    if key == "message_id":
        return {"message_id": "abc123"}
    if key == "reset_key":
        return {"uidb36": "1", "key": "not-a-real-key"}
    if key == "email_key":
        return {"key": "not-a-real-key"}
    if key == "import_batch":
        # Another coordinator's upload, ready to check: each role asks for someone else's.
        batch = ImportBatch.objects.create(
            created_by=UserFactory(role=Role.COORDINATOR),
            original_name="experts.csv",
            file_format="csv",
            headers=["Full name"],
            mapping=["full_name"],
            default_perspective="carer",
            state=ImportBatch.State.MAPPED,
            row_count=1,
        )
        batch.file.save("experts.csv", ContentFile(b"Full name\nAnn Other\n"))
        return {"pk": batch.pk}
    if key == "attendance_session":
        from tests.factories import SessionFactory

        return {"pk": SessionFactory().pk}
    if key == "another_experts_invitation":
        from tests.factories import InvitationFactory

        return {"pk": InvitationFactory().pk}
    if key == "another_experts_place":
        from tests.factories import InvitationFactory

        return {"pk": InvitationFactory(status="accepted").pk}
    if key == "calendar_token":
        from coproduce.opportunities.services.calendar_feed import calendar_feed_for

        return {"token": calendar_feed_for(expert=ExpertFactory()).token}
    if key == "opportunity":
        from tests.factories import OpportunityFactory

        return {"pk": OpportunityFactory().pk}
    # Requests for involvement, sessions and groups. The request is another team's, so each
    # staff member asking for it is a stranger to it.
    if key == "request":
        from tests.factories import OpportunityFactory

        return {"pk": OpportunityFactory(status="requested").pk}
    if key == "approved_request":
        from tests.factories import OpportunityFactory

        return {"pk": OpportunityFactory(status="approved").pk}
    if key == "future_session":
        from tests.factories import SessionFactory

        return {"pk": SessionFactory().pk}
    if key == "group":
        from tests.factories import GroupFactory

        return {"pk": GroupFactory().pk}
    if key == "membership":
        from datetime import date

        from coproduce.opportunities.models import Membership
        from tests.factories import GroupFactory

        membership = Membership.objects.create(
            group=GroupFactory(), expert=ExpertFactory(), joined_on=date(2025, 1, 6)
        )
        return {"pk": membership.group_id, "membership_pk": membership.pk}
    # Invitations: another expert's invitation, with a fresh answer link.
    if key == "answer_token":
        from coproduce.opportunities.answer_links import issue_answer_link
        from tests.factories import InvitationFactory

        return {"token": issue_answer_link(invitation=InvitationFactory())}
    if key == "invite_run":
        from coproduce.opportunities.models import InviteRun
        from tests.factories import OpportunityFactory

        return {"pk": InviteRun.objects.create(opportunity=OpportunityFactory(), total=1).pk}
    raise AssertionError(f"No URL arguments known for {key!r}")


def _client(role: str) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    if role == "expert":
        client.force_login(expert_with_account().user)
        return client
    roles = {
        "staff": Role.STAFF,
        "finance": Role.FINANCE,
        "coordinator": Role.COORDINATOR,
        "lead": Role.INVOLVEMENT_LEAD,
        "administrator": Role.ADMINISTRATOR,
        "membership_office": Role.MEMBERSHIP_OFFICE,
        "returning_officer": Role.RETURNING_OFFICER,
        "scrutineer": Role.SCRUTINEER,
    }
    client.force_login(UserFactory(role=roles[role]))
    return client


def _outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code in (301, 302):
        login = reverse("account_login")
        return LOGIN if response["Location"].startswith(login) else REDIRECT
    return {403: DENIED, 404: MISSING, 429: TOO_MANY}.get(
        response.status_code, str(response.status_code)
    )


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), CASES)
def test_role_gets_expected_outcome(url_name, role):
    method, key, expected = MATRIX[url_name]
    # allauth's old addresses have no name: the matrix gives their path.
    url = (
        key.removeprefix("path:")
        if key.startswith("path:")
        else reverse(url_name, kwargs=_kwargs(key))
    )
    client = _client(role)
    response = client.post(url) if method == "post" else client.get(url)
    assert _outcome(response) == expected[role], (
        f"{role} {method.upper()} {url} gave {response.status_code}"
    )


def _admin_url(name: str) -> str:
    for kwargs in ({}, {"object_id": "1"}, {"app_label": "audit"}):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"Cannot build a URL for {name}")


ADMIN_ROLES = [r for r in ROLES if r != "anonymous"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", *ADMIN_ROLES])
def test_django_admin_is_closed_to_everyone_but_superusers(role):
    client = _client(role)
    # Anonymous visitors meet our own sign-in first; signed-in non-superusers meet the admin's.
    login_pages = (reverse("admin:login"), reverse("account_login"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(login_pages)
    for name in sorted(all_url_names()):
        if (
            not name.startswith("admin:")
            or "<unnamed" in name
            or name
            in {
                "admin:login",
                "admin:logout",
                "admin:jsi18n",
                "admin:view_on_site",
                "admin:autocomplete",
            }
        ):
            continue
        url = _admin_url(name)
        response = client.get(url)
        assert response.status_code == 302, f"{role} {url}"
        assert response["Location"].startswith(login_pages), f"{role} {url}"
