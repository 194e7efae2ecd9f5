# The choices came from the tz database of the machine that ran makemigrations;
# ProfileForm checks the value against the running machine's instead.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_role_groups"),
    ]

    operations = [
        migrations.AlterField(
            model_name="profile",
            name="timezone",
            field=models.CharField(default="UTC", max_length=64, verbose_name="time zone"),
        ),
    ]
