"""The index of places attended holds the attendance too, so that SQLite counts each expert's
recent attendance (the shortlist's involvement) from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0008_confidential_work"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="invitation",
            name="invitation_attended_idx",
        ),
        migrations.AddIndex(
            model_name="invitation",
            index=models.Index(
                condition=models.Q(("attendance", "attended")),
                fields=["session", "expert", "attendance"],
                name="invitation_attended_cover_idx",
            ),
        ),
    ]
