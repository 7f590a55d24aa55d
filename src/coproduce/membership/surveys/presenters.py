"""A survey's results as sections (`core.figures.Section`): for each question with choices, a
bar chart and its table (also the CSV); the responses by constituency; and, apart, the words
of free-text answers. Numbers only: nothing here can say who answered what."""

from dataclasses import dataclass
from decimal import Decimal

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Section, Table
from coproduce.core.formats import count_of
from coproduce.membership.surveys.choices import RATINGS, QuestionKind
from coproduce.membership.surveys.models import Question, Survey
from coproduce.membership.surveys.queries import Counts


def percent(part: int, whole: int) -> str:
    if not whole:
        return "–"
    share = (Decimal(100) * part / whole).quantize(Decimal(1), "ROUND_HALF_UP")
    return f"{share}%"


def _chart(slug: str, title: str, categories: list[str], values: list[int]):
    return bar_chart(
        chart_id=f"chart-{slug}",
        title=title,
        description="The table below the chart gives the same figures.",
        categories=categories,
        series=[Series("Members", values)],
        value_format=lambda v: f"{v:,}",
    )


def _options(question: Question) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.RATING:
        return RATINGS
    return [(c, c) for c in question.choices]


def question_section(number: int, question: Question, counts: Counts) -> Section:
    slug = f"question-{number}"
    chosen = counts.chosen.get(question.pk, {})
    answered = counts.answered.get(question.pk, 0)
    options = _options(question)
    values = [chosen.get(value, 0) for value, _ in options]
    title = f"{number}. {question.text}"
    summary = f"{count_of(answered, 'member')} answered this question"
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        summary += ". They could choose more than one, so the shares add up to more than 100%"
    if question.kind == QuestionKind.RATING and answered:
        total = sum(int(v) * n for v, n in chosen.items())
        average = (Decimal(total) / answered).quantize(Decimal("0.1"), "ROUND_HALF_UP")
        summary += f". The average rating is {average} out of 5"
    return Section(
        slug=slug,
        title=title,
        summary=summary + ".",
        chart=_chart(slug, title, [label for _, label in options], values),
        table=Table(
            caption=title,
            headers=["Answer", "Members", "Share of those who answered"],
            rows=[
                [label, f"{n:,}", percent(n, answered)]
                for (_, label), n in zip(options, values, strict=True)
            ],
        ),
    )


def constituency_section(counts: Counts) -> Section:
    title = "Responses by constituency"
    rows = counts.by_constituency
    return Section(
        slug="constituencies",
        title=title,
        summary=f"{count_of(counts.responses, 'response')} in all, "
        f"{counts.on_paper:,} of them on paper.",
        chart=_chart("constituencies", title, [n for n, _ in rows], [c for _, c in rows])
        if rows
        else None,
        table=Table(
            caption=title,
            headers=["Constituency", "Responses", "Share"],
            rows=[[name, f"{n:,}", percent(n, counts.responses)] for name, n in rows],
        ),
    )


@dataclass(frozen=True)
class FreeText:
    number: int
    question: Question
    texts: list[str]


@dataclass(frozen=True)
class Results:
    survey: Survey
    counts: Counts
    sections: list[Section]
    free_text: list[FreeText]


def results(survey: Survey, questions: list[Question], counts: Counts) -> Results:
    sections = [constituency_section(counts)]
    free_text = []
    for number, question in enumerate(questions, start=1):
        if question.kind == QuestionKind.FREE_TEXT:
            free_text.append(FreeText(number, question, counts.texts.get(question.pk, [])))
        else:
            sections.append(question_section(number, question, counts))
    return Results(survey, counts, sections, free_text)
