"""Secretariat editors and administrators read page feedback and mark it handled."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Secretariat editors", "Administrators"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("packages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="packages", codename__in=["view_pagefeedback", "change_pagefeedback"]
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("packages", "0001_page_feedback"),
        ("profiles", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
