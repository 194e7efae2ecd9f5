"""The API keeps the contract its OpenAPI schema states: schemathesis sends
every operation generated requests, valid and invalid (random filters,
dates, pages, cursors, codes), and checks each answer against the schema:
documented status codes and content types, bodies of the declared shape,
never a 500."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from config.wsgi import application
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    FocalPointFactory,
    ListingFactory,
    MeetingFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
)
from tests.knowledge.factories import BestPracticeFactory, KnowledgeAttachmentFactory


@pytest.fixture
def published(db, monkeypatch):
    # Generated requests come fast: the anonymous limit would answer 429 to most.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})
    # Requests go straight to the WSGI application, in the test's
    # transaction: as Django's test client does, keep the end of a request
    # from closing the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    senegal = CountryFactory(iso2="SN", iso3="SEN", name="Senegal")
    PartyStatusFactory(country=senegal, consent_on="1992-11-10")
    decision = DecisionFactory(code="BC-14/12", title="Plastic waste amendments", topics=["plastic-waste"])
    MeetingFactory(slug="bc-cop-17", title="BC COP-17", country=senegal)
    ListingFactory(profile=ChemicalProfileFactory(slug="pfos", cas_numbers=["1763-23-1"]), decision=decision)
    RegionalCentreFactory(slug="bcrc-senegal", host_country=senegal, countries_served=[senegal], conventions=["BC"])
    FocalPointFactory(country=senegal)
    KnowledgeAttachmentFactory(item=BestPracticeFactory(countries=[senegal], topics=["e-waste"]))
    AnswerFactory(question=QuestionFactory(topics=["pcbs"]))
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Read once, at collection: the schema itself needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_the_schemas_contract(case, published):
    # The WSGI client does not decode Brotli, as HTTP clients do: ask for the
    # body as it is (compression is tested in tests/config/test_compression.py).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
