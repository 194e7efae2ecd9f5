"""Editors and administrators maintain meetings, decisions, chemical and waste
profiles, their listings and the focal points, as they do the
rest of the reference data (as 0005 does for the regional centres)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Secretariat editors", "Administrators"]
MODELS = ["meeting", "decision", "chemicalprofile", "listing", "focalpoint"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ["add", "change", "delete", "view"]]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    app_config = apps.get_app_config("conventions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="conventions", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="conventions", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("conventions", "0006_information_packages"),
        ("profiles", "0003_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
