"""The installed package writes a slip: sample directory imported, PDF rendered with the fonts
the wheel carries (fpdf2 would fail without them), the directory's contact on it.

Run by .ci/run with the wheel's virtual environment, from outside the source tree.
"""

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import assistant

with tempfile.TemporaryDirectory() as tmp:
    os.environ["ASSISTANT_DATA_DIR"] = tmp
    from assistant.directory.importing import SAMPLE, SAMPLE_DEPARTEMENT, import_files
    from assistant.directory.lookup import load as directory
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.slip.content import Context, build
    from assistant.slip.pdf import render
    from assistant.validation import parse_situation

    if "site-packages" not in assistant.__file__:
        sys.exit(f"not the installed package: {assistant.__file__}")
    import_files([SAMPLE], SAMPLE_DEPARTEMENT)
    on = date(2025, 6, 1)
    situation = {"person": {"age": 34, "nationality": "non_eu", "right_to_stay": "no", "arrival_date": "2024-11-01",
                            "irregular_since": "2024-11-01"}, "coverage": {"puma": "none", "ame": "none"},
                 "resources": {"annual": 2000, "household_size": 1, "territory": "metropole"}}
    assessment = evaluate(parse_situation(situation, on), on=on, kb=load())
    data, pages = render(build(assessment, Context(on=on), directory(SAMPLE_DEPARTEMENT)))
    if not data.startswith(b"%PDF-") or pages != 1 or b"DejaVuSans" not in data:
        sys.exit(f"slip not written as expected ({pages} pages)")
    Path(tmp, "fiche.pdf").write_bytes(data)
    print(f"slip written from the wheel: {pages} page, {len(data)} bytes")
