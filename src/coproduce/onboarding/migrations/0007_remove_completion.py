from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0006_completions_to_signatures_and_training")]

    operations = [migrations.DeleteModel(name="Completion")]
