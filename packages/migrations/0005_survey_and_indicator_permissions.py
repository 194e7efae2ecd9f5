"""Secretariat editors and administrators run the satisfaction surveys and
read the indicators report; administrators may also delete a survey."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat editors": ["view_survey", "add_survey", "change_survey", "view_indicatorfigure"],
    "Administrators": ["view_survey", "add_survey", "change_survey", "delete_survey", "view_indicatorfigure"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("packages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="packages", codename__in=GRANTS[group.name])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("packages", "0004_indicators_and_survey"),
        ("profiles", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
