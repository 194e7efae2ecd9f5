"""The knowledge index under the home page, the "Secretariat review"
workflow on it, and the collection members' uploads go to."""

from django.db import migrations

EDITORS = "Secretariat editors"
ADMINISTRATORS = "Administrators"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("knowledge", "HomePage")
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    SecretariatReviewTask = apps.get_model("knowledge", "SecretariatReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")

    home = HomePage.objects.first()
    index = KnowledgeIndexPage.objects.first()
    if home is not None and index is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="knowledgeindexpage")
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
        index = KnowledgeIndexPage.objects.create(
            title="Knowledge",
            draft_title="Knowledge",
            slug="knowledge",
            content_type=content_type,
            path=f"{home.path}{children + 1:04d}",
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}knowledge/",
            locale_id=home.locale_id,
            live=True,
            intro=(
                "Best practices, project summaries, examples of national coordination, awareness materials "
                "and legal information shared by the people who implement the conventions."
            ),
        )
        Page.objects.filter(pk=home.pk).update(numchild=children + 1)

    task_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="secretariatreviewtask")
    task = SecretariatReviewTask.objects.filter(name="Secretariat review").first()
    if task is None:
        task = SecretariatReviewTask.objects.create(name="Secretariat review", active=True, content_type=task_type)
    task.groups.add(*Group.objects.filter(name__in=[EDITORS, ADMINISTRATORS]))
    workflow, _ = Workflow.objects.get_or_create(name="Secretariat review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if index is not None:
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})

    root = Collection.objects.get(depth=1)
    if not Collection.objects.filter(depth=2, name="Member submissions").exists():
        siblings = Collection.objects.filter(depth=2).count()
        Collection.objects.create(
            name="Member submissions", path=f"{root.path}{siblings + 1:04d}", depth=2, numchild=0
        )
        Collection.objects.filter(pk=root.pk).update(numchild=siblings + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_knowledge_items"),
        ("profiles", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
