"""Each session's tally of attended places and hours, counted for the sessions already held."""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

HOURS: models.DecimalField = models.DecimalField(max_digits=10, decimal_places=2)


def count_every_session(apps, schema_editor):
    Session = apps.get_model("opportunities", "Session")
    Invitation = apps.get_model("opportunities", "Invitation")

    def of_session(figure):
        return (
            Invitation.objects.filter(session=OuterRef("pk"), attendance="attended")
            .order_by()
            .values("session")
            .annotate(figure=figure)
            .values("figure")
        )

    Session.objects.update(
        places_attended=Coalesce(Subquery(of_session(Count("*"))), Value(0)),
        hours_attended=Coalesce(
            Subquery(of_session(Sum("hours")), output_field=HOURS),
            Value(Decimal("0.00")),
            output_field=HOURS,
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0011_invitation_attended_and_awaiting_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="hours_attended",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0.00"), editable=False, max_digits=10
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="places_attended",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_every_session, migrations.RunPython.noop, elidable=True),
    ]
