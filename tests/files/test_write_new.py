"""New owner-only files (assistant.files.write_new): never written over, never through a link, a
free name chosen, the files of one export under one name."""

from __future__ import annotations

import os
import stat

from assistant.files import write_new


def test_a_new_file_is_owner_only_from_creation(tmp_path):
    [path] = write_new(tmp_path / "fiches", ["fiche.pdf"], [b"%PDF"])
    assert path == tmp_path / "fiches" / "fiche.pdf" and path.read_bytes() == b"%PDF"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700  # a folder it had to create


def test_an_existing_file_is_kept_and_the_next_free_name_taken(tmp_path):
    written = [write_new(tmp_path, ["fiche.pdf"], [text.encode()])[0] for text in ("un", "deux", "trois")]
    assert [p.name for p in written] == ["fiche.pdf", "fiche-2.pdf", "fiche-3.pdf"]
    assert written[0].read_text() == "un" and written[2].read_text() == "trois"


def test_a_link_at_the_name_is_never_followed(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours")
    os.symlink(target, tmp_path / "fiche.pdf")
    [written] = write_new(tmp_path, ["fiche.pdf"], [b"slip"])
    assert written.name == "fiche-2.pdf" and target.read_text() == "not yours"


def test_the_files_of_one_export_share_a_free_name(tmp_path):
    (tmp_path / "fiche-X.ics").write_text("")
    written = write_new(tmp_path, ["fiche-X.pdf", "fiche-X.ics"], [b"pdf", b"ics"])
    assert [p.name for p in written] == ["fiche-X-2.pdf", "fiche-X-2.ics"]
    assert (tmp_path / "fiche-X.ics").read_text() == ""
    assert [p.name for p in write_new(tmp_path, ["fiche-Y.pdf", "fiche-Y.ics"], [b"", b""])] == \
        ["fiche-Y.pdf", "fiche-Y.ics"]
