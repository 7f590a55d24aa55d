"""The header's navigation, by role, and the page of all pages.

Each role has its pages in groups a person would recognise (people, work, money, keeping in
touch...). The header shows only the few each role uses most, then "All pages": the involvement
lead has nearly forty pages, and a header of forty links is a wall of words on a phone and a
long way to tab through. The page of all pages (views/menu.py) lists every group."""

from dataclasses import dataclass, field

from django.urls import reverse

from coproduce.accounts.roles import Role

ALL_PAGES = "All pages"


@dataclass
class Group:
    heading: str
    items: list[dict]


@dataclass
class Navigation:
    items: list[dict] = field(default_factory=list)
    account: list[dict] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def _item(request, name: str, text: str) -> dict:
    href = reverse(name)
    return {"href": href, "text": text, "current": request.path == href}


def _team(request, user, role: Role) -> tuple[list[str], list[Group]]:
    """The involvement team's pages (coordinators and the lead), and the header's few."""
    lead = role == Role.INVOLVEMENT_LEAD
    i = lambda name, text: _item(request, name, text)  # noqa: E731
    work = [i("opportunities:opportunity_list", "Opportunities")]
    # Named by the rule, so the menu follows opportunities/rules.py.
    if user.has_perm("opportunities.review_request"):
        work.append(i("opportunities:review_queue", "Requests to review"))
    work += [
        i("opportunities:calendar", "Calendar"),
        i("opportunities:confidential_list", "Confidential work"),
        i("parking:attendant_lists", "Car park lists"),
    ]
    money = [i("payments:claims", "Claims")]
    if lead:
        money += [i("payments:policy", "Payment policy"), i("payments:budgets", "Budgets")]
    touch = [
        i("mailing:lists", "Mailing lists"),
        i("directory:events", "Events"),
        i("stories:mine", "Working Together"),
    ]
    if lead:
        touch += [
            i("stories:review_list", "Working Together stories"),
            i("stories:award_rounds", "The award"),
            i("public_pages:involvement_words", "Public page words"),
            i("directory:look_after", "Look after the directory"),
            i("reminders:settings", "Reminders"),
        ]
    groups = [
        Group(
            "Experts",
            [
                i("people:dashboard", "Overview"),
                i("people:register", "Register"),
                i("people:expert_add", "Add an expert"),
                i("people:import_start", "Import"),
                i("people:lists", "Lists"),
                i("concerns:list", "Concerns"),
            ],
        ),
        Group(
            "Getting started",
            [
                i("onboarding:onboarding_list", "Onboarding"),
                i("onboarding:agreement_list", "Agreements"),
                i("training:records", "Training"),
                i("welcome:overview", "Welcome pack"),
                i("onboarding:sheet_list", "Support sheets"),
            ],
        ),
        Group("Work", work),
        Group("Money", money),
        Group("Keeping in touch", touch),
        Group(
            "What changed",
            [
                i("outcomes:waiting", "Outcomes"),
                i("feedback:overview", "Feedback"),
                i("dashboard:dashboard", "Dashboard"),
                i("ambitions:list", "Ambitions"),
                i("equality:who_is_heard", "Who is heard"),
                i("declarations:all", "Declarations"),
                i("report:reports", "Experts Report"),
            ],
        ),
    ]
    if lead:
        groups.append(
            Group(
                "Settings",
                [
                    i("retention:settings", "Retention"),
                    i("accounts:our_words", "Our words"),
                ],
            )
        )
    header = [
        "people:dashboard",
        "people:register",
        "opportunities:opportunity_list",
        "opportunities:calendar",
        "payments:claims",
    ]
    return header, groups


MEMBERSHIP_ROLES = {Role.MEMBERSHIP_OFFICE, Role.RETURNING_OFFICER, Role.SCRUTINEER}


def _membership(request, user, role: Role) -> tuple[list[str], list[Group]]:
    """The membership office's, the returning officer's and the scrutineer's pages."""
    i = lambda name, text: _item(request, name, text)  # noqa: E731
    members: list[dict] = []
    elections: list[dict] = []
    surveys: list[dict] = []
    header: list[str] = []
    if role == Role.MEMBERSHIP_OFFICE:
        members += [
            i("members:member_list", "Members"),
            i("members:member_add", "Add a member from a paper form"),
            i("members:staff_list", "Enrol staff from the staff list"),
            i("members:constituency_list", "Constituencies"),
            i("members:representation", "How representative membership is"),
        ]
        header.append("members:member_list")
        surveys += [i("surveys:list", "Members' surveys"), i("surveys:new", "Make a survey")]
        header.append("surveys:list")
    if role == Role.RETURNING_OFFICER:
        elections += [i("elections:list", "Elections"), i("elections:create", "Set up an election")]
        header.append("elections:list")
    if role == Role.SCRUTINEER:
        elections.append(i("elections:scrutiny_list", "Elections to scrutinise"))
        header.append("elections:scrutiny_list")
    groups = [
        Group(heading, items)
        for heading, items in (
            ("Members", members),
            ("Elections", elections),
            ("Members' views", surveys),
        )
        if items
    ]
    return header, groups


def _groups(request, user, role: Role) -> tuple[list[str], list[Group]]:
    """Every page of the role, in groups, and the URL names the header shows."""
    i = lambda name, text: _item(request, name, text)  # noqa: E731
    if role in {Role.INVOLVEMENT_LEAD, Role.COORDINATOR}:
        return _team(request, user, role)
    if role == Role.STAFF:
        return [
            "opportunities:request_new",
            "opportunities:request_list",
            "opportunities:calendar",
            "outcomes:waiting",
        ], [
            Group(
                "Work with experts",
                [
                    i("opportunities:request_new", "Ask for involvement"),
                    i("opportunities:request_list", "Your requests"),
                    i("opportunities:calendar", "Calendar"),
                    i("opportunities:confidential_list", "Confidential work"),
                    i("onboarding:sheet_list", "Support sheets"),
                    i("training:mine", "My training"),
                ],
            ),
            Group(
                "What changed",
                [
                    i("outcomes:waiting", "Outcomes to record"),
                    i("feedback:overview", "Feedback"),
                    i("dashboard:dashboard", "Dashboard"),
                    i("declarations:mine", "Co-production declarations"),
                    i("report:reports", "Experts Report"),
                    i("stories:mine", "Working Together"),
                ],
            ),
        ]
    if role == Role.FINANCE:
        return [
            "people:dashboard",
            "payments:claims",
            "payments:runs",
            "payments:budgets",
        ], [
            Group(
                "Money",
                [
                    i("people:dashboard", "Overview"),
                    i("payments:claims", "Claims to approve"),
                    i("payments:runs", "Payment runs"),
                    i("payments:budgets", "Budgets"),
                    i("payments:policy", "Payment policy"),
                ],
            ),
            Group(
                "Other pages",
                [
                    i("opportunities:calendar", "Calendar"),
                    i("onboarding:sheet_list", "Support sheets"),
                    i("stories:mine", "Working Together"),
                ],
            ),
        ]
    if role == Role.EXPERT:
        return [
            "opportunities:my_involvement",
            "payments:my_claims",
            "directory:my_events",
            "people:my_profile",
        ], [
            Group(
                "Taking part",
                [
                    i("opportunities:my_involvement", "My involvement"),
                    i("payments:my_claims", "My money"),
                    i("outcomes:mine", "What happened next"),
                    i("concerns:my_concerns", "My concerns"),
                ],
            ),
            Group(
                "About me",
                [
                    i("people:my_profile", "My profile"),
                    i("equality:mine", "About you"),
                    i("reminders:mine", "My reminders"),
                    i("mailing:my_lists", "My mailing lists"),
                ],
            ),
            Group(
                "Getting started",
                [
                    i("welcome:my_pack", "My welcome pack"),
                    i("onboarding:my_agreements", "My agreements"),
                    i("training:mine", "My training"),
                    i("onboarding:sheet_list_experts", "Support sheets"),
                ],
            ),
            Group(
                "Meeting people",
                [
                    i("directory:my_events", "Events"),
                    i("directory:directory", "Meet other experts"),
                    i("stories:mine", "Working Together"),
                ],
            ),
        ]
    if role in MEMBERSHIP_ROLES:
        return _membership(request, user, role)
    if role == Role.ADMINISTRATOR:
        return [
            "accounts:staff_list",
            "accounts:team_list",
            "onboarding:sheet_list",
            "stories:mine",
        ], [
            Group(
                "Accounts",
                [
                    i("accounts:staff_list", "Staff accounts"),
                    i("accounts:team_list", "Teams"),
                    i("onboarding:sheet_list", "Support sheets"),
                    i("stories:mine", "Working Together"),
                ],
            ),
        ]
    return [], []


def navigation_for(request) -> Navigation:
    user = getattr(request, "user", None)
    nav = Navigation()
    if user is None or not user.is_authenticated:
        nav.account = [{"href": reverse("account_login"), "text": "Sign in", "icon": True}]
        return nav
    role = user.role
    header, nav.groups = _groups(request, user, role)
    every = {item["href"]: item for group in nav.groups for item in group.items}
    by_name = {reverse(name): name for name in header}
    nav.items = [item for href, item in every.items() if href in by_name]
    nav.items.sort(key=lambda item: header.index(by_name[item["href"]]))
    if len(every) > len(nav.items):
        menu = _item(request, "all_pages", ALL_PAGES)
        # On a page the header does not show, "All pages" is where the person is.
        menu["current"] = menu["current"] or (request.path in every and request.path not in by_name)
        nav.items.append(menu)
    account = [{"text": user.display_name, "icon": True}]
    if role != Role.EXPERT:
        account.append({"href": reverse("mfa_index"), "text": "Security"})
    # Reminders are of involvement work, which the membership roles do not have.
    if role != Role.EXPERT and role not in MEMBERSHIP_ROLES:
        account.append({"href": reverse("reminders:mine_staff"), "text": "Your reminders"})
    account.append({"href": reverse("account_logout"), "text": "Sign out"})
    nav.account = account
    return nav
