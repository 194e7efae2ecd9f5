"""Writes of the policies app: a member's acceptance of the terms, and the
deletion of their account."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import translation
from wagtail.documents import get_document_model

from community.constants import PostStatus
from community.models import Answer, Notice, Question, Revision, Vote
from core import audit
from core.models import AuditKind
from knowledge.models import KnowledgeAttachment, KnowledgeItemPage
from profiles.models import User
from subscriptions.constants import FollowKind
from subscriptions.models import Follow

from .constants import FORMER_MEMBER_EMAIL, FORMER_MEMBER_HANDLE, FORMER_MEMBER_NAME
from .models import ServicePage, TermsAcceptance


def current_terms_version() -> str:
    """The version of the terms a member accepts now: the "last updated"
    date of the published terms page in the default language (the text of
    record; translations share its date), else the date it was last
    published; "" while the site has no terms page."""
    terms = ServicePage.objects.terms()
    if terms is None:
        return ""
    if terms.last_updated:
        return terms.last_updated.isoformat()
    published = terms.last_published_at or terms.first_published_at
    return published.date().isoformat() if published else ""


def record_terms_acceptance(user: User, *, language: str = "") -> TermsAcceptance:
    """Record that the member accepted the current terms, read in `language`."""
    codes = {code for code, _name in settings.LANGUAGES}
    return TermsAcceptance.objects.create(
        user=user, version=current_terms_version(), language=language if language in codes else ""
    )


def former_member() -> User:
    """The account that former members' posts pass to: it cannot sign in
    (an address at a reserved .invalid domain, no usable password,
    inactive), receives nothing, and its profile is not public."""
    # Found by its handle, which no member can take (profiles.models.handle_in_use);
    # its address is at the reserved .invalid domain, which sign-up refuses.
    user = User.objects.filter(handle=FORMER_MEMBER_HANDLE).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User(email=FORMER_MEMBER_EMAIL, handle=FORMER_MEMBER_HANDLE, is_active=False)
            user.set_unusable_password()
            user.save()
            # Stored text, so written once in the default language (shown in the reader's: Profile.name).
            with translation.override(settings.LANGUAGE_CODE):
                user.profile.display_name = str(FORMER_MEMBER_NAME)
            user.profile.is_public = False
            user.profile.save(update_fields=["display_name", "is_public"])
    except IntegrityError:  # another deletion created it at the same moment
        return User.objects.get(handle=FORMER_MEMBER_HANDLE)
    return user


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove a member's account and everything they set, keeping what they
    posted in the forums and groups for the others who answered and read it:
    questions, answers, their earlier versions and group notices pass to
    the former-member account. Knowledge items the secretariat published
    stay without the member's name; their drafts and submissions never
    published are deleted. Votes are withdrawn (the counts follow); flags,
    follows, memberships, preferences, notifications, roles, email
    addresses, authenticators and the profile go with the account, and so
    do the others' follows of this member."""
    placeholder = former_member()
    # Locked: a post arriving meanwhile (a reply by email) waits, then finds no author.
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == placeholder.pk:
        raise ValueError("The former-member account cannot be deleted.")
    # Only the account's number stays in the trail: the handle and email go with the account.
    audit.record(AuditKind.ACCOUNT_DELETED, subject_label=f"#{user.pk}")
    audit.forget(user)
    Question.objects.filter(author=user).update(author=placeholder)
    Answer.objects.filter(author=user).update(author=placeholder)
    Revision.objects.filter(editor=user).update(editor=placeholder)
    Notice.objects.filter(author=user).update(author=placeholder)
    _withdraw_votes(user)
    # Members are followed by id (older rows: by handle); nobody follows a gone account.
    Follow.objects.filter(kind=FollowKind.MEMBER, key__in=[str(user.pk), user.handle]).delete()
    drafts = list(KnowledgeItemPage.objects.filter(submitter=user, live=False, first_published_at__isnull=True))
    # Their files go too (Wagtail removes a document's file once the deletion commits).
    documents = list(
        get_document_model().objects.filter(
            pk__in=KnowledgeAttachment.objects.filter(item__in=drafts).values("document_id")
        )
    )
    for page in drafts:
        page.delete()
    for document in documents:
        if not KnowledgeAttachment.objects.filter(document=document).exists():  # not also on a kept item
            document.delete()
    avatar = user.profile.avatar.name if user.profile.avatar else ""
    if avatar:
        storage = user.profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(avatar))
    user.delete()


def _withdraw_votes(user: User) -> None:
    """Take the member's up-votes off the answers' and questions' counts, as
    withdrawing each would (a question counts its visible answers' votes)."""
    votes = Vote.objects.filter(voter=user)
    for row in votes.values("answer").annotate(n=Count("pk")):
        Answer.objects.filter(pk=row["answer"]).update(vote_count=F("vote_count") - row["n"])
    visible = votes.filter(answer__status=PostStatus.VISIBLE)
    for row in visible.values("answer__question").annotate(n=Count("pk")):
        Question.objects.filter(pk=row["answer__question"]).update(vote_count=F("vote_count") - row["n"])
    votes.delete()
