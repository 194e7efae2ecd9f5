from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    actions.register_action("knowledge.declined", _("Decline submission"), _("Submission declined"))
