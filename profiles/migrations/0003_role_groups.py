"""The two staff groups and what they may do in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Secretariat editors"
ADMINISTRATORS = "Administrators"

# Editors: moderate and edit content and reference data.
EDITOR_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
    "conventions": [
        f"{action}_{model}"
        for model in ["instrument", "country", "regionalgroup", "regionalgroupmembership", "partystatus", "thematicarea"]
        for action in ["add", "change", "delete", "view"]
    ],
    "profiles": ["view_verification", "change_verification", "view_profile", "view_user"],
    "wagtail_localize": ["submit_translation"],
}
# Administrators: everything editors do, plus members, groups and settings.
ADMINISTRATOR_EXTRA = {
    "profiles": ["add_user", "change_user", "delete_user", "change_profile"],
    "auth": ["add_group", "change_group", "delete_group", "view_group"],
    "wagtailcore": ["add_site", "change_site", "delete_site", "add_locale", "change_locale", "delete_locale"],
    "wagtailredirects": ["add_redirect", "change_redirect", "delete_redirect"],
    "wagtailadmin": ["access_admin"],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _permissions(apps, spec):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in spec.items():
        for codename in codenames:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                found.append(permission)
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    editors.permissions.add(*_permissions(apps, EDITOR_MODEL_PERMISSIONS))
    administrators.permissions.add(*_permissions(apps, EDITOR_MODEL_PERMISSIONS))
    administrators.permissions.add(*_permissions(apps, ADMINISTRATOR_EXTRA))

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for group in (editors, administrators):
        if root_page is not None:
            for codename in PAGE_PERMISSIONS:
                permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            for app_label, codenames in COLLECTION_PERMISSIONS.items():
                for codename in codenames:
                    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                    if permission is not None:
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=root_collection, permission=permission
                        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0002_profile_verification"),
        ("conventions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
