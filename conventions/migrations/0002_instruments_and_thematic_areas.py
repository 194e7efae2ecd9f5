"""The conventions themselves and the starting vocabulary of thematic areas.
Editors maintain both in the admin afterwards."""

import datetime

from django.db import migrations

INSTRUMENTS = [
    # code, name, short name, parent, adopted, in force, website, order
    ("BC", "Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal",
     "Basel Convention", None, datetime.date(1989, 3, 22), datetime.date(1992, 5, 5), "https://www.basel.int", 1),
    ("BAN", "Amendment to the Basel Convention (Ban Amendment)", "Basel Ban Amendment", "BC",
     datetime.date(1995, 9, 22), datetime.date(2019, 12, 5), "https://www.basel.int", 2),
    ("RC", "Rotterdam Convention on the Prior Informed Consent Procedure for Certain Hazardous Chemicals and "
     "Pesticides in International Trade", "Rotterdam Convention", None, datetime.date(1998, 9, 10),
     datetime.date(2004, 2, 24), "https://www.pic.int", 3),
    ("SC", "Stockholm Convention on Persistent Organic Pollutants", "Stockholm Convention", None,
     datetime.date(2001, 5, 22), datetime.date(2004, 5, 17), "https://www.pops.int", 4),
]

THEMATIC_AREAS = [
    ("environmentally-sound-management", "Environmentally sound management of wastes"),
    ("transboundary-movements", "Transboundary movements and illegal traffic"),
    ("plastic-waste", "Plastic waste"),
    ("e-waste", "E-waste"),
    ("prior-informed-consent", "Prior informed consent and trade"),
    ("pesticides", "Pesticides"),
    ("industrial-chemicals", "Industrial chemicals"),
    ("pops-elimination", "POPs elimination and stockpiles"),
    ("pcbs", "PCBs"),
    ("ddt-alternatives", "DDT and alternatives"),
    ("contaminated-sites", "Contaminated sites"),
    ("national-implementation-plans", "National implementation plans and reporting"),
    ("legal-institutional-frameworks", "Legal and institutional frameworks"),
    ("customs-enforcement", "Customs and enforcement"),
    ("technical-assistance", "Technical assistance and capacity building"),
    ("financial-resources", "Financial resources"),
    ("gender-vulnerable-groups", "Gender and vulnerable groups"),
    ("monitoring-effectiveness", "Monitoring and effectiveness evaluation"),
    ("science-policy", "Science-policy interface"),
    ("public-awareness", "Public awareness and education"),
    ("national-coordination", "National coordination mechanisms"),
]


def load(apps, schema_editor):
    import uuid

    Instrument = apps.get_model("conventions", "Instrument")
    ThematicArea = apps.get_model("conventions", "ThematicArea")
    Locale = apps.get_model("wagtailcore", "Locale")

    for code, name, short_name, parent, adopted, in_force, website, order in INSTRUMENTS:
        Instrument.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "parent": Instrument.objects.get(code=parent) if parent else None,
                "adopted_on": adopted,
                "entry_into_force_on": in_force,
                "website": website,
                "sort_order": order,
            },
        )
    english, _ = Locale.objects.get_or_create(language_code="en")
    for order, (slug, name) in enumerate(THEMATIC_AREAS, start=1):
        ThematicArea.objects.get_or_create(
            slug=slug,
            locale=english,
            defaults={"name": name, "sort_order": order, "translation_key": uuid.uuid4()},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conventions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
