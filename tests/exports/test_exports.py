"""Exports are new owner-only files: never written over, never through a link, a free name chosen."""

from __future__ import annotations

import os
import stat

from assistant.exports import free_stem, write_new


def test_a_new_file_is_owner_only_from_creation(tmp_path):
    path = write_new(tmp_path / "fiches" / "fiche.pdf", b"%PDF")
    assert path == tmp_path / "fiches" / "fiche.pdf" and path.read_bytes() == b"%PDF"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700  # a folder it had to create


def test_an_existing_file_is_kept_and_the_next_free_name_taken(tmp_path):
    first = write_new(tmp_path / "fiche.pdf", "un")
    second = write_new(tmp_path / "fiche.pdf", "deux")
    third = write_new(tmp_path / "fiche.pdf", "trois")
    assert [p.name for p in (first, second, third)] == ["fiche.pdf", "fiche-2.pdf", "fiche-3.pdf"]
    assert first.read_text() == "un" and third.read_text() == "trois"


def test_a_link_at_the_name_is_never_followed(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours")
    os.symlink(target, tmp_path / "fiche.pdf")
    written = write_new(tmp_path / "fiche.pdf", "slip")
    assert written.name == "fiche-2.pdf" and target.read_text() == "not yours"


def test_the_files_of_one_export_share_a_free_name(tmp_path):
    (tmp_path / "fiche-X.ics").write_text("")
    assert free_stem(tmp_path, "fiche-X", [".pdf", ".ics"]) == "fiche-X-2"
    assert free_stem(tmp_path, "fiche-Y", [".pdf", ".ics"]) == "fiche-Y"
