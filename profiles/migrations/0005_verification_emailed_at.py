# The email of a decision gets its own "done" mark; decisions already
# announced were emailed when notified_at was set, so they keep that time.

from django.db import migrations, models
from django.db.models import F


def mark_announced_as_emailed(apps, schema_editor):
    Verification = apps.get_model("profiles", "Verification")
    Verification.objects.filter(notified_at__isnull=False).update(emailed_at=F("notified_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0004_profile_timezone_without_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="verification",
            name="emailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(mark_announced_as_emailed, migrations.RunPython.noop),
    ]
