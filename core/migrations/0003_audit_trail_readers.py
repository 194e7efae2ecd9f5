"""The Administrators group reads the audit trail (core.view_auditevent);
nobody may add, change or delete its events in the admin (core.wagtail_hooks)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "Administrators"  # profiles.constants.ADMINISTRATORS_GROUP (core imports no app)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(Permission.objects.get(content_type__app_label="core", codename="view_auditevent"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=ADMINISTRATORS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="core", codename="view_auditevent"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_trail"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, revoke)]
