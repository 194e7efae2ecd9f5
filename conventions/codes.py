"""Identifiers of the conventions' texts: COP decision codes and CAS numbers."""

import re
from dataclasses import dataclass

# BC-14/12, SC-4/17, RC-9/5, BC.Ex-1/1 (extraordinary), also typed as
# "bc 14/12", "BC-14-12" (as in URLs) or "SC.EX-1/1".
DECISION_CODE = re.compile(
    r"^\s*(?P<convention>BC|RC|SC)(?P<ex>\s*\.\s*EX)?\s*[-\s]\s*(?P<meeting>\d{1,2})\s*[/-]\s*(?P<number>\d{1,3})\s*$",
    re.IGNORECASE,
)
# A code written in running text, as published (BC-14/12, BC.Ex-1/1), in any
# case; not part of a longer word, number or path (BC-14/1234, BC-14/12/3).
DECISION_CODE_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z/-])(?:BC|RC|SC)(?:\.Ex)?-\d{1,2}/\d{1,3}(?![0-9A-Za-z]|/\d)",
    re.IGNORECASE,
)
CAS_NUMBER = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


@dataclass(frozen=True)
class DecisionCode:
    convention: str  # BC, RC or SC
    extraordinary: bool
    meeting: int
    number: int

    @property
    def code(self) -> str:
        """The published form: BC-14/12, BC.Ex-1/1."""
        ex = ".Ex" if self.extraordinary else ""
        return f"{self.convention}{ex}-{self.meeting}/{self.number}"

    @property
    def path(self) -> str:
        """The form used in URLs: BC-14-12, BC.Ex-1-1."""
        return self.code.replace("/", "-")


def parse_decision_code(text: str) -> DecisionCode | None:
    """The decision code in `text`, however it was typed, or None."""
    match = DECISION_CODE.match(text or "")
    if not match:
        return None
    meeting, number = int(match["meeting"]), int(match["number"])
    if meeting < 1 or number < 1:
        return None
    return DecisionCode(match["convention"].upper(), bool(match["ex"]), meeting, number)


def decision_codes_in(text: str) -> list[DecisionCode]:
    """The decision codes written in running text, each once, in the order
    they first appear."""
    codes = (parse_decision_code(match[0]) for match in DECISION_CODE_IN_TEXT.finditer(text or ""))
    return list(dict.fromkeys(code for code in codes if code is not None))


def cas_check_digit_ok(cas: str) -> bool:
    """Whether a CAS registry number is well formed and its check digit right:
    the last digit is the sum of the other digits, each times its position
    counted from the right, modulo 10 (116-06-3 for aldicarb)."""
    match = CAS_NUMBER.match((cas or "").strip())
    if not match:
        return False
    digits = (match[1] + match[2])[::-1]
    return sum(position * int(digit) for position, digit in enumerate(digits, start=1)) % 10 == int(match[3])
