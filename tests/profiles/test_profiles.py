import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conventions.models import ThematicArea
from profiles.models import Profile
from tests.conventions.factories import CountryFactory
from tests.profiles.factories import MemberFactory

EDIT = "/en/account/profile/"


def image_file(name="me.png", format="PNG", size=(800, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, format=format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{format.lower()}")


def profile_data(**overrides):
    data = {
        "display_name": "Wanjiru Kamau",
        "handle": "wanjiru",
        "title": "Senior environment officer",
        "organisation": "Ministry of Environment",
        "country": "",
        "bio": "Works on e-waste.",
        "languages": ["en", "fr"],
        "timezone": "Africa/Nairobi",
        "phone": "+254 700 000000",
        "is_public": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_member_edits_the_profile_and_the_public_page_shows_it_without_email_or_phone(client, member, kenya):
    client.force_login(member)
    area = ThematicArea.objects.get(slug="e-waste")
    response = client.post(EDIT, profile_data(country=kenya.pk, expertise=[area.pk], avatar=image_file()))
    assert response.status_code == 302

    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Wanjiru Kamau"
    assert profile.country == kenya
    assert profile.languages == ["en", "fr"]
    assert list(profile.expertise.all()) == [area]
    assert profile.avatar.name.endswith(".png")
    with profile.avatar.open() as stored, Image.open(stored) as image:
        assert image.size == (256, 256)

    client.logout()
    page = client.get("/en/people/wanjiru/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wanjiru Kamau" in html
    assert "Senior environment officer" in html
    assert "Kenya" in html
    assert "E-waste" in html
    assert member.email not in html
    assert "+254" not in html


@pytest.mark.django_db
def test_private_profile_is_404_for_others_but_visible_to_its_owner(client, member):
    other = MemberFactory()
    client.force_login(other)
    assert client.get(f"/en/people/{member.handle}/").status_code == 404
    client.force_login(member)
    own = client.get(f"/en/people/{member.handle}/")
    assert own.status_code == 200
    assert "Your profile is private" in own.content.decode()


@pytest.mark.django_db
def test_fake_image_is_refused_and_nothing_is_saved(client, member):
    client.force_login(member)
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 2000, content_type="image/png")
    response = client.post(EDIT, profile_data(avatar=fake))
    assert response.status_code == 400
    assert "The photo must be a JPEG, PNG or WebP image" in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.display_name != "Wanjiru Kamau"
    assert not profile.avatar


@pytest.mark.django_db
def test_image_with_the_wrong_extension_is_refused(client, member):
    client.force_login(member)
    response = client.post(EDIT, profile_data(avatar=image_file(name="photo.exe")))
    assert response.status_code == 400
    assert not Profile.objects.get(user=member).avatar


@pytest.mark.django_db
def test_oversized_photo_is_refused_with_its_size(client, member, settings):
    settings.AVATAR_MAX_BYTES = 1000
    client.force_login(member)
    response = client.post(EDIT, profile_data(avatar=image_file(size=(400, 400))))
    assert response.status_code == 400
    assert "the limit is 1000" in response.content.decode()


@pytest.mark.django_db
def test_handle_taken_by_someone_else_is_refused(client, member):
    MemberFactory(handle="taken")
    client.force_login(member)
    response = client.post(EDIT, profile_data(handle="taken"))
    assert response.status_code == 400
    assert "This handle is taken" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_needs_login(client):
    response = client.get(EDIT)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_edit_form_labels_every_field_and_ties_errors(client, member):
    client.force_login(member)
    response = client.post(EDIT, profile_data(display_name="", handle="not a slug!"))
    html = response.content.decode()
    assert '<label class="form-label" for="id_display_name">' in html
    assert 'aria-describedby="id_handle_helptext id_handle_errors"' in html
    assert 'aria-invalid="true"' in html


def huge_png(width, height):
    """A PNG of a few kilobytes that declares width × height pixels (one bit
    each, all white): what a decompression bomb looks like."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_photo_with_too_many_pixels_is_refused_before_it_is_decoded(client, member):
    client.force_login(member)
    photo = huge_png(9400, 9400)
    assert photo.size < 400 * 1024
    response = client.post(EDIT, profile_data(avatar=photo))
    assert response.status_code == 400
    assert "The photo has too many pixels; the limit is 25 megapixels." in response.content.decode()
    assert not Profile.objects.get(user=member).avatar


@pytest.mark.django_db
def test_decompression_bomb_is_a_clear_400_not_a_server_error(client, member):
    client.force_login(member)
    response = client.post(EDIT, profile_data(avatar=huge_png(14000, 14000)))
    assert response.status_code == 400
    assert "The photo has too many pixels" in response.content.decode()
    assert not Profile.objects.get(user=member).avatar


@pytest.mark.django_db
def test_a_large_but_reasonable_photo_is_accepted(client, member):
    client.force_login(member)
    response = client.post(EDIT, profile_data(avatar=huge_png(5000, 5000)))
    assert response.status_code == 302
    with Profile.objects.get(user=member).avatar.open() as stored, Image.open(stored) as image:
        assert image.size == (256, 256)


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["localtime", "Factory", "Mars/Olympus_Mons"])
def test_time_zone_must_be_a_place(client, member, zone):
    client.force_login(member)
    response = client.post(EDIT, profile_data(timezone=zone))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Profile.objects.get(user=member).timezone == "UTC"


@pytest.mark.django_db
def test_time_zone_is_stored(client, member):
    client.force_login(member)
    assert client.post(EDIT, profile_data(timezone="America/Argentina/Buenos_Aires")).status_code == 302
    assert Profile.objects.get(user=member).timezone == "America/Argentina/Buenos_Aires"
    page = client.get(EDIT).content.decode()
    assert '<option value="America/Argentina/Buenos_Aires" selected>America/Argentina/Buenos Aires</option>' in page


def test_migrations_do_not_depend_on_the_time_zones_of_the_machine():
    """Another machine's tz database (here: only the tzdata package) must not
    make `makemigrations --check` see a change."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemigrations", "profiles", "--check", "--dry-run"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "PYTHONTZPATH": "/nonexistent", "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.django_db
def test_a_member_can_be_from_a_state_or_the_eu_not_a_territory(client, member, kenya):
    from bs4 import BeautifulSoup

    antarctica = CountryFactory(iso2="AQ", iso3="ATA", numeric="010", name="Antarctica")
    union = CountryFactory(iso2="EU", iso3="EUE", name="European Union", is_state=False)
    client.force_login(member)
    soup = BeautifulSoup(client.get(EDIT).content, "html.parser")
    offered = {option["value"] for option in soup.select("select[name=country] option") if option["value"]}
    assert offered == {str(kenya.pk), str(union.pk)}
    response = client.post(EDIT, profile_data(country=antarctica.pk))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.country is None


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["JPEG"])
def test_a_photo_keeps_no_comment_nor_location(client, member, format):
    """Found by the outside test (#18): the JPEG comment survived re-encoding."""
    exif = Image.Exif()
    exif[0x010E] = "GPS near the ministry"  # ImageDescription
    buffer = io.BytesIO()
    options = {"comment": b"home address: 12 Riverside Road"} if format == "JPEG" else {}
    Image.new("RGB", (400, 400), (20, 120, 200)).save(buffer, format=format, exif=exif, **options)
    upload = SimpleUploadedFile(f"me.{format.lower()}", buffer.getvalue(), content_type=f"image/{format.lower()}")
    client.force_login(member)
    assert client.post(EDIT, profile_data(avatar=upload)).status_code == 302
    with Profile.objects.get(user=member).avatar.open() as stored:
        data = stored.read()
    assert b"Riverside" not in data and b"ministry" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "comment" not in image.info and "exif" not in image.info
