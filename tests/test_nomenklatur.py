"""Tests for the nomenklatur: packaged data, name keys, matcher, CLI, rule, evaluation set."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from lkip.cli import main
from lkip.nomenklatur.data import (
    Nomenklatur,
    canonical_code,
    compact_json,
    compact_text,
    data_bytes,
    describe,
    load,
    lookup_code,
)
from lkip.nomenklatur.matcher import ACCEPT, Context, Matcher, matcher
from lkip.nomenklatur.text import normalize

ROOT = Path(__file__).parent.parent
SOURCE = Path("/work/shared/nomenklatur/nomenklatur.csv")
SAMPLE = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"


@pytest.mark.skipif(not SOURCE.exists(), reason="shared nomenklatur source not present")
def test_packaged_copy_matches_the_source_rows() -> None:
    packaged = list(csv.DictReader(data_bytes().decode("utf-8").splitlines()))
    source = list(csv.DictReader(SOURCE.read_text(encoding="utf-8").splitlines()))
    assert len(packaged) == len(source) == 10220
    assert packaged == source


def test_load_is_complete() -> None:
    """Its speed is benchmarks/nomenklatur.py's to print (a timed test failed CI on a busy
    machine: 0.56 s of CPU against a 0.5 s bound)."""
    load.cache_clear()
    nom = load()
    fresh = Matcher(nom)
    assert fresh.match("Penyediaan Gaji dan Tunjangan ASN", "sub_kegiatan").kode
    assert len(nom.entries) == 10220
    assert {lv: len(v) for lv, v in nom.by_level.items()} == {
        "urusan": 10, "bidang_urusan": 50, "program": 270, "kegiatan": 1447, "sub_kegiatan": 8443}


def test_compact_form_is_made_from_the_packaged_csv() -> None:
    """lkip/data/nomenklatur.compact.json is what lkip.nomenklatur.build makes of the CSV with
    today's name keys (else: run python -m lkip.nomenklatur.build)."""
    assert compact_text() == compact_json(data_bytes())


def test_csv_fallback_gives_the_same_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import lkip.nomenklatur.data as data

    packed = load()
    monkeypatch.setattr(data, "compact_text", lambda: None)
    load.cache_clear()
    try:
        plain = load()
    finally:
        load.cache_clear()
    assert plain.entries == packed.entries and plain.keys == packed.keys
    assert plain.vocabulary == packed.vocabulary and plain.sha256 == packed.sha256


def test_describe_names_the_version() -> None:
    assert "1317/2023" in describe(2024) and "10.220 kode" in describe(2024)
    assert "10,220 codes" in describe(None, "en")
    assert describe(2016).startswith("tidak diterapkan")


@pytest.mark.parametrize(("a", "b"), [
    ("PROGRAM PENILAIAN KESEHATAN KSP/USP KOPERASI",
     "Penilaian Kesehatan Koperasi Simpan Pinjam / Unit Simpan Pinjam Koperasi"),
    ("Penyediaan Gaji dan Tunjangan ASN", "Penyediaan Gaji & Tunjangan Aparatur Sipil Negara"),
    ("Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
     "Pemberdayaan Usaha Mikro, Kecil dan Menengah"),
    ("Kewenangan Kabupaten/Kota", "Kewenangan Kab/Kota"),
    ("Kewenangan Kabupaten/Kota", "Kewenangan Kota"),
    ("Rapat Koordinasi dan Konsultasi SKPD", "Rapat Koordinasi & Konsultasi Satuan Kerja Perangkat Daerah"),
    ("PROGRAM KAWASAN PERMUKIMAN", "PRORAM KAWASAN PERMUKIMAN"),
])
def test_normalize_folds_variants(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_codes_as_printed() -> None:
    assert canonical_code("5.02.001") == "5.02.01"
    assert canonical_code("2.17.04.2.01.01") == "2.17.04.2.01.0001"
    assert canonical_code("Tabel") is None
    nom = load()
    code, entry = lookup_code(nom, "2.17.01.2.02.0001")
    assert code == "2.17.01.2.02.0001" and entry is not None and entry.kode == "X.XX.01.2.02.0001"
    assert lookup_code(nom, "9.99.99") == ("9.99.99", None)


def test_match_gives_code_score_and_runners_up() -> None:
    m = matcher().match("Pelaksanaan Penilaian Kesehatan KSP/USP Koperasi Kewenangan Kota",
                        "sub_kegiatan")
    assert m.kode == "2.17.04.2.01.0001" and m.score >= ACCEPT
    assert m.alternatives and all(a.score <= m.score for a in m.alternatives)
    assert matcher().match("Persentase koperasi aktif", "sub_kegiatan").kode is None


def test_context_resolves_the_program_penunjang() -> None:
    ctx = Context(parent="2.17.01", bidang="2.17", tingkat="kabkota", version="2024")
    m = matcher().match("Administrasi Keuangan Perangkat Daerah", "kegiatan", ctx)
    assert m.kode == "2.17.01.2.02"
    prov = matcher().match("Administrasi Keuangan Perangkat Daerah", "kegiatan",
                           Context(tingkat="provinsi"))
    assert prov.kode == "X.XX.01.1.02"


def test_embedded_name_in_a_merged_label() -> None:
    label = ("Jumlah Paket Penyediaan Peralatan dan Peralatan dan Perlengkapan Kantor "
             "Perlengkapan Kantor yang Disediakan")
    assert matcher().match(label, "sub_kegiatan").kode is None
    m = matcher().match(label, "sub_kegiatan", Context(bidang="2.17"), embedded=True)
    assert m.kode == "2.17.01.2.06.0002" and m.embedded


def test_search_finds_by_words() -> None:
    found = matcher().search("gaji tunjangan asn", limit=3)
    assert found[0].nama == "Penyediaan Gaji dan Tunjangan ASN"


def test_cli_match_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Program Pengembangan UMKM\n\nTabel 3.1 capaian\n", encoding="utf-8")
    assert main(["nomenklatur", "match", "--level", "program", "--format", "json",
                 "PROGRAM HUBUNGAN INDUSTRIAL", "--file", str(names)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["name"] for o in out] == ["PROGRAM HUBUNGAN INDUSTRIAL", "Program Pengembangan UMKM",
                                        "Tabel 3.1 capaian"]
    assert [o["kode"] for o in out] == ["2.07.05", "2.17.08", None]
    assert set(out[0]) >= {"name", "kode", "nama", "score", "alternatives"}


def test_cli_search_and_bad_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nomenklatur", "search", "hubungan", "industrial", "--limit", "2"]) == 0
    assert "2.07.05" in capsys.readouterr().out
    assert main(["nomenklatur", "match", "--file", "/nonexistent/names.txt"]) == 2


@pytest.mark.skipif(not SAMPLE.exists(), reason="bundled sample missing")
def test_sample_budget_lines_and_rule() -> None:
    from lkip.pipeline import check

    doc = check(SAMPLE)
    assert doc.nomenklatur_version and "1317/2023" in doc.nomenklatur_version
    codes = {b.nomenklatur.kode for b in doc.budget_lines if b.nomenklatur}
    assert {"2.07.03", "2.17.04", "2.17.08.2.01", "2.17.01.2.02.0001"} <= codes
    mine = [f for f in doc.findings if f.rule == "nomenklatur"]
    assert all(f.severity in ("warning", "info") for f in mine)
    # Tabel 3.2.1 gives the Pengawasan program's 40.416.120 to Penilaian Kesehatan KSP/USP
    assert any("40.416.120" in f.message and "2.17.03" in f.message for f in mine)


def test_rule_code_and_parent_on_a_handmade_table() -> None:
    from lkip.validate.handmade import add_budget_table, new_doc
    from lkip.validate.rules import nomenklatur as rule

    doc = new_doc("pdf-text")
    doc.document.tahun = 2023
    add_budget_table(doc, "Tabel 3.2", ("anggaran", "realisasi", "persen"), [
        ("program", "PROGRAM HUBUNGAN INDUSTRIAL", None, ("100.000.000", "90.000.000", "90"),
         "2.07.05"),
        ("kegiatan", "Pelayanan antar Kerja di Daerah Kabupaten/Kota", 0,
         ("100.000.000", "90.000.000", "90"), "2.07.03.2.01"),
        ("kegiatan", "Pengukuran Produktivitas Tingkat Daerah Kabupaten/Kota", 0,
         ("100.000.000", "90.000.000", "90")),
    ])
    found = rule.check(doc)
    messages = " ".join(f.message for f in found)
    assert "2.07.04.2.01" in messages  # the name's own code, not the printed one
    assert "2.07.03" in messages  # a kegiatan of Pelatihan Kerja under Hubungan Industrial
    assert all(f.severity == "warning" for f in found)


def _benchmark_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_nomenklatur", ROOT / "benchmarks" /
                                                  "nomenklatur.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_accuracy() -> None:
    bench = _benchmark_module()
    items = bench.labelled() + bench.ocr_set(150, 5)
    tally, misses = bench.evaluate(items)

    def share(kind: str) -> float:
        right = sum(v[0] for (k, _), v in tally.items() if k == kind)
        total = sum(v[1] for (k, _), v in tally.items() if k == kind)
        return right / total

    assert sum(1 for i in items if i["kind"] == "real") >= 150
    assert share("real") >= 0.98
    assert share("ocr") >= 0.95
    assert share("negative") == 1.0
    assert not [i for i, r in misses if i["official"] is None and r.kode is not None]


def test_fragment_of_a_wrapped_cell_suggests_the_full_name() -> None:
    bench = _benchmark_module()
    item = {"kind": "real", "level": "program", "name": "! Produktivitas Tenaga Kerja",
            "official": "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", "fragment": True}
    m = matcher().match(str(item["name"]), "program")
    assert m.best is not None and m.best.kode == "2.07.03"
    assert bench.correct(item, m)
    assert not bench.correct({**item, "fragment": False}, m)  # not accepted as the name itself


def test_matcher_is_shared() -> None:
    assert matcher() is matcher()
    assert isinstance(matcher().nom, Nomenklatur)


def test_ocr_word_helper_is_shared() -> None:
    from lkip.normalize.ocr_words import fix_initial_i, fix_ocr_letters
    from lkip.validate.names import tokens as name_tokens

    assert fix_initial_i("1zin usaha |zin lzin") == "izin usaha izin izin"
    assert fix_ocr_letters("pemer1ntah l0gistik 2024") == "pemerintah logistik 2024"
    assert "izin" in name_tokens("Pemenuhan 1zin Usaha")
    assert normalize("Pemenuhan 1zin Usaha") == normalize("Pemenuhan Izin Usaha")


def test_ocr_slips_are_read_back_before_abbreviations_fold() -> None:
    words = matcher().words
    damaged = ["usaha", "menengsh", "penye", "diaan", "penyediaanperalatan", "xyzzy"]
    assert words.repair(damaged) == [
        "usaha", "menengah", "penyediaan", "penyediaan", "peralatan", "xyzzy"]
    m = matcher().match("Pemberdayaan Usaha Menengsh, Usaha Kecil, dan Usaha Mikro (UMKM)",
                        "program")
    assert m.kode == "2.17.07" and m.score >= ACCEPT


@pytest.mark.parametrize(("name", "level", "wrong"), [
    ("Penyelenggaraan Rapat", "program", "PROGRAM PENYELENGGARAAN JALAN"),  # another word
    ("Pengadaan Barang Milik Daerah", "sub_kegiatan", "Pengamanan Barang Milik Daerah"),
    ("Pelaksanaan Manajemen Risiko", "sub_kegiatan", "Pelaksanaan Manajemen Risiko Zoonosis"),
])
def test_a_different_or_missing_word_is_no_match(name: str, level: str, wrong: str) -> None:
    m = matcher().match(name, level)  # type: ignore[arg-type]
    assert m.kode is None
    assert m.best is not None and m.best.nama == wrong and m.best.score < ACCEPT


@pytest.mark.parametrize(("name", "level", "kode"), [
    ("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "program", "X.XX.01"),  # tingkat left out
    ("Penunjang Urusan Pemerintah Daerah", "program", "X.XX.01"),  # 'pemerintah' in '...an'
    ("PROGRAM PEENAT AAN DE5A", "program", "2.13.02"),  # a word split by OCR is still there
    ("Kegiatan Penegmbangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah "
     "Irigasiii yang luasnya dibawaah 1.000 ha dalam 1 (satu) Daerah Kabupaten/Kota.",
     "kegiatan", "1.03.02.2.02"),
])
def test_slips_splits_and_a_left_out_tingkat_still_match(name: str, level: str, kode: str) -> None:
    assert matcher().match(name, level).kode == kode  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "level", "kode"), [
    ("9. Jasa Urusan Daerah", "kegiatan", "X.XX.01.2.08"),  # OCR dropped 'Penyediaan', 'Penunjang'
    ("5.1, Gaii dan Tunj ASN", "sub_kegiatan", "X.XX.01.2.02.0001"),  # a slip and a cut word
])
def test_a_name_with_words_lost_is_suggested_not_accepted(name: str, level: str, kode: str) -> None:
    from lkip.nomenklatur.matcher import SUGGEST

    m = matcher().match(name, level)  # type: ignore[arg-type]
    assert m.kode is None
    assert m.best is not None and m.best.kode == kode and SUGGEST <= m.score < ACCEPT


def test_a_cut_short_name_is_accepted_when_the_table_says_which() -> None:
    label = "PROGRAM PERUMUSAN KEBIJAKAN, PENDAMPINGAN"  # '... DAN ASISTENSI' on the next line
    assert matcher().match(label, "program").kode is None
    assert matcher().match(label, "program", Context(bidang="6.01")).kode == "6.01.03"
    # both kegiatan of the program start so: the parent does not tell them apart
    ctx = Context(parent="6.01.02", bidang="6.01")
    assert matcher().match("Penyelenggaraan Pengawasan dengan", "kegiatan", ctx).kode is None


def test_a_piece_cut_inside_an_abbreviation_still_suggests_its_name() -> None:
    # 'Koperasi Simpan / Pinjam/Unit Simpan Pinjam ...': the cut leaves 'pinjam', which the
    # name holds inside 'KSP'
    m = matcher().match("12. dan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotasnnya "
                        "dalam Daerah Kabupaten/ Kota", "kegiatan")
    assert m.kode is None and m.best is not None and m.best.kode == "2.17.03.2.01"
