"""A member's own data, as the privacy notice promises: everything they
wrote and set, and nothing of anybody else's (no other member's email,
posts or settings; the titles of the questions they answered are public)."""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from community.models import Answer, Flag, Membership, Notice, Question, Revision, Vote
from knowledge.models import KnowledgeItemPage
from profiles.models import User
from subscriptions.models import Follow, Preferences

from .models import TermsAcceptance


def member_data(user: User) -> dict:
    """Everything the member wrote and set, by kind, oldest first within a kind."""
    profile = user.profile
    readable_questions = set(
        Question.objects.visible_to(user)
        .filter(pk__in=Answer.objects.filter(author=user).values("question_id"))
        .values_list("pk", flat=True)
    )
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "handle": user.handle,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        # Which kinds of second factor are set up, never their secrets.
        "two_factor_authentication": [
            {"type": each.type, "created_at": each.created_at, "last_used_at": each.last_used_at}
            for each in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "profile": {
            "display_name": profile.display_name,
            "job_title": profile.title,
            "organisation": profile.organisation,
            "country": profile.country.iso3 if profile.country else None,
            "about": profile.bio,
            "expertise": sorted(area.slug for area in profile.expertise.all()),
            "languages": profile.languages,
            "time_zone": profile.timezone,
            "photo": profile.avatar.name or None,
            "phone": profile.phone,
            "public_profile": profile.is_public,
        },
        "verification_requests": [
            _verification(each)
            for each in user.verifications.select_related("country", "instrument", "regional_centre")
            .prefetch_related("thematic_areas")
            .order_by("created_at")
        ],
        "terms_acceptances": [
            {"version": each.version, "language": each.language, "accepted_at": each.accepted_at}
            for each in TermsAcceptance.objects.filter(user=user).order_by("accepted_at")
        ],
        "questions": [
            _question(each)
            for each in Question.objects.filter(author=user)
            .select_related("group")
            .prefetch_related("thematic_areas", "conventions", "countries", "tags")
            .order_by("created_at")
        ],
        "answers": [
            _answer(each, readable_questions)
            for each in Answer.objects.filter(author=user).select_related("question").order_by("created_at")
        ],
        "post_versions": [
            {
                "question": each.question_id,
                "answer": each.answer_id,
                "title": each.title,
                "text": each.body_markdown,
                "what_changed": each.summary,
                "at": each.created_at,
            }
            for each in Revision.objects.filter(editor=user).order_by("created_at", "pk")
        ],
        "votes": [
            {"answer": each.answer_id, "question": each.answer.question_id, "at": each.created_at}
            for each in Vote.objects.filter(voter=user).select_related("answer").order_by("created_at")
        ],
        "flags_raised": [
            {
                "question": each.question_id,
                "answer": each.answer_id,
                "reason": each.reason,
                "details": each.text,
                "at": each.created_at,
            }
            for each in Flag.objects.filter(flagger=user).order_by("created_at")
        ],
        "group_memberships": [
            {
                "group": each.group.slug,
                "name": each.group.name,
                "status": each.status,
                "role": each.role,
                "since": each.created_at,
            }
            for each in Membership.objects.filter(user=user).select_related("group").order_by("created_at")
        ],
        "group_notices": [
            {"group": each.group.slug, "title": each.title, "text": each.body_markdown, "at": each.created_at}
            for each in Notice.objects.filter(author=user).select_related("group").order_by("created_at")
        ],
        "knowledge_items": [
            _knowledge_item(page)
            for page in KnowledgeItemPage.objects.filter(Q(submitter=user) | Q(owner=user)).order_by("pk").specific()
        ],
        "follows": [
            {"kind": each.kind, "key": each.key, "since": each.created_at}
            for each in Follow.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "notification_preferences": _preferences(user),
    }


def _verification(verification) -> dict:
    return {
        "role": verification.role,
        "status": verification.status,
        "justification": verification.justification,
        "country": verification.country.iso3 if verification.country else None,
        "convention": verification.instrument.code if verification.instrument else None,
        "kind_of_focal_point": verification.focal_point_kind,
        "thematic_areas": sorted(area.slug for area in verification.thematic_areas.all()),
        "regional_centre": str(verification.regional_centre) if verification.regional_centre else None,
        "requested_at": verification.created_at,
        "decided_at": verification.decided_at,
        "note_from_the_secretariat": verification.decision_note,
    }


def _question(question: Question) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "text": question.body_markdown,
        "language": question.language,
        "status": question.status,
        "group": question.group.slug if question.group else None,
        "thematic_areas": sorted(area.slug for area in question.thematic_areas.all()),
        "conventions": sorted(instrument.code for instrument in question.conventions.all()),
        "countries": sorted(country.iso3 for country in question.countries.all()),
        "tags": sorted(tag.name for tag in question.tags.all()),
        "asked_at": question.created_at,
        "edited_at": question.edited_at,
        "address": question.get_absolute_url(),
    }


def _answer(answer: Answer, readable_questions: set[int]) -> dict:
    return {
        "id": answer.pk,
        "question": answer.question_id,
        # Another member's title, only while the member may still read the
        # question (not after leaving its private group, or once it is hidden).
        "question_title": answer.question.title if answer.question_id in readable_questions else None,
        "text": answer.body_markdown,
        "language": answer.language,
        "status": answer.status,
        "answered_at": answer.created_at,
        "edited_at": answer.edited_at,
        "address": answer.get_absolute_url(),
    }


def _knowledge_item(page: KnowledgeItemPage) -> dict:
    """The item as it stands in its latest version (a draft's changes
    included), with every field of its kind."""
    latest = page.get_latest_revision_as_object()
    return {
        "id": page.pk,
        "kind": str(page.specific_class._meta.verbose_name),
        "title": latest.title,
        "published": page.live,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "address": page.url if page.live else None,
        "fields": _own_fields(latest),
        "attachments": [
            {"title": attachment.document.title, "file": attachment.document.filename, "language": attachment.language}
            for attachment in latest.attachments.all()
        ],
    }


def _own_fields(page) -> dict:
    """The fields a kind of item adds to Wagtail's pages, by name."""
    values = {}
    model = type(page)
    for field in model._meta.get_fields():
        if getattr(field, "model", None) is Page or not getattr(field, "concrete", False) or field.auto_created:
            continue
        if isinstance(field, ParentalKey) or field.one_to_one or not getattr(field, "editable", True):
            continue
        if field.many_to_many:
            values[field.name] = sorted(str(related) for related in getattr(page, field.name).all())
        elif isinstance(field, models.ForeignKey):
            related = getattr(page, field.name)
            values[field.name] = str(related) if related is not None else None
        elif hasattr(field, "stream_block"):
            values[field.name] = json.loads(field.value_to_string(page) or "[]")
        else:
            values[field.name] = field.value_from_object(page)
    values["markdown_as_written"] = page.submitted_markdown
    return values


def _preferences(user: User) -> dict | None:
    preferences = Preferences.objects.filter(user=user).first()
    if preferences is None:
        return None
    return {
        "channels": preferences.channels,
        "digest": preferences.digest_frequency,
        "digest_weekday": preferences.digest_weekday,
        "digest_hour": preferences.digest_hour,
        "email_status": preferences.email_status,
    }
