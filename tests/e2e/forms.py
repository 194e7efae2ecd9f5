"""Finding form fields as a person does: by the label they read."""

import re


def field(page_or_locator, label: str):
    """The field labelled ``label``, required (the label then ends in an
    asterisk, hidden from screen readers) or not."""
    return page_or_locator.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))
