"""Secretariat editors and administrators enter the meetings' agendas."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITING = ["view_agendaitem", "add_agendaitem", "change_agendaitem", "delete_agendaitem"]
GRANTS = {"Secretariat editors": EDITING, "Administrators": EDITING}


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
    dependencies = [("packages", "0008_meeting_home")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
