"""Each feedback request keeps its invitation's session, so the dashboard counts a period's
requests without reading every invitation. Filled in from the invitations, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_sessions(apps, schema_editor):
    FeedbackRequest = apps.get_model("feedback", "FeedbackRequest")
    Invitation = apps.get_model("opportunities", "Invitation")
    FeedbackRequest.objects.update(
        session_id=Subquery(
            Invitation.objects.filter(pk=OuterRef("invitation_id")).values("session_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_request_answered_index"),
        ("opportunities", "0012_session_attended_tallies"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedbackrequest",
            name="session",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="opportunities.session",
            ),
        ),
        migrations.RunPython(fill_sessions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feedbackrequest",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="opportunities.session",
            ),
        ),
        migrations.AddIndex(
            model_name="feedbackrequest",
            index=models.Index(fields=["session", "answered"], name="feedback_request_session_idx"),
        ),
    ]
