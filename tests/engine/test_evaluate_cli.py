"""`python -m assistant evaluate`: exit codes, stdout/stderr discipline, batch, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.evaluate_cli import main

EXAMPLES = Path(__file__).parents[1] / "data" / "contract_examples"
P02 = json.loads((EXAMPLES / "p02-ame-retro-seed-example-1.json").read_text())


def run(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "evaluate", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, env=os.environ.copy())


def test_file_and_stdin_give_the_same_assessment(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(P02["situation"]))
    by_file = run(str(path), "--on", P02["on"])
    by_stdin = run("-", "--on", P02["on"], stdin=json.dumps(P02["situation"]))
    assert by_file.returncode == by_stdin.returncode == 0
    assert by_file.stdout == by_stdin.stdout
    ame = next(c for c in json.loads(by_file.stdout)["coverages"] if c["id"] == "ame")
    assert ame["effective_date"] == "2021-04-10"


@pytest.mark.parametrize("args, stdin, mention", [
    (["-", "--on", "2025-03-03"], '{"care": {"hospital_admission": "2025-13-01"}}', "care.hospital_admission"),
    (["-", "--on", "2025-02-30"], "{}", "--on"),
    (["-", "--on", "2025-03-03"], "{not json", "situation"),
    (["/nonexistent/s.json"], "", "lecture impossible"),
    ([], "", "SITUATION"),
    (["-", "--lang", "de"], "{}", "--lang"),
])
def test_bad_input_exit_2_one_line_nothing_on_stdout(args, stdin, mention):
    p = run(*args, stdin=stdin)
    assert p.returncode == 2
    assert p.stdout == ""
    assert mention in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) <= 3  # argparse prints usage + one message


def test_batch_keeps_order_and_reports_bad_lines(tmp_path):
    lines = [json.dumps(P02["situation"]), '{"resources": {"annual": -5}}', "", "{}"]
    path = tmp_path / "b.jsonl"
    path.write_text("\n".join(lines) + "\n")
    p = run("--batch", str(path), "--on", P02["on"])
    assert p.returncode == 2
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["coverages"][2]["id"] == "ame"
    assert out[1] == {"error": {"line": 2, "field": "resources.annual", "message": out[1]["error"]["message"]}}
    assert "coverages" in out[2]


def test_batch_all_good_exits_0(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text("{}\n{}\n")
    p = run("--batch", str(path), "--on", "2025-01-01")
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 2


def test_evaluate_does_not_import_textual_nor_pydantic_models():
    code = ("import sys, runpy; sys.argv = ['assistant', 'evaluate', '-', '--on', '2025-01-01'];\n"
            "import io; sys.stdin = io.TextIOWrapper(io.BytesIO(b'{}'))\n"
            "try:\n    runpy.run_module('assistant', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'click') or m == 'pydantic.main'), file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stderr.strip().splitlines()[-1] == "[]"


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["2025-01-01", "2025-02-29", "french", "no", "open"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["person", "care", "coverage", "resources", "social", "housing", "age",
                         "nationality", "right_to_stay", "annual", "household_size", "hospital_admission",
                         "hospital_discharge", "difficulties", "application_date", "birth_date", "zz"]),
        inner, max_size=5),
    max_leaves=15)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANY_JSON)
def test_any_json_evaluates_or_is_refused_naming_the_field(value, monkeypatch, capsys):
    raw = json.dumps(value, allow_nan=True)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw.encode())))
    code = main(["-", "--on", "2025-06-01"])
    out, err = capsys.readouterr()
    if code == 0:
        assert not err and "coverages" in json.loads(out)
    else:
        assert code == 2 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("situation invalide : ")
        field = lines[0].removeprefix("situation invalide : ").split(":")[0]
        assert field == "situation" or field.split(".")[0] in raw


def test_large_batch_in_parallel_keeps_order_and_line_numbers(tmp_path):
    situations = [{"person": {"age": i % 90}} for i in range(2100)]
    lines = [json.dumps(s) for s in situations]
    lines[1500] = '{"person": {"age": -1}}'
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n")
    p = run("--batch", str(path), "--on", "2025-06-01")
    assert p.returncode == 2
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(out) == 2100
    assert out[1500] == {"error": {"line": 1501, "field": "person.age", "message": out[1500]["error"]["message"]}}
    sequential = main_lines([lines[1499], lines[1501]])
    assert [out[1499], out[1501]] == sequential


def main_lines(lines: list[str]) -> list[dict]:
    p = run("--batch", "-", "--on", "2025-06-01", stdin="\n".join(lines) + "\n")
    return [json.loads(line) for line in p.stdout.splitlines()]
