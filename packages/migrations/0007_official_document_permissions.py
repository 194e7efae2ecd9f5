"""Secretariat editors and administrators record and publish the official
documents; administrators may also delete one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITING = ["view_officialdocument", "add_officialdocument", "change_officialdocument"]
GRANTS = {
    "Secretariat editors": EDITING,
    "Administrators": [*EDITING, "delete_officialdocument"],
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
        ("packages", "0006_official_documents"),
        ("profiles", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
