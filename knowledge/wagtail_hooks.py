from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    actions.register_action("knowledge.declined", _("Decline submission"), _("Submission declined"))


@hooks.register("before_serve_document")
def keep_unpublished_uploads_private(document, request):
    """A file a member attached is public only once its item is published;
    before that only the uploader and the secretariat may download it."""
    from django.http import Http404

    from .constants import SUBMISSIONS_COLLECTION_NAME
    from .models import KnowledgeItemPage

    if document.collection.name != SUBMISSIONS_COLLECTION_NAME:
        return None
    if KnowledgeItemPage.objects.published().filter(attachments__document=document).exists():
        return None
    user = request.user
    is_uploader = user.is_authenticated and user.pk == document.uploaded_by_user_id
    if is_uploader or user.has_perm("wagtailadmin.access_admin"):
        return None
    raise Http404
