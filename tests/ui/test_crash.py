"""An error inside the app ends it with one line and exit status 1, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from assistant.ui.app import AssistantApp, make_app


def _broken_engine(on):
    def assess(situation):
        raise RuntimeError("moteur en panne")

    return assess


def test_an_error_inside_the_app_is_one_line_and_exit_status_1(launch, capfd):
    app = make_app(launch(record=False), assess=_broken_engine)
    app.run(headless=True, size=(80, 24))
    assert app.return_code == 1
    err = capfd.readouterr().err
    assert err.strip() == "erreur interne : RuntimeError : moteur en panne"


def test_the_app_command_exits_with_the_app_status(tmp_path, monkeypatch):
    from assistant.cli import cli

    def crashed(self, *args, **kwargs):
        self._return_code = 1  # what Textual sets when the app stopped on an error

    monkeypatch.setattr(AssistantApp, "run", crashed)
    result = CliRunner().invoke(cli, ["app", "--no-log", "--export-dir", str(tmp_path)])
    assert result.exit_code == 1


def test_the_app_refuses_to_start_on_an_incomplete_knowledge_base(tmp_path, monkeypatch):
    import shutil

    from assistant.cli import cli
    from assistant.knowledge import loader

    data = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, data)
    (data / "items" / "dsuv.yaml").unlink()
    monkeypatch.setattr(loader, "DATA_DIR", data)
    monkeypatch.setattr(AssistantApp, "run", lambda self, *a, **k: pytest.fail("the app started"))
    result = CliRunner().invoke(cli, ["app", "--no-log", "--export-dir", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Erreur : base de connaissances : ") and "dsuv.eligible" in result.stderr
    assert result.stderr.count("\n") == 1

