"""The header's navigation, by role."""

from dataclasses import dataclass, field

from django.urls import reverse

from coproduce.accounts.roles import Role


@dataclass
class Navigation:
    items: list[dict] = field(default_factory=list)
    account: list[dict] = field(default_factory=list)


def _item(request, name: str, text: str) -> dict:
    href = reverse(name)
    return {"href": href, "text": text, "current": request.path == href}


def navigation_for(request) -> Navigation:
    user = getattr(request, "user", None)
    nav = Navigation()
    if user is None or not user.is_authenticated:
        nav.account = [{"href": reverse("account_login"), "text": "Sign in", "icon": True}]
        return nav
    role = user.role
    if role in {Role.INVOLVEMENT_LEAD, Role.COORDINATOR}:
        nav.items = [
            _item(request, "people:dashboard", "Overview"),
            _item(request, "people:register", "Register"),
            _item(request, "people:expert_add", "Add an expert"),
            _item(request, "people:import_start", "Import"),
            _item(request, "people:lists", "Lists"),
            _item(request, "opportunities:opportunity_list", "Opportunities"),
        ]
        # Named by the rule, so the menu follows opportunities/rules.py.
        if user.has_perm("opportunities.review_request"):
            nav.items.append(_item(request, "opportunities:review_queue", "Requests to review"))
        nav.items += [
            _item(request, "opportunities:calendar", "Calendar"),
            _item(request, "payments:claims", "Claims"),
            _item(request, "concerns:list", "Concerns"),
            _item(request, "parking:attendant_lists", "Car park lists"),
        ]
        if role == Role.INVOLVEMENT_LEAD:
            nav.items += [
                _item(request, "payments:policy", "Payment policy"),
                _item(request, "payments:budgets", "Budgets"),
                _item(request, "retention:settings", "Retention"),
                _item(request, "accounts:our_words", "Our words"),
            ]
        nav.items.append(_item(request, "onboarding:onboarding_list", "Onboarding"))
        nav.items.append(_item(request, "onboarding:agreement_list", "Agreements"))
        nav.items.append(_item(request, "training:records", "Training"))
        nav.items.append(_item(request, "outcomes:waiting", "Outcomes"))
        nav.items.append(_item(request, "ambitions:list", "Ambitions"))
        nav.items.append(_item(request, "welcome:overview", "Welcome pack"))
        nav.items.append(_item(request, "onboarding:sheet_list", "Support sheets"))
        nav.items.append(_item(request, "opportunities:confidential_list", "Confidential work"))
        nav.items.append(_item(request, "feedback:overview", "Feedback"))
        nav.items.append(_item(request, "dashboard:dashboard", "Dashboard"))
        nav.items.append(_item(request, "report:reports", "Experts Report"))
        nav.items.append(_item(request, "equality:who_is_heard", "Who is heard"))
        nav.items.append(_item(request, "declarations:all", "Declarations"))
        nav.items.append(_item(request, "mailing:lists", "Mailing lists"))
        nav.items.append(_item(request, "stories:mine", "Working Together"))
        nav.items.append(_item(request, "directory:events", "Events"))
        if role == Role.INVOLVEMENT_LEAD:
            nav.items.append(_item(request, "reminders:settings", "Reminders"))
            nav.items.append(_item(request, "stories:review_list", "Working Together stories"))
            nav.items.append(_item(request, "stories:award_rounds", "The award"))
            nav.items.append(_item(request, "public_pages:involvement_words", "Public page words"))
            nav.items.append(_item(request, "directory:look_after", "Look after the directory"))
    elif role == Role.STAFF:
        nav.items = [
            _item(request, "opportunities:request_new", "Ask for involvement"),
            _item(request, "opportunities:request_list", "Your requests"),
            _item(request, "opportunities:confidential_list", "Confidential work"),
            _item(request, "feedback:overview", "Feedback"),
            _item(request, "dashboard:dashboard", "Dashboard"),
            _item(request, "opportunities:calendar", "Calendar"),
            _item(request, "training:mine", "My training"),
            _item(request, "outcomes:waiting", "Outcomes to record"),
            _item(request, "declarations:mine", "Co-production declarations"),
            _item(request, "onboarding:sheet_list", "Support sheets"),
            _item(request, "report:reports", "Experts Report"),
            _item(request, "stories:mine", "Working Together"),
        ]
    elif role == Role.FINANCE:
        nav.items = [
            _item(request, "people:dashboard", "Overview"),
            _item(request, "payments:claims", "Claims to approve"),
            _item(request, "payments:runs", "Payment runs"),
            _item(request, "payments:budgets", "Budgets"),
            _item(request, "payments:policy", "Payment policy"),
            _item(request, "opportunities:calendar", "Calendar"),
            _item(request, "onboarding:sheet_list", "Support sheets"),
            _item(request, "stories:mine", "Working Together"),
        ]
    elif role == Role.EXPERT:
        nav.items = [
            _item(request, "opportunities:my_involvement", "My involvement"),
            _item(request, "payments:my_claims", "My money"),
            _item(request, "concerns:my_concerns", "My concerns"),
            _item(request, "people:my_profile", "My profile"),
            _item(request, "onboarding:my_agreements", "My agreements"),
            _item(request, "welcome:my_pack", "My welcome pack"),
            _item(request, "training:mine", "My training"),
            _item(request, "outcomes:mine", "What happened next"),
            _item(request, "equality:mine", "About you"),
            _item(request, "directory:my_events", "Events"),
            _item(request, "directory:directory", "Meet other experts"),
            _item(request, "reminders:mine", "My reminders"),
            _item(request, "mailing:my_lists", "My mailing lists"),
            _item(request, "stories:mine", "Working Together"),
            _item(request, "onboarding:sheet_list_experts", "Support sheets"),
        ]
    elif role == Role.ADMINISTRATOR:
        nav.items = [
            _item(request, "accounts:staff_list", "Staff accounts"),
            _item(request, "accounts:team_list", "Teams"),
            _item(request, "onboarding:sheet_list", "Support sheets"),
            _item(request, "stories:mine", "Working Together"),
        ]
    account = [{"text": user.display_name, "icon": True}]
    if role != Role.EXPERT:
        account.append({"href": reverse("mfa_index"), "text": "Security"})
        account.append({"href": reverse("reminders:mine_staff"), "text": "Your reminders"})
    account.append({"href": reverse("account_logout"), "text": "Sign out"})
    nav.account = account
    return nav
