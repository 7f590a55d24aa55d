"""Background work for surveys: one email for each member when a survey opens, so a slow mail
server holds up nobody and a member's failed email does not stop the rest; and, daily from the
scheduler (coproduce/schedule.py), closing the surveys whose closing date has passed."""

from django_tasks import task

from coproduce.membership.surveys import queries, sending


@task()
def send_survey_link(survey_id: int, member_id: int) -> bool:
    """Emails one member their personal link; True when it went. Nothing is sent once the
    survey has closed or the member has left or stopped wanting email."""
    found = queries.member_to_send(survey_id, member_id)
    if found is None:
        return False
    survey, member = found
    return sending.send_link(survey, member, survey.questions.count())


@task()
def close_surveys_past_their_closing_date() -> int:
    """Closes every open survey whose closing date has passed; returns how many."""
    # Imported here: services imports this module to queue the emails.
    from coproduce.membership.surveys import services

    return services.close_surveys_past_their_closing_date()
