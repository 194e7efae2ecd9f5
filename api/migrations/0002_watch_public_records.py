"""Watch what is public today, so it leaves a tombstone if it goes."""

from django.db import migrations


def watch(apps, schema_editor):
    PublicRecord = apps.get_model("api", "PublicRecord")
    Question = apps.get_model("community", "Question")
    KnowledgeItemPage = apps.get_model("knowledge", "KnowledgeItemPage")
    questions = Question.objects.filter(status="visible").exclude(group__privacy="private")
    rows = [PublicRecord(resource="questions", key=str(pk)) for pk in questions.values_list("pk", flat=True)]
    items = KnowledgeItemPage.objects.filter(live=True, alias_of__isnull=True).values_list("translation_key", flat=True)
    rows += [PublicRecord(resource="knowledge", key=str(key)) for key in set(items)]
    PublicRecord.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("community", "0010_question_updated_at"),
        ("knowledge", "0007_item_language"),
    ]

    operations = [migrations.RunPython(watch, migrations.RunPython.noop)]
