"""The questions and their answers, in the categories of the 2021 Census of England and Wales,
so that the register compares with the census tables an organisation copies in (table numbers
in `census`). Every question may be left out, or answered "Prefer not to say"."""

from dataclasses import dataclass

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"


@dataclass(frozen=True)
class Characteristic:
    slug: str  # the field of EqualityAnswers, and the chart's id
    title: str  # "Age"
    question: str  # as the expert reads it
    hint: str
    census: str  # the census table the local figures come from
    categories: tuple[tuple[str, str], ...]

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.categories]

    def label(self, key: str) -> str:
        if key == PREFER_NOT:
            return PREFER_NOT_LABEL
        return dict(self.categories).get(key, "")


AGE = Characteristic(
    "age_band",
    "Age",
    "How old are you?",
    "Choose the group your age is in.",
    "TS007A",
    (
        ("16-24", "16 to 24"),
        ("25-34", "25 to 34"),
        ("35-44", "35 to 44"),
        ("45-54", "45 to 54"),
        ("55-64", "55 to 64"),
        ("65-74", "65 to 74"),
        ("75+", "75 and over"),
    ),
)
ETHNIC_GROUP = Characteristic(
    "ethnic_group",
    "Ethnic group",
    "What is your ethnic group?",
    "Choose the group that best describes you.",
    "TS021",
    (
        ("asian", "Asian, Asian British or Asian Welsh"),
        ("black", "Black, Black British, Black Welsh, Caribbean or African"),
        ("mixed", "Mixed or Multiple ethnic groups"),
        ("white", "White"),
        ("other", "Other ethnic group"),
    ),
)
DISABILITY = Characteristic(
    "disability",
    "Disability",
    "Do you have a health problem or disability that has lasted, or is expected to last, "
    "12 months or more?",
    "If yes, say how much it limits your day-to-day activities.",
    "TS038",
    (
        ("a_lot", "Yes, it limits my day-to-day activities a lot"),
        ("a_little", "Yes, it limits my day-to-day activities a little"),
        ("no", "No"),
    ),
)
SEX = Characteristic(
    "sex",
    "Sex",
    "What is your sex?",
    "",
    "TS008",
    (("female", "Female"), ("male", "Male")),
)
GENDER_IDENTITY = Characteristic(
    "gender_identity",
    "Gender identity",
    "Is the gender you identify with the same as your sex registered at birth?",
    "",
    "TS078",
    (("same", "Yes, it is the same"), ("different", "No, it is different")),
)
SEXUAL_ORIENTATION = Characteristic(
    "sexual_orientation",
    "Sexual orientation",
    "Which of these best describes your sexual orientation?",
    "",
    "TS077",
    (
        ("straight", "Straight or heterosexual"),
        ("gay_lesbian", "Gay or lesbian"),
        ("bisexual", "Bisexual"),
        ("other", "Another sexual orientation"),
    ),
)
RELIGION = Characteristic(
    "religion",
    "Religion",
    "What is your religion?",
    "",
    "TS030",
    (
        ("none", "No religion"),
        ("christian", "Christian"),
        ("buddhist", "Buddhist"),
        ("hindu", "Hindu"),
        ("jewish", "Jewish"),
        ("muslim", "Muslim"),
        ("sikh", "Sikh"),
        ("other", "Any other religion"),
    ),
)
CARER = Characteristic(
    "carer",
    "Unpaid carer",
    "Do you look after, or give help or support to, anyone because of their long-term "
    "health or disability, or problems related to old age?",
    "Do not count anything you do as part of your paid job.",
    "TS039",
    (("yes", "Yes, I am an unpaid carer"), ("no", "No")),
)

CHARACTERISTICS: tuple[Characteristic, ...] = (
    AGE,
    ETHNIC_GROUP,
    DISABILITY,
    SEX,
    GENDER_IDENTITY,
    SEXUAL_ORIENTATION,
    RELIGION,
    CARER,
)
BY_SLUG = {c.slug: c for c in CHARACTERISTICS}

# The 19 detailed ethnic groups of the census, each in its high-level group. Optional: the
# comparison uses the 5 high-level groups.
ETHNIC_DETAIL: tuple[tuple[str, str, str], ...] = (
    ("bangladeshi", "Bangladeshi", "asian"),
    ("chinese", "Chinese", "asian"),
    ("indian", "Indian", "asian"),
    ("pakistani", "Pakistani", "asian"),
    ("other_asian", "Any other Asian background", "asian"),
    ("african", "African", "black"),
    ("caribbean", "Caribbean", "black"),
    ("other_black", "Any other Black, Black British or Caribbean background", "black"),
    ("white_asian", "White and Asian", "mixed"),
    ("white_black_african", "White and Black African", "mixed"),
    ("white_black_caribbean", "White and Black Caribbean", "mixed"),
    ("other_mixed", "Any other Mixed or Multiple background", "mixed"),
    ("british", "English, Welsh, Scottish, Northern Irish or British", "white"),
    ("irish", "Irish", "white"),
    ("gypsy_traveller", "Gypsy or Irish Traveller", "white"),
    ("roma", "Roma", "white"),
    ("other_white", "Any other White background", "white"),
    ("arab", "Arab", "other"),
    ("any_other", "Any other ethnic group", "other"),
)
GROUP_OF_DETAIL = {key: group for key, _, group in ETHNIC_DETAIL}
DETAIL_LABEL = {key: label for key, label, _ in ETHNIC_DETAIL}


def choices_of(characteristic: Characteristic) -> list[tuple[str, str]]:
    """The answers a field may hold: the census categories and "Prefer not to say"."""
    return [*characteristic.categories, (PREFER_NOT, PREFER_NOT_LABEL)]
