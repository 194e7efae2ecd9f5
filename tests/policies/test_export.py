"""/<lang>/account/export/: everything the member wrote and set, as a JSON
file, and nothing of anybody else's."""

import json

import pytest

EXPORT = "/en/account/export/"


@pytest.mark.django_db
def test_signing_in_is_needed(client):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_the_file_holds_what_the_member_wrote_and_set(client, amina):
    client.force_login(amina["member"])
    response = client.get("/fr/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="brs-hub-amina-diallo-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)

    assert data["account"]["email"] == "amina@example.org"
    assert data["account"]["handle"] == "amina-diallo"
    assert data["account"]["date_joined"]
    assert data["profile"]["display_name"] == "Amina Diallo"
    assert data["profile"]["phone"] == "+221 33 000 00 00"
    assert [request["role"] for request in data["verification_requests"]] == ["expert"]
    assert [(each["version"], each["language"]) for each in data["terms_acceptances"]] == [("", "fr")]
    assert [question["title"] for question in data["questions"]] == ["Take-back schemes for old phones?"]
    assert [answer["text"] for answer in data["answers"]] == ["We started with forty shops in Dakar."]
    assert [vote["answer"] for vote in data["votes"]] == [amina["their_answer"].pk]
    assert [(flag["question"], flag["reason"]) for flag in data["flags_raised"]] == [
        (amina["their_question"].pk, "spam")
    ]
    assert [membership["group"] for membership in data["group_memberships"]] == ["e-waste-practitioners"]
    assert ("topic", "e-waste") in [(each["kind"], each["key"]) for each in data["follows"]]
    assert data["notification_preferences"]["digest"] == "daily"
    items = {item["title"]: item for item in data["knowledge_items"]}
    assert set(items) == {"Phone take-back in Dakar", "Draft: cable burning alternatives"}
    assert items["Draft: cable burning alternatives"]["published"] is False
    assert items["Phone take-back in Dakar"]["fields"]["summary"]


@pytest.mark.django_db
def test_nothing_of_another_member_is_in_it(client, amina):
    client.force_login(amina["member"])
    text = client.get(EXPORT).content.decode()
    for theirs in [
        "li.wei@example.org",
        "Li Wei",
        "PCB inventories in transformers",
        "Secret colleague text.",
        "Retailers in Nairobi",
        "Someone else's item",
    ]:
        assert theirs not in text
    # Their follow of Amina is theirs, not hers.
    assert "member" not in [each["kind"] for each in json.loads(text)["follows"]]
