"""The periodic jobs `manage.py scheduler` runs: each one enqueues a task for the task worker,
which does the work. Adding a job is one line here: the task's dotted path and when it runs,
as a crontab line (minute hour day-of-month month day-of-week) in UK time.

Paths rather than imports, so that the scheduler's home, `core`, depends on no other app."""

SCHEDULE: dict[str, str] = {
    # The retention rules: people who left and old enquiries erased, old receipts and audit
    # records deleted, spreadsheet uploads nobody finished importing forgotten.
    "coproduce.retention.tasks.apply_retention": "15 3 * * *",
    # Sheets of printed ID badges (names and photos) are kept a week, then forgotten.
    "coproduce.onboarding.tasks.forget_old_badge_prints": "30 3 * * *",
    # Papers of confidential work that has closed are withdrawn (their files deleted).
    "coproduce.opportunities.confidential.tasks.withdraw_papers_of_closed_work": "45 3 * * *",
    # Prints of many welcome packs (names) are kept a week, then forgotten.
    "coproduce.welcome.tasks.forget_old_welcome_prints": "35 3 * * *",
    # Governor elections' ballots, list of voters and codes are disposed of a year after the
    # declaration (ELECTION_DOCUMENTS_KEEP_DAYS); the result is kept.
    "coproduce.membership.elections.tasks.dispose_of_election_documents": "50 3 * * *",
    # Members' surveys close once their closing date has passed (their links stopped at its
    # midnight): each closed as the office would, audited; a second run closes nothing more.
    "coproduce.membership.surveys.tasks.close_surveys_past_their_closing_date": "10 0 * * *",
    # Reminders to people whose training runs out soon, and the team's list: each sent once.
    "coproduce.training.tasks.send_training_reminders": "0 8 * * *",
    # Each expert's sessions attended in the last 12 months, stored for the shortlist: the
    # window moves with the day, so it is counted again just after midnight.
    "coproduce.opportunities.tasks_attendance.count_recent_attendance": "5 0 * * *",
    # Everyone who attended a session lately is asked how it went: each place once.
    "coproduce.impact.feedback.tasks.ask_for_feedback": "0 10 * * *",
    # Reminders (issue 14), each turned on or off by the involvement lead and by each person,
    # each sent once: sessions coming up, invitations not answered, agreements to sign, claims
    # waiting to be checked or approved, outcomes overdue.
    "coproduce.comms.reminders.tasks.send_session_reminders": "0 9 * * *",
    "coproduce.comms.reminders.tasks.send_invitation_reminders": "5 9 * * *",
    "coproduce.comms.reminders.tasks.send_agreement_reminders": "10 9 * * *",
    "coproduce.comms.reminders.tasks.send_claim_reminders": "15 9 * * 1-5",
    "coproduce.comms.reminders.tasks.send_outcome_reminders": "20 9 * * 1-5",
}
