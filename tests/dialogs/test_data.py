import typing
from pathlib import Path

import pytest
from typing_extensions import is_typeddict

from assistant.dialogs.loader import DATA_DIR, DialogDataError, load, load_dir
from assistant.dialogs.model import CASE
from assistant.situation import Situation


def situation_leaves(td=Situation, prefix=""):
    out = set()
    for name, hint in typing.get_type_hints(td).items():
        inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        if is_typeddict(inner[0]):
            out |= situation_leaves(inner[0], f"{prefix}{name}.")
        else:
            out.add(prefix + name)
    return out


LEAVES = situation_leaves()
DIALOGS = load()


def test_every_field_a_question_fills_is_a_situation_field_or_a_case_fact():
    for q in DIALOGS.questions.values():
        assert {f for f in q.fields if not f.startswith(CASE)} <= LEAVES, q.id


def test_every_situation_field_can_be_asked():
    asked = set().union(*(q.asks_for for q in DIALOGS.fallback))
    assert LEAVES - asked == {"person.sex"}  # recorded for activity reports only, never needed to decide


def test_every_question_cites_a_seed_or_a_public_text_of_the_knowledge_base():
    from assistant.knowledge.loader import load as load_kb

    seeds = {p.name for p in Path(__file__).parents[3].joinpath("shared", "seeds").glob("*.txt")} or None
    external = set(load_kb().data.get("external", {}))  # texts not in the seeds (figures/BENEFITS.md)
    for q in DIALOGS.questions.values():
        assert q.help and q.sources, q.id
        assert any(s.doc not in external for s in q.sources), q.id  # at least one seed for every question
        if seeds:
            assert {s.doc for s in q.sources} <= seeds | external, q.id


@pytest.mark.parametrize("dialog", ["triage", "documents", "referral", "renewal"])
def test_required_dialogs_exist(dialog):
    assert DIALOGS.order(dialog)


def test_errors_name_the_file_and_the_field(tmp_path):
    for path in DATA_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    broken = (tmp_path / "referral.yaml").read_text(encoding="utf-8").replace("type: multi_choice", "type: checkbox", 1)
    (tmp_path / "referral.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(DialogDataError, match=r"^referral\.yaml: questions > 0 > type: "):
        load_dir(tmp_path)


def test_a_dialog_naming_an_unknown_question_is_refused(tmp_path):
    (tmp_path / "dialogs.yaml").write_text(
        "start: a\ndialogs: [{id: a, title: A, scope: [], questions: [nowhere]}]\n", encoding="utf-8")
    with pytest.raises(DialogDataError, match="unknown questions nowhere"):
        load_dir(tmp_path)


@pytest.mark.parametrize("change, error", [
    (("type: multi_choice", "type: multi_choice\n    colour: blue"), r"^referral\.yaml: questions > 0 > colour: Unexpected keyword"),
    (("id: difficulties", "id: Difficultés"), r"question id 'Difficultés'"),
    (("field: social.followed_by", "flied: social.followed_by"), r"^referral\.yaml: questions > 4 > flied"),
])
def test_unknown_keys_and_bad_ids_are_refused(tmp_path, change, error):
    for path in DATA_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "referral.yaml").read_text(encoding="utf-8").replace(*change, 1)
    (tmp_path / "referral.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DialogDataError, match=error):
        load_dir(tmp_path)


def test_the_app_starts_without_pydantic_once_the_bank_is_cached(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys; from assistant.dialogs.loader import load; load(); "
            "import assistant.ui.app; print('pydantic' in sys.modules)")
    env = os.environ | {"ASSISTANT_CACHE_DIR": str(tmp_path)}
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,  # noqa: E731
                                 env=env).stdout.strip()
    assert run() == "True"  # first start: validates the YAML files, fills the cache
    assert run() == "False"
