import pytest

from demo.seed_policies import seed_service_pages


@pytest.fixture
def service_pages(db):
    """The five pages in six languages, as seed_demo loads them."""
    seed_service_pages()


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """Members here post at once: the trust rules and rate limits of the
    forums have their own tests."""


@pytest.fixture
def amina(db):
    """A member who has written and set something of every kind, and a
    colleague with posts of her own in the same threads."""
    from community.services import ask_question, flag_post, join_group, post_answer, toggle_vote
    from conventions.models import ThematicArea
    from policies.services import record_terms_acceptance
    from profiles.constants import Role
    from profiles.services import request_verification, update_profile
    from subscriptions.services import follow, preferences_for
    from tests.community.factories import GroupFactory
    from tests.knowledge.factories import BestPracticeFactory
    from tests.profiles.factories import MemberFactory

    amina = MemberFactory(email="amina@example.org", handle="amina-diallo", display_name="Amina Diallo")
    update_profile(
        amina.profile,
        fields={"organisation": "Ministry of Environment", "phone": "+221 33 000 00 00", "is_public": True},
    )
    record_terms_acceptance(amina, language="fr")
    colleague = MemberFactory(email="li.wei@example.org", handle="li-wei", display_name="Li Wei")
    group = GroupFactory(name="E-waste practitioners")
    join_group(amina, group)
    e_waste = ThematicArea.objects.filter(slug="e-waste").first()
    request_verification(amina, role=Role.EXPERT, justification="Led the e-waste survey.", thematic_areas=[e_waste])
    question = ask_question(amina, title="Take-back schemes for old phones?", body="Who runs one with retailers?")
    answer = post_answer(amina, question, body="We started with forty shops in Dakar.")
    theirs = ask_question(colleague, title="PCB inventories in transformers", body="Secret colleague text.")
    their_answer = post_answer(colleague, question, body="Retailers in Nairobi did it at no cost.")
    toggle_vote(amina, their_answer)
    flag_post(amina, theirs, reason="spam", text="Looks like an advert")
    follow(amina, "topic", "e-waste")
    follow(colleague, "member", str(amina.pk))
    preferences = preferences_for(amina)
    preferences.digest_frequency = "daily"
    preferences.save()
    published = BestPracticeFactory(title="Phone take-back in Dakar", submitter=amina, owner=amina)
    draft = BestPracticeFactory(title="Draft: cable burning alternatives", submitter=amina, owner=amina, live=False)
    BestPracticeFactory(title="Someone else's item", submitter=colleague, owner=colleague)
    return {
        "member": amina,
        "colleague": colleague,
        "question": question,
        "answer": answer,
        "their_question": theirs,
        "their_answer": their_answer,
        "published": published,
        "draft": draft,
    }
