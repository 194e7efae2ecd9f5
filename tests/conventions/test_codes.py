import pytest

from conventions.codes import cas_check_digit_ok, parse_decision_code


@pytest.mark.parametrize(
    ("typed", "code", "path"),
    [
        ("BC-14/12", "BC-14/12", "BC-14-12"),
        ("bc 14/12", "BC-14/12", "BC-14-12"),
        ("BC-14-12", "BC-14/12", "BC-14-12"),
        ("SC-4/17", "SC-4/17", "SC-4-17"),
        ("BC.Ex-1/1", "BC.Ex-1/1", "BC.Ex-1-1"),
        ("sc.ex-1/1", "SC.Ex-1/1", "SC.Ex-1-1"),
        (" RC-9/5 ", "RC-9/5", "RC-9-5"),
    ],
)
def test_decision_codes_are_read_however_typed(typed, code, path):
    parsed = parse_decision_code(typed)
    assert parsed.code == code and parsed.path == path


@pytest.mark.parametrize("typed", ["", "BC", "XX-1/1", "BC-14", "BC-0/3", "BC-14/12/3", "BC-14/12; DROP TABLE"])
def test_what_is_not_a_decision_code(typed):
    assert parse_decision_code(typed) is None


@pytest.mark.parametrize(
    ("cas", "ok"),
    [
        ("116-06-3", True),  # aldicarb
        ("116-06-03", False),  # the typo in the Rotterdam Annex III source
        ("1336-36-3", True),  # PCBs
        ("50-29-3", True),  # DDT
        ("50-29-4", False),
        ("1763-23-1", True),  # PFOS
        ("not-a-cas", False),
    ],
)
def test_cas_check_digits(cas, ok):
    assert cas_check_digit_ok(cas) is ok
