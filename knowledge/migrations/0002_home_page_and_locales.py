"""The six UN languages as Wagtail locales, and the home page as the site root."""

from django.db import migrations

LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]


def create_home(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("knowledge", "HomePage")

    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code="en")

    # Wagtail's install leaves a "Welcome" page at depth 2; the hub's home replaces it.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="knowledge")
    siblings = Page.objects.filter(depth=2).count()
    home = HomePage.objects.create(
        title="BRS Clearing-House Hub",
        draft_title="BRS Clearing-House Hub",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{siblings + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=english,
        live=True,
        intro=(
            "One entry point to what the Basel, Rotterdam and Stockholm conventions know, "
            "and a place where the people who implement them share what works."
        ),
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    # django.contrib.sites names the site in allauth's emails.
    apps.get_model("sites", "Site").objects.update_or_create(
        id=1, defaults={"domain": "127.0.0.1:8000", "name": "BRS Clearing-House Hub"}
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id, "site_name": "BRS Clearing-House Hub"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
