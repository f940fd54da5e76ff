"""The message catalogue (lkip.messages): both languages of every entry, every key lkip uses, and
findings rendered from a key and its parameters."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lkip.messages import MESSAGES, fields_of, joined, render
from lkip.model import Finding

PACKAGE = Path(__file__).resolve().parent.parent / "lkip"
# a string that has the shape of a catalogue key: 'capaian.wrong', 'gate.unsound_row'
_KEY = re.compile(r"[a-z][a-z_]*(?:\.[a-z][a-z_]*)+")
_NOT_KEYS = {"handmade.txt"}  # strings of that shape that are no message key (a file name)


def _language_free(names: set[str], lang: str) -> set[str]:
    """Field names with the suffix of a parameter rendered in each language taken off
    ('where_id' in the Indonesian template and 'where_en' in the English one are one)."""
    suffix = f"_{lang}"
    return {n[: -len(suffix)] if n.endswith(suffix) else n for n in names}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_entry_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"id", "en"}, f"{key}: languages {sorted(entry)}"
    assert entry["id"] and entry["en"], f"{key}: an empty template"
    id_fields, en_fields = fields_of(entry["id"]), fields_of(entry["en"])
    assert not any(n.endswith("_en") for n in id_fields), f"{key}: English field in Indonesian"
    assert not any(n.endswith("_id") for n in en_fields), f"{key}: Indonesian field in English"
    assert _language_free(id_fields, "id") == _language_free(en_fields, "en"), (
        f"{key}: fields {sorted(id_fields)} vs {sorted(en_fields)}")


def _keys_used() -> dict[str, str]:
    """Every string with the shape of a message key ('capaian.wrong') in the code that makes
    findings, with where it stands: message keys, and the values of parameters naming an entry
    ({name!t})."""
    used: dict[str, str] = {}
    # where findings are made (the reports, the CLI and lkip batch use the labels of lkip.i18n)
    paths = sorted((PACKAGE / "validate").rglob("*.py")) + [PACKAGE / "pipeline.py"]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    _KEY.fullmatch(node.value)) and node.value not in _NOT_KEYS:
                used.setdefault(node.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return used


def test_every_key_lkip_uses_is_in_the_catalogue() -> None:
    used = _keys_used()
    assert len(used) > 80, f"only {len(used)} keys found: the scan no longer sees them"
    missing = {k: where for k, where in used.items() if k not in MESSAGES}
    assert not missing, f"keys not in lkip.messages: {missing}"


def test_render_fills_in_params_and_words() -> None:
    params = {"field": "capaian", "shown": "1", "n": 2, "kid": "levels.kegiatan", "want": "3",
              "diff": "Rp 2", "arith": "x", "who": "total.who_line", "level": "program",
              "name": "P"}
    assert render("total.wrong", params, "id") == (
        "Program 'P': capaian tertulis 1, tetapi jumlah 2 kegiatan di bawahnya 3 (selisih Rp 2; x).")
    assert render("total.wrong", params, "en") == (
        "Programme 'P': achievement (capaian) stated as 1, but its 2 activities add up to 3 "
        "(difference Rp 2; x).")
    assert render("note.uncertain", {"fields": "realisasi,target"}, "en") == (
        " The column some of these figures came from was uncertain when the table was read "
        "(spending, target); check the original document.")


def test_a_word_not_in_the_catalogue_is_said_as_it_is() -> None:
    assert render("gate.from_same_line", {"cause": "total", "cause_field": "selisih",
                                          "cause_row": "R"}, "id") == (
        " (Ini kesalahan total selisih pada baris 'R' yang sama, yang dilaporkan tersendiri.)")
    assert render("narrative.table", {"page_part": "", "page": None, "field": "realisasi",
                                      "said": "1", "quoted": "q", "where": "narrative.where_row",
                                      "table": "T", "label": "L", "table_txt": "2"}, "id") == (
        "Teks menyebut realisasi 1 («q»), sedangkan T (L) mencantumkan 2.")


def test_joined_renders_each_language() -> None:
    params = joined("where", [("cross_year.at_page", {"table": "Tabel 1", "page": 3}),
                              ("cross_year.at_line", {"table": "Tabel 2", "line": 9})], "; ")
    assert params == {"where_id": "Tabel 1, hal. 3; Tabel 2, baris 9",
                      "where_en": "Tabel 1, p. 3; Tabel 2, line 9"}


def test_a_finding_is_rendered_from_its_key_params_and_notes() -> None:
    f = Finding.of("capaian.wrong", {"shown": "90%", "want": "95,00%", "arith": "a"},
                   rule="capaian", severity="error")
    assert (f.key, f.params["shown"]) == ("capaian.wrong", "90%")
    assert f.message == "Capaian tertulis 90%, seharusnya 95,00% (a)."
    assert f.message_en == "Capaian stated as 90%, should be 95,00% (a)."
    g = f.noted("gate.table_in_doubt", severity="info")
    assert g.severity == "info" and [n.key for n in g.notes] == ["gate.table_in_doubt"]
    assert g.message == f.message + render("gate.table_in_doubt", {}, "id")
    assert g.message_en == f.message_en + render("gate.table_in_doubt", {}, "en")
    assert f.notes == [] and f.severity == "error"  # the original is left as it was
    h = g.told("capaian.target_zero", {"shown": "5%"})
    assert h.notes == [] and h.message.startswith("Target 0: capaian tertulis 5%")


def test_a_note_on_a_finding_written_without_the_catalogue_is_appended() -> None:
    f = Finding(rule="x", severity="error", message="Teks.", message_en="Text.")
    g = f.noted("gate.magnitude", severity="warning")
    assert g.message == "Teks." + render("gate.magnitude", {}, "id")
    assert g.message_en == "Text." + render("gate.magnitude", {}, "en")
    assert g.key is None and g.severity == "warning"
