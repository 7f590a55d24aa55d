"""Permission matrix entries for members' surveys. Only the membership office makes, opens and
closes surveys, copies paper answers and reads the results (the returning officer and the
scrutineer have nothing to do with them, and nobody in involvement work sees them). A member
answers through their personal link, which needs no account: the signed link is the
permission, so anyone holding it gets the page."""

from tests.permissions.outcomes import PUBLIC, REDIRECT, only

office = only(("membership_office",))
office_post = only(("membership_office",), ok=REDIRECT)

SURVEYS: dict[str, tuple[str, str, dict[str, str]]] = {
    "surveys:list": ("get", "", office),
    "surveys:new": ("get", "", office),
    "surveys:survey": ("get", "survey_draft", office),
    "surveys:edit": ("get", "survey_draft", office),
    "surveys:question_add": ("get", "survey_draft", office),
    "surveys:question_edit": ("get", "survey_question", office),
    "surveys:question_move": ("post", "survey_question", office_post),
    "surveys:question_remove": ("get", "survey_question", office),
    "surveys:preview": ("get", "survey_draft", office),
    "surveys:open": ("get", "survey_draft", office),
    "surveys:close": ("get", "survey_open", office),
    "surveys:letters": ("get", "survey_open", office),
    "surveys:paper": ("get", "survey_open", office),
    "surveys:results": ("get", "survey_open", office),
    "surveys:results_csv": ("get", "survey_open", office),
    "surveys:survey_answer": ("get", "survey_token", PUBLIC),
    "surveys:survey_answer_thanks": ("get", "", PUBLIC),
}


def _survey(open_it: bool):
    from coproduce.membership.surveys import services
    from tests.membership.surveys.helpers import (
        constituencies,
        member,
        office_user,
        survey_with_questions,
    )

    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    survey = survey_with_questions(office)
    if open_it:
        survey = services.open_survey(actor=office, survey=survey)
    return survey, someone


def kwargs(key: str) -> dict | None:
    if key == "survey_draft":
        return {"pk": _survey(False)[0].pk}
    if key == "survey_question":
        survey, _ = _survey(False)
        question = survey.questions.first()
        assert question is not None
        return {"pk": survey.pk, "question_pk": question.pk}
    if key == "survey_open":
        return {"pk": _survey(True)[0].pk}
    if key == "survey_token":
        from coproduce.membership.surveys.links import link_token

        survey, someone = _survey(True)
        return {"token": link_token(survey, someone)}
    return None
