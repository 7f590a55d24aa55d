"""Each attended place keeps a copy of its session's start (Invitation.held_at), copied for the
places already attended, with the index the figures for a period read."""

from django.db import migrations, models
from django.db.models import Case, OuterRef, Subquery, Value, When


def copy_every_start(apps, schema_editor):
    Session = apps.get_model("opportunities", "Session")
    Invitation = apps.get_model("opportunities", "Invitation")
    went_ahead = Session.objects.filter(pk=OuterRef("session_id"), status="scheduled").values(
        "starts_at"
    )[:1]
    Invitation.objects.filter(attendance="attended").update(
        held_at=Case(
            When(attendance="attended", then=Subquery(went_ahead)),
            default=Value(None),
            output_field=models.DateTimeField(),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0012_session_attended_tallies"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="held_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_every_start, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="invitation",
            index=models.Index(
                condition=models.Q(("held_at__isnull", False)),
                fields=["held_at", "session", "expert", "hours"],
                name="invitation_held_idx",
            ),
        ),
    ]
