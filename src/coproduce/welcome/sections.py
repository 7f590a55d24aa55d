"""The sections of the welcome pack, in order, with the default wording written here in plain
English and in Easy Read (short sentences, one idea each). The involvement lead can change
either wording in the product (services.change_section); putting it back removes their
change, and the wording here is used again.

Defaults may say {term} (the organisation's word for experts) and {organisation}: they are
filled in when the pack is made. Wording the lead writes is used as they wrote it."""

from dataclasses import dataclass


def _unwrapped(text: str) -> str:
    """Paragraphs written over several lines here made into one line each, as a person would
    type them in the form; list items keep their own lines."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line.strip() for line in paragraph.strip().splitlines()]
        if any(line.startswith("- ") for line in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    easy_title: str
    body: str
    easy_read: str
    # What the pack adds after the wording, made from the records: see content.py.
    adds: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", _unwrapped(self.body))
        object.__setattr__(self, "easy_read", _unwrapped(self.easy_read))


SECTIONS: tuple[Section, ...] = (
    Section(
        "letter",
        "Welcome",
        "Welcome",
        """Thank you for joining us as an {term}.

You know what it is like to use our services, or to care for someone who does. That
knowledge helps us get things right. We want you to help shape our services from the start,
before decisions are made, not afterwards.

This pack tells you what to expect, how we will support you and who to ask. Keep it somewhere
handy. If anything is not clear, please ask us: there are no silly questions.""",
        """Welcome to {organisation}.

Thank you for joining us.

You can help us make our services better.

This pack tells you what happens next.

You can ask us anything.""",
        adds="signatures",
    ),
    Section(
        "role",
        "Your role and why your experience matters",
        "What you will do",
        """As an {term} you will:

- come to meetings, panels and workshops and give your view
- read papers and tell us what you think, if you want to
- help interview staff, visit services or deliver training, if you choose to

Your experience matters because you see things staff do not. You can tell us what works,
what does not, and what would make a difference to people like you.

You choose what you take part in. You can say no to anything, and you can take a break at
any time.""",
        """You will come to meetings.

You will tell us what you think.

Your experience is important.

You see things that staff do not see.

You choose what you do.

You can say no.

You can take a break.""",
    ),
    Section(
        "picture",
        "How you fit into {organisation}",
        "Who we are",
        """The picture shows where you fit. You work with the involvement team. They find
work that needs your experience, from the organisations, teams and groups below, and
support you to take part.""",
        """The involvement team helps you.

They find work for you.

The picture shows the groups you can join.""",
        adds="picture",
    ),
    Section(
        "calendar",
        "Meetings in the year ahead",
        "Meetings this year",
        """These are the meetings planned for the next 12 months. We will invite you to the
ones that suit your experience. Dates can change: we will always tell you.""",
        """This is a list of meetings.

We will ask you to come to some of them.

We will tell you if a date changes.""",
        adds="calendar",
    ),
    Section(
        "expenses",
        "How to claim money for your time and travel",
        "Getting paid",
        """We pay you back for what it costs you to take part, and for your time where the
work is paid. Claim through "My money" when you sign in, or ask us for a paper form.

Keep your tickets and receipts. If you get benefits, talk to us first: we can help you stay
within what you are allowed to earn.""",
        """We pay for your travel.

We pay you for some work.

Keep your tickets.

Keep your receipts.

Tell us if you get benefits.""",
        adds="expenses",
    ),
    Section(
        "parking",
        "Parking and finding your way",
        "Getting there",
        """Here are the places where we meet, and where to park. If you drive, ask the
involvement team for a parking permit before the meeting. Tell us your car's registration
number and the date, and we will let the car park know you are coming.

If you need help to get there, or someone to meet you at the door, tell us.""",
        """Here are the places we meet.

If you drive, ask us for a parking permit.

Tell us if you need help to get there.""",
        adds="venues",
    ),
    Section(
        "etiquette",
        "Meetings and our code of conduct",
        "How we work together",
        """In our meetings, everyone:

- is treated with respect and listened to
- can ask for a break, or for something to be explained
- keeps what is said about people private
- talks about their own experience, not other people's private details

We will send papers at least a week before, in the format you asked for. You will be asked
to sign our code of conduct and confidentiality agreement before you start.""",
        """Be kind to each other.

Listen to each other.

You can ask for a break.

You can ask us to explain.

Keep private things private.""",
    ),
    Section(
        "expect",
        "What to expect, and how to raise a concern",
        "If something is wrong",
        """We will:

- tell you what each piece of work is about, and how much say you will have
- pay you on time
- tell you what changed because of your help

If something worries you, or you are not happy with how you have been treated, talk to the
involvement team. You can also tell us in writing. We will listen, keep it private and tell
you what we will do. Raising a concern will never stop you taking part.""",
        """We will tell you what the work is.

We will pay you on time.

We will tell you what changed.

If you are worried, tell us.

We will listen.

You will not get in trouble.""",
    ),
    Section(
        "contacts",
        "Who to contact",
        "Who to ask",
        """The involvement team at {organisation} is here to help. Sign in to send us a
message, or ask at any meeting.""",
        """Ask the involvement team.

They are here to help you.""",
        adds="contacts",
    ),
)

KEYS = tuple(section.key for section in SECTIONS)
BY_KEY = {section.key: section for section in SECTIONS}


def filled(text: str, *, term: str, organisation: str) -> str:
    """A default's placeholders filled in. Only the two names: other braces stay as typed."""
    return text.replace("{term}", term).replace("{organisation}", organisation)
