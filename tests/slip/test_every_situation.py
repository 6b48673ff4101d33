"""The slip of every situation of the test suite (scenario tables and contract examples): one
A4 page (two for a household with several requests), opened by a PDF reader, no seed file name."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.engine import evaluate
from assistant.slip import pdf
from assistant.slip.content import build
from assistant.slip.text import html_page, markdown
from assistant.validation import parse_situation
from tests.engine.cases import examples, scenarios
from tests.slip.pdf_reader import read

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt\b")
SITUATIONS = [pytest.param(on, situation, id=name) for name, on, situation, _expect in [*scenarios(), *examples()]]


@pytest.mark.parametrize("on, situation", SITUATIONS)
def test_the_slip_fits_its_page_opens_and_names_no_file(kb, sample_directory, context, on, situation):
    on = date.fromisoformat(str(on))
    assessment = evaluate(parse_situation(situation, on), on=on, kb=kb)
    slip = build(assessment, context(on), sample_directory)
    data, pages = pdf.render(slip)
    text = read(data)  # raises when a viewer could not open the file
    assert len(text) == pages <= (2 if slip.requests > 1 else 1)
    shown = "\n".join(text)
    assert "K7Q2-M9XD" in shown and "CMS Louise Michel" in shown and assessment["kb_release"] in shown
    for rendered in (shown, markdown(slip), html_page(slip), slip.text()):
        assert FILE_NAME.search(rendered) is None
