"""Training's part of a person's data: the courses they completed, when, and when each runs
out."""

from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "training",
        {
            "training_completed": [
                {
                    "course": record.course.name,
                    "completed_on": record.completed_on,
                    "runs_out_on": record.expires_on,
                    "reminded_at": record.reminded_at,
                }
                for record in expert.training.select_related("course").order_by(
                    "completed_on", "id"
                )
            ],
        },
    )


def erase(expert) -> list[str]:
    """Their training records are deleted: they show only what this person did, and nothing
    needs them once the person can no longer be involved."""
    count, _ = expert.training.all().delete()
    return ["their training records"] if count else []
