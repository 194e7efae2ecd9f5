"""Question.vote_count (added in 0006) counts up-votes on a question's
visible answers; fill it in for questions that existed before."""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Question = apps.get_model("community", "Question")
    Answer = apps.get_model("community", "Answer")
    votes = (
        Answer.objects.filter(question=OuterRef("pk"), status="visible")
        .order_by()
        .values("question")
        .annotate(total=Sum("vote_count"))
        .values("total")
    )
    Question.objects.update(vote_count=Coalesce(Subquery(votes), 0))


class Migration(migrations.Migration):
    dependencies = [("community", "0007_centre_groups_and_notices")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
