"""Seeded random ground truths (truth.py) of LKIP reports, for measuring a reader on documents
nobody tuned it for.

    random_truth(seed, index) -> (stem, Truth)        # one document, same seed -> same document
    generate(n, seed) -> [(stem, Truth), ...]
    audit(truth) -> [Discrepancy, ...]                # what does not add up, recomputed from the cells

A document is an instansi (Dinas/Badan/Inspektorat/Kecamatan of a kabupaten, kota or provinsi)
with sasaran and indicators drawn from realistic vocabularies, programs / kegiatan / sub kegiatan
with their codes taken from the nomenklatur (``lkip/data/nomenklatur.csv``: the 1317/2023 list
for kabupaten/kota, SIPD 2027 for provinsi), and these tables, each kind where real reports have
it: the rating scale, the Renstra targets per year (with Kondisi Awal), capaian kinerja per
sasaran / indikator (with kategori and often a Rata-rata row), a multi-year comparison, pagu
before / after perubahan, realisasi anggaran per program or per program / kegiatan / sub kegiatan
(anggaran, realisasi, %, efisiensi or sisa, JUMLAH) and efisiensi (capaian kinerja vs %
anggaran); prose before and after the tables quotes their figures.

The arithmetic is consistent: capaian = realisasi / target x 100 rounded to 2 decimals (the long
formula (2 target - realisasi) / target x 100 for smaller-is-better indicators), kategori from
the document's own scale table, every total is the sum of its children, % and efisiensi follow
from anggaran and realisasi, the same target is printed in every table. Then a few errors are
planted and listed in ``Truth.planted_errors`` with lkip's rule ids (capaian, category, average,
total, persen, efisiensi, cross_table, narrative, change). ``audit`` recomputes everything from
the printed cells: on a generated truth it finds exactly the planted table errors.

Layout varies the way real reports do: fonts and sizes, portrait / landscape, grid / horizontal /
no rules, cell padding, merged multi-row headers, number rows, row-spanning sasaran cells or
sasaran section rows, number formats (thousands dots, decimal comma, 'Rp', ',-', ',00', '%' or
not, grades 'BB (70,5)', 'Level 3 (3,35)'), one- or two-line captions, 'Sumber:' lines, running
headers and footers, tables split over pages with or without the header repeated.
"""

from __future__ import annotations

import csv
import math
import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import lkip
from lkipsynth.truth import Truth

NOMENKLATUR = Path(lkip.__file__).resolve().parent / "data" / "nomenklatur.csv"  # the packaged copy
D = Decimal

# --- vocabularies -------------------------------------------------------------------------------

KABUPATEN = [
    "Bantul",
    "Sleman",
    "Garut",
    "Banyumas",
    "Jembrana",
    "Sigi",
    "Gowa",
    "Lombok Timur",
    "Bone",
    "Ogan Komering Ilir",
    "Kutai Kartanegara",
    "Minahasa Utara",
    "Aceh Besar",
    "Deli Serdang",
    "Tapanuli Tengah",
    "Kapuas Hulu",
    "Halmahera Selatan",
    "Manggarai Barat",
    "Wonosobo",
    "Pacitan",
    "Toba",
    "Pesisir Selatan",
    "Musi Banyuasin",
    "Bolaang Mongondow",
    "Sumba Timur",
    "Hulu Sungai Tengah",
    "Kepulauan Selayar",
    "Lampung Tengah",
]
KOTA = [
    "Sibolga",
    "Salatiga",
    "Bitung",
    "Parepare",
    "Tarakan",
    "Padang Panjang",
    "Kendari",
    "Pekalongan",
    "Bontang",
    "Tual",
    "Madiun",
    "Banjarbaru",
    "Tebing Tinggi",
    "Pagar Alam",
    "Sukabumi",
    "Mojokerto",
    "Bima",
    "Kotamobagu",
]
PROVINSI = [
    "Jawa Tengah",
    "Sulawesi Selatan",
    "Nusa Tenggara Barat",
    "Kalimantan Timur",
    "Sumatera Barat",
    "Bengkulu",
    "Gorontalo",
    "Kepulauan Riau",
    "Maluku Utara",
    "Jambi",
]
KECAMATAN = [
    "Sukamaju",
    "Banjarsari",
    "Kebonagung",
    "Tanjung Harapan",
    "Sidomulyo",
    "Pasir Putih",
    "Karangrejo",
    "Mekarsari",
    "Lubuk Pakam",
    "Air Hitam",
    "Cempaka",
    "Gunung Sari",
]

# indicator: (name, satuan, kind, smaller_is_better)
# kinds: pct, count, index, sakip, ikm, level, ratio, money
GENERIC_IKU = [
    ("Nilai SAKIP Perangkat Daerah", "Predikat", "sakip", False),
    ("Nilai Akuntabilitas Kinerja Perangkat Daerah", "Nilai", "sakip", False),
    ("Indeks Kepuasan Masyarakat", "Nilai", "ikm", False),
    ("Tingkat Maturitas Penyelenggaraan SPIP", "Level", "level", False),
    ("Indeks Reformasi Birokrasi Perangkat Daerah", "Indeks", "index", False),
    ("Persentase capaian kinerja program perangkat daerah", "%", "pct", False),
    ("Persentase tindak lanjut rekomendasi hasil pemeriksaan", "%", "pct", False),
    ("Jumlah Temuan Pemeriksaan yang Berulang", "Temuan", "count_small", True),
    ("Persentase dokumen perencanaan dan pelaporan yang tepat waktu", "%", "pct", False),
    ("Indeks Profesionalitas ASN", "Indeks", "index", False),
]
GENERIC_SASARAN = [
    "Meningkatnya akuntabilitas kinerja perangkat daerah",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya kualitas tata kelola perangkat daerah",
]


@dataclass(frozen=True)
class Agency:
    name: str  # 'Dinas Kesehatan'
    short: str  # 'dinkes'
    bidang: str  # nomenklatur bidang code
    sasaran: tuple[str, ...]
    iku: tuple[tuple[str, str, str, bool], ...]
    levels: tuple[str, ...] = ("kabupaten", "kota", "provinsi")


AGENCIES = [
    Agency(
        "Dinas Kesehatan",
        "dinkes",
        "1.02",
        ("Meningkatnya derajat kesehatan masyarakat", "Meningkatnya akses dan mutu pelayanan kesehatan"),
        (
            ("Angka Kematian Ibu (AKI)", "per 100.000 KH", "ratio", True),
            ("Angka Kematian Bayi (AKB)", "per 1.000 KH", "ratio_small", True),
            ("Prevalensi stunting pada balita", "%", "pct_low", True),
            ("Cakupan imunisasi dasar lengkap", "%", "pct", False),
            ("Persentase puskesmas terakreditasi paripurna", "%", "pct", False),
            ("Persentase fasilitas kesehatan yang memenuhi standar", "%", "pct", False),
            ("Jumlah kasus baru HIV/AIDS", "Kasus", "count_small", True),
        ),
    ),
    Agency(
        "Dinas Pendidikan dan Kebudayaan",
        "disdikbud",
        "1.01",
        ("Meningkatnya akses dan mutu pendidikan dasar", "Meningkatnya pelestarian kebudayaan daerah"),
        (
            ("Angka Partisipasi Murni SD/MI", "%", "pct", False),
            ("Angka Partisipasi Kasar SMP/MTs", "%", "pct", False),
            ("Angka putus sekolah SD", "%", "pct_low", True),
            ("Rata-rata Lama Sekolah", "Tahun", "index_small", False),
            ("Persentase guru bersertifikat pendidik", "%", "pct", False),
            ("Jumlah cagar budaya yang dilestarikan", "Objek", "count", False),
        ),
    ),
    Agency(
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "dpupr",
        "1.03",
        (
            "Meningkatnya kualitas infrastruktur jalan dan jembatan",
            "Meningkatnya layanan air minum dan sanitasi",
        ),
        (
            ("Persentase panjang jalan kabupaten dalam kondisi mantap", "%", "pct", False),
            ("Persentase rumah tangga dengan akses air minum layak", "%", "pct", False),
            ("Panjang jalan yang ditingkatkan", "Km", "count", False),
            ("Persentase luas kawasan kumuh yang ditangani", "%", "pct", False),
            ("Jumlah jembatan yang dibangun", "Unit", "count_small", False),
        ),
    ),
    Agency(
        "Dinas Sosial",
        "dinsos",
        "1.06",
        ("Meningkatnya kesejahteraan sosial masyarakat", "Meningkatnya penanganan PPKS"),
        (
            ("Persentase PPKS yang tertangani", "%", "pct", False),
            ("Persentase penerima bantuan sosial tepat sasaran", "%", "pct", False),
            ("Jumlah keluarga miskin yang diberdayakan", "Keluarga", "count", False),
            ("Persentase anak terlantar yang mendapat layanan", "%", "pct", False),
        ),
    ),
    Agency(
        "Dinas Tenaga Kerja dan Transmigrasi",
        "disnakertrans",
        "2.07",
        ("Meningkatnya kesempatan kerja", "Meningkatnya kualitas dan produktivitas tenaga kerja"),
        (
            ("Tingkat Pengangguran Terbuka", "%", "pct_low", True),
            ("Jumlah tenaga kerja yang ditempatkan", "Orang", "count", False),
            ("Persentase tenaga kerja bersertifikat kompetensi", "%", "pct", False),
            ("Jumlah perselisihan hubungan industrial", "Kasus", "count_small", True),
        ),
    ),
    Agency(
        "Dinas Lingkungan Hidup",
        "dlh",
        "2.11",
        ("Meningkatnya kualitas lingkungan hidup", "Meningkatnya pengelolaan sampah"),
        (
            ("Indeks Kualitas Lingkungan Hidup", "Indeks", "index", False),
            ("Indeks Kualitas Air", "Indeks", "index", False),
            ("Persentase sampah yang tertangani", "%", "pct", False),
            ("Jumlah kasus pencemaran lingkungan", "Kasus", "count_small", True),
            ("Jumlah sampah yang dikelola", "Ton", "count", False),
        ),
    ),
    Agency(
        "Dinas Kependudukan dan Pencatatan Sipil",
        "disdukcapil",
        "2.12",
        ("Meningkatnya kualitas pelayanan administrasi kependudukan",),
        (
            ("Persentase penduduk yang memiliki KTP elektronik", "%", "pct", False),
            ("Persentase anak yang memiliki akta kelahiran", "%", "pct", False),
            ("Jumlah dokumen kependudukan yang diterbitkan", "Dokumen", "count", False),
            ("Persentase kepemilikan Kartu Identitas Anak", "%", "pct", False),
        ),
    ),
    Agency(
        "Dinas Perhubungan",
        "dishub",
        "2.15",
        ("Meningkatnya keselamatan dan kelancaran transportasi",),
        (
            ("Jumlah kecelakaan lalu lintas", "Kejadian", "count_small", True),
            ("Persentase ketersediaan fasilitas perlengkapan jalan", "%", "pct", False),
            ("Jumlah kendaraan yang lulus uji berkala", "Unit", "count", False),
        ),
    ),
    Agency(
        "Dinas Komunikasi dan Informatika",
        "diskominfo",
        "2.16",
        (
            "Meningkatnya penyelenggaraan pemerintahan berbasis elektronik",
            "Meningkatnya keterbukaan informasi publik",
        ),
        (
            ("Indeks SPBE", "Indeks", "index_small", False),
            ("Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "%", "pct", False),
            ("Jumlah aplikasi layanan publik yang terintegrasi", "Aplikasi", "count_small", False),
            ("Indeks Keterbukaan Informasi Publik", "Nilai", "index", False),
        ),
    ),
    Agency(
        "Dinas Koperasi, Usaha Kecil dan Menengah",
        "diskopukm",
        "2.17",
        ("Meningkatnya daya saing koperasi dan UMKM",),
        (
            ("Persentase koperasi aktif", "%", "pct", False),
            ("Jumlah UMKM yang naik kelas", "Unit Usaha", "count", False),
            ("Persentase koperasi sehat", "%", "pct", False),
            ("Jumlah wirausaha baru", "Orang", "count", False),
        ),
    ),
    Agency(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "dpmptsp",
        "2.18",
        ("Meningkatnya investasi daerah", "Meningkatnya kualitas pelayanan perizinan"),
        (
            ("Nilai realisasi investasi", "Rupiah", "money", False),
            ("Persentase perizinan yang diselesaikan tepat waktu", "%", "pct", False),
            ("Jumlah pengaduan perizinan", "Pengaduan", "count_small", True),
        ),
    ),
    Agency(
        "Dinas Pariwisata",
        "dispar",
        "3.26",
        ("Meningkatnya kunjungan wisatawan",),
        (
            ("Jumlah kunjungan wisatawan", "Orang", "count", False),
            ("Lama tinggal wisatawan", "Hari", "index_small", False),
            ("Persentase destinasi wisata yang dikelola sesuai standar", "%", "pct", False),
        ),
    ),
    Agency(
        "Dinas Pertanian",
        "distan",
        "3.27",
        ("Meningkatnya produksi dan produktivitas pertanian", "Meningkatnya kesejahteraan petani"),
        (
            ("Produktivitas padi", "Ton/Ha", "index_small", False),
            ("Nilai Tukar Petani", "Indeks", "index", False),
            ("Persentase kelompok tani yang menerapkan teknologi", "%", "pct", False),
            ("Jumlah kasus penyakit hewan menular", "Kasus", "count_small", True),
        ),
    ),
    Agency(
        "Badan Perencanaan Pembangunan Daerah",
        "bappeda",
        "5.01",
        (
            "Meningkatnya kualitas perencanaan pembangunan daerah",
            "Meningkatnya kualitas pengendalian dan evaluasi pembangunan",
        ),
        (
            ("Persentase keselarasan program RKPD dengan RPJMD", "%", "pct", False),
            ("Nilai evaluasi dokumen perencanaan daerah", "Nilai", "index", False),
            ("Persentase capaian target indikator kinerja daerah", "%", "pct", False),
            ("Jumlah dokumen perencanaan yang ditetapkan tepat waktu", "Dokumen", "count_small", False),
        ),
    ),
    Agency(
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "bpkad",
        "5.02",
        ("Meningkatnya kualitas pengelolaan keuangan daerah",),
        (
            ("Opini BPK atas Laporan Keuangan Pemerintah Daerah", "Predikat", "sakip", False),
            ("Persentase realisasi pendapatan daerah", "%", "pct", False),
            ("Persentase aset daerah yang bersertifikat", "%", "pct", False),
            ("Jumlah temuan BPK atas pengelolaan aset", "Temuan", "count_small", True),
        ),
    ),
    Agency(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "bkpsdm",
        "5.03",
        ("Meningkatnya profesionalisme aparatur",),
        (
            ("Indeks Sistem Merit", "Indeks", "index_small", False),
            ("Persentase ASN yang mengikuti pengembangan kompetensi", "%", "pct", False),
            ("Jumlah pelanggaran disiplin ASN", "Kasus", "count_small", True),
        ),
    ),
    Agency(
        "Inspektorat",
        "inspektorat",
        "6.01",
        ("Meningkatnya kualitas pengawasan internal", "Meningkatnya akuntabilitas keuangan daerah"),
        (
            ("Level Kapabilitas APIP", "Level", "level", False),
            ("Persentase tindak lanjut hasil pemeriksaan", "%", "pct", False),
            ("Jumlah temuan berulang", "Temuan", "count_small", True),
            ("Jumlah laporan hasil pengawasan", "Laporan", "count_small", False),
        ),
    ),
    Agency(
        "Badan Penanggulangan Bencana Daerah",
        "bpbd",
        "1.05",
        ("Meningkatnya kapasitas penanggulangan bencana",),
        (
            ("Indeks Risiko Bencana", "Indeks", "index", True),
            ("Persentase desa tangguh bencana", "%", "pct", False),
            ("Jumlah kejadian bencana yang tertangani", "Kejadian", "count_small", False),
        ),
    ),
    Agency(
        "Kecamatan",
        "kecamatan",
        "7.01",
        (
            "Meningkatnya kualitas pelayanan kecamatan",
            "Meningkatnya partisipasi masyarakat dalam pembangunan",
        ),
        (
            ("Persentase layanan PATEN yang diselesaikan tepat waktu", "%", "pct", False),
            ("Persentase kelurahan yang melaksanakan musrenbang tepat waktu", "%", "pct", False),
            ("Jumlah gangguan ketertiban umum", "Kejadian", "count_small", True),
            ("Jumlah surat keterangan yang diterbitkan", "Dokumen", "count", False),
        ),
        ("kabupaten", "kota"),
    ),
]

# scales: bands top to bottom as (printed interval, label, lower bound, lower bound included)
SCALES: dict[str, list[tuple[str, str, float, bool]]] = {
    "permendagri": [
        ("≥ 91", "Sangat Tinggi", 91, True),
        ("76 - 90", "Tinggi", 76, True),
        ("66 - 75", "Sedang", 66, True),
        ("51 - 65", "Rendah", 51, True),
        ("≤ 50", "Sangat Rendah", -math.inf, True),
    ],
    "inequality": [
        ("91% ≤ X", "Sangat Tinggi", 91, True),
        ("76% ≤ X < 91%", "Tinggi", 76, True),
        ("66% ≤ X < 76%", "Sedang", 66, True),
        ("51% ≤ X < 66%", "Rendah", 51, True),
        ("X < 51%", "Sangat Rendah", -math.inf, True),
    ],
    "baik": [
        ("> 90", "Sangat Baik", 90, False),
        ("> 75 s.d. 90", "Baik", 75, False),
        ("> 65 s.d. 75", "Cukup", 65, False),
        ("> 50 s.d. 65", "Kurang", 50, False),
        ("≤ 50", "Sangat Kurang", -math.inf, True),
    ],
    "sd": [
        ("85 s.d. 100", "Sangat Baik", 85, True),
        ("70 s.d. < 85", "Baik", 70, True),
        ("55 s.d. < 70", "Cukup", 55, True),
        ("< 55", "Kurang", -math.inf, True),
    ],
}
SCALE_SOURCES = [
    "Sumber: Permendagri Nomor 86 Tahun 2017",
    "Sumber: Peraturan Menteri PANRB Nomor 88 Tahun 2021",
    None,
    "Sumber: Pedoman Evaluasi Kinerja Perangkat Daerah",
]
FOOTERS = ["Halaman {page}", "- {page} -", "{page}", "Hal. {page}", "Halaman | {page}"]
BAB = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}


def band(scale: str, value: float) -> str:
    for _text, label, lower, inclusive in SCALES[scale]:
        if value > lower or (inclusive and value >= lower):
            return label
    return SCALES[scale][-1][1]


# --- numbers as printed -------------------------------------------------------------------------


def q(v: float | Decimal, dec: int) -> Decimal:
    return D(str(v)).quantize(D(1).scaleb(-dec), rounding=ROUND_HALF_UP)


def idn(v: float | Decimal, dec: int = 0) -> str:
    """Indonesian digits: '1.234.567,89'."""
    v = q(v, dec)
    neg = v < 0
    s = f"{abs(v):.{dec}f}"
    whole, _, frac = s.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return "-" + out if neg else out


@dataclass
class MoneyStyle:
    prefix: str = ""  # '', 'Rp ', 'Rp. ', 'Rp'
    suffix: str = ""  # '', ',00', ',-'
    negative: str = "paren"  # '(1.234)' or '-1.234'

    def __call__(self, v: int | Decimal) -> str:
        body = idn(abs(v)) + self.suffix
        if v < 0:
            return f"({body})" if self.negative == "paren" else "-" + body
        return self.prefix + body


def pct(v: Decimal, dec: int = 2, sign: str = "") -> str:
    body = idn(abs(v), dec) + sign
    return f"({body})" if v < 0 else body


_NUM = re.compile(r"^[-(]?\d{1,3}(?:\.\d{3})*(?:,\d+)?\)?$|^[-(]?\d+(?:,\d+)?\)?$")


def parse(text: str) -> Decimal | None:
    """The figure a printed cell carries (the score of a grade 'BB (70,5)'), or None."""
    t = text.strip()
    m = re.search(r"\(([\d.,]+)\)\s*$", t)
    if m and re.match(r"^(Level\s+\d|[A-E]{1,2}\s*\()", t):
        t = m.group(1)
    t = re.sub(r"^Rp\.?\s*", "", t)
    t = re.sub(r",-$", "", t)
    t = re.sub(r"\s*%$", "", t)
    t = re.sub(r"\s+[A-Za-z/ ]+$", "", t)  # '120 Orang'
    if not _NUM.match(t):
        return None
    neg = t.startswith(("(", "-"))
    t = t.strip("()-").replace(".", "").replace(",", ".")
    v = D(t)
    return -v if neg else v


def capaian(target: Decimal, real: Decimal, smaller: bool) -> Decimal:
    if target == 0:
        return D(0)
    v = (2 * target - real) / target * 100 if smaller else real / target * 100
    return q(v, 2)


# --- the nomenklatur ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _nomenklatur() -> dict[str, list[dict[str, str]]]:
    """parent code -> child rows."""
    kids: dict[str, list[dict[str, str]]] = {}
    with NOMENKLATUR.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kids.setdefault(row["parent_kode"], []).append(row)
    return kids


def _children(code: str, provinsi: bool, level: str) -> list[dict[str, str]]:
    """The regular (kegiatan digit 1 provinsi / 2 kab/kota) children of ``code`` at ``level``."""
    out = []
    digit = "1" if provinsi else "2"
    for row in _nomenklatur().get(code, []):
        if row["level"] != level:
            continue
        if provinsi:
            if "provinsi" not in row["tingkat"] or row["ada_sipd_2027"] != "1":
                continue
        elif "kabkota" not in row["tingkat"] or row["ada_1317_2023"] != "1":
            continue
        parts = row["kode"].split(".")
        if level != "program" and (len(parts) < 4 or parts[3] != digit):
            continue
        out.append(row)
    return out


# --- the document model --------------------------------------------------------------------------


@dataclass
class Indicator:
    name: str
    satuan: str
    kind: str
    smaller: bool
    dec: int
    sasaran: str
    renstra: dict[int, Decimal] = field(default_factory=dict)  # kondisi awal year too
    real: dict[int, Decimal] = field(default_factory=dict)
    cap_stated: Decimal | None = None
    kategori_stated: str | None = None
    renstra_stated: Decimal | None = None  # the Renstra table's figure for tahun (cross_table)

    def text(self, v: Decimal, unit_words: bool = False, pct_sign: str = "") -> str:
        if self.kind == "sakip":
            letter = next(
                lbl
                for lo, lbl in (
                    (90, "AA"),
                    (80, "A"),
                    (70, "BB"),
                    (60, "B"),
                    (50, "CC"),
                    (30, "C"),
                    (-1, "D"),
                )
                if v >= lo
            )
            return f"{letter} ({idn(v, self.dec)})"
        if self.kind == "ikm":
            letter = next(
                lbl for lo, lbl in ((D("88.31"), "A"), (D("76.61"), "B"), (65, "C"), (-1, "D")) if v >= lo
            )
            return f"{letter} ({idn(v, self.dec)})"
        if self.kind == "level":
            return f"Level {int(v)} ({idn(v, 2)})"
        if self.kind == "money":
            return "Rp " + idn(v)
        s = idn(v, self.dec)
        if self.satuan == "%":
            return s + pct_sign
        if unit_words and self.kind.startswith("count"):
            return f"{s} {self.satuan}"
        return s


def _indicator(
    rng: random.Random, spec: tuple[str, str, str, bool], sasaran: str, years: list[int], tahun: int
) -> Indicator:
    name, satuan, kind, smaller = spec
    dec = {
        "pct": rng.choice([0, 2, 2, 1]),
        "pct_low": 2,
        "index": 2,
        "index_small": 2,
        "ratio": 0,
        "ratio_small": 1,
        "count": 0,
        "count_small": 0,
        "sakip": rng.choice([0, 1, 2]),
        "ikm": 2,
        "level": 2,
        "money": 0,
    }[kind]
    ind = Indicator(name, satuan, kind, smaller, dec, sasaran)
    lo_hi = {
        "pct": (55, 98),
        "pct_low": (3, 25),
        "index": (55, 88),
        "index_small": (2.2, 9.5),
        "ratio": (70, 180),
        "ratio_small": (5, 25),
        "count": (40, 25000),
        "count_small": (2, 60),
        "sakip": (58, 82),
        "ikm": (72, 92),
        "level": (1.8, 3.6),
        "money": (5e9, 9e11),
    }[kind]
    base = rng.uniform(*lo_hi)
    step = (lo_hi[1] - lo_hi[0]) * rng.uniform(0.01, 0.05) * (-1 if smaller else 1)
    first = years[0] - 1
    for k, y in enumerate([first, *years]):
        v = base + step * k
        if kind == "money":
            v = round(v, -6)
        if kind == "level":
            v = min(v, 4.9)
        if kind == "pct":
            v = min(v, 100)
        ind.renstra[y] = q(max(v, 0.5 if dec else 1), dec)
    # realisasi of the years up to tahun: around the target, sometimes above
    for y in years:
        if y > tahun:
            break
        t = float(ind.renstra[y])
        ratio = rng.choice(
            [
                rng.uniform(0.6, 0.98),
                rng.uniform(0.9, 1.12),
                rng.uniform(0.97, 1.25),
                rng.uniform(0.85, 1.05),
                1.0,
            ]
        )
        if smaller:
            ratio = 2 - ratio if rng.random() < 0.7 else ratio
        v = t * ratio
        if kind == "pct" and not smaller:
            v = min(v, 100)
        if kind == "level":
            v = min(v, 4.99)
        if kind == "money":
            v = round(v, -3)
        ind.real[y] = q(max(v, 0.5 if dec else 1), dec)
    return ind


@dataclass
class Node:
    """A budget line: program, kegiatan or sub kegiatan (leaves carry the figures)."""

    kode: str
    name: str
    level: str
    children: list[Node] = field(default_factory=list)
    leaf_ang: int = 0
    leaf_real: int = 0
    leaf_sebelum: int = 0
    over: dict[str, Decimal] = field(default_factory=dict)  # planted: field -> stated value

    def true(self, key: str) -> int:
        if not self.children:
            return {"anggaran": self.leaf_ang, "realisasi": self.leaf_real, "sebelum": self.leaf_sebelum}[key]
        return sum(c.true(key) for c in self.children)

    def stated(self, key: str) -> Decimal:
        return self.over.get(key, D(self.true(key)))

    def walk(self) -> list[Node]:
        return [self, *(n for c in self.children for n in c.walk())]


def _amount(rng: random.Random, lo: float, hi: float) -> int:
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    unit = rng.choice([1000, 50_000, 100_000, 1_000_000, 1])
    return max(unit, int(v // unit * unit))


def _realise(rng: random.Random, ang: int) -> int:
    if rng.random() < 0.08:
        return ang
    r = rng.choice([rng.uniform(0.72, 0.99), rng.uniform(0.9, 0.999), rng.uniform(0.95, 0.9999)])
    real = int(ang * r)
    if rng.random() < 0.5:
        real = real // 100 * 100
    return real


def _budget_tree(rng: random.Random, bidang: str, provinsi: bool) -> list[Node]:
    programs = _children(bidang, provinsi, "program")
    penunjang = next((p for p in programs if p["kode"].endswith(".01")), None)
    others = [p for p in programs if p is not penunjang and _children(p["kode"], provinsi, "kegiatan")]
    chosen = rng.sample(others, min(len(others), rng.randint(1, 4)))
    chosen.sort(key=lambda p: p["kode"])
    out = []
    k_digit = "1" if provinsi else "2"
    if penunjang:
        name = penunjang["nama"]
        if provinsi:
            name = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
        prog = Node(penunjang["kode"], name, "program")
        keg = [k for k in _children("X.XX.01", provinsi, "kegiatan") if k["kode"].split(".")[3] == k_digit]
        for k in sorted(rng.sample(keg, min(len(keg), rng.randint(2, 4))), key=lambda r: r["kode"]):
            kode = bidang + k["kode"][4:]
            node = Node(kode, k["nama"], "kegiatan")
            subs = _children(k["kode"], provinsi, "sub_kegiatan")
            for s in sorted(rng.sample(subs, min(len(subs), rng.randint(1, 3))), key=lambda r: r["kode"]):
                gaji = "Gaji" in s["nama"]
                ang = _amount(rng, 1.5e9, 2.5e10) if gaji else _amount(rng, 8e6, 9e8)
                node.children.append(
                    Node(
                        bidang + s["kode"][4:],
                        s["nama"],
                        "sub_kegiatan",
                        leaf_ang=ang,
                        leaf_real=_realise(rng, ang),
                    )
                )
            if node.children:
                prog.children.append(node)
        out.append(prog)
    for p in chosen:
        prog = Node(p["kode"], p["nama"], "program")
        keg = _children(p["kode"], provinsi, "kegiatan")
        for k in sorted(rng.sample(keg, min(len(keg), rng.randint(1, 3))), key=lambda r: r["kode"]):
            node = Node(k["kode"], k["nama"], "kegiatan")
            subs = _children(k["kode"], provinsi, "sub_kegiatan")
            for s in sorted(rng.sample(subs, min(len(subs), rng.randint(1, 3))), key=lambda r: r["kode"]):
                ang = _amount(rng, 1.5e7, 3e9)
                node.children.append(
                    Node(s["kode"], s["nama"], "sub_kegiatan", leaf_ang=ang, leaf_real=_realise(rng, ang))
                )
            if node.children:
                prog.children.append(node)
        if prog.children:
            out.append(prog)
    for prog in out:
        for n in prog.walk():
            if not n.children:
                change = rng.choice([1.0, 1.0, rng.uniform(0.85, 1.15)])
                n.leaf_sebelum = int(n.leaf_ang * change) // 1000 * 1000 or n.leaf_ang
    return out


# --- the generator --------------------------------------------------------------------------------

ERROR_KINDS = [
    "capaian",
    "category",
    "average",
    "total",
    "persen",
    "efisiensi",
    "cross_table",
    "narrative",
    "change",
]


class Gen:
    def __init__(self, seed: int | str, index: int) -> None:
        self.rng = rng = random.Random(f"lkip-synth-random:{seed}:{index}")
        self.agency = ag = rng.choice(AGENCIES)
        self.level = rng.choice(ag.levels)
        if ag.short == "kecamatan":
            self.region = ("Kabupaten " if self.level == "kabupaten" else "Kota ") + rng.choice(
                KABUPATEN if self.level == "kabupaten" else KOTA
            )
            kec = rng.choice(KECAMATAN)
            self.instansi = f"Kecamatan {kec} {self.region}"
            self.short = f"kec-{kec}"
        else:
            place = {"kabupaten": KABUPATEN, "kota": KOTA, "provinsi": PROVINSI}[self.level]
            self.region = f"{self.level.capitalize()} {rng.choice(place)}"
            self.instansi = f"{ag.name} {self.region}"
            self.short = ag.short
        self.provinsi = self.level == "provinsi"
        self.tahun = rng.randint(2021, 2025)
        start = rng.choice(
            [y for y in (2019, 2021, 2022, 2024, 2025) if y <= self.tahun and self.tahun - y < 5]
        )
        self.years = list(range(start, start + 5 + (1 if rng.random() < 0.3 else 0)))
        self.font = rng.choice(["Times-Roman", "Helvetica"])
        self.font_size = rng.choice([9, 10, 10, 11, 11, 12])
        self.scale = rng.choice(list(SCALES))
        self.pct_sign = rng.choice(["", "%", " %"])
        self.unit_words = rng.random() < 0.25
        self.numbering = rng.choice(["flat", "flat", "deep", "roman"])
        self.table_no: dict[int, int] = {}
        self.planted: list[dict[str, object]] = []
        # sasaran and their indicators
        n_sas = rng.randint(2, 4)
        sasaran = list(ag.sasaran) + rng.sample(GENERIC_SASARAN, 2)
        sasaran = sasaran[:n_sas]
        pool = list(ag.iku)
        rng.shuffle(pool)
        generic = rng.sample(GENERIC_IKU, len(GENERIC_IKU))
        self.indicators: list[Indicator] = []
        for i, sas in enumerate(sasaran):
            specific = i < len(ag.sasaran)
            k = rng.randint(1, 3)
            for _ in range(k):
                src = pool if specific and pool else generic
                if not src:
                    break
                self.indicators.append(_indicator(rng, src.pop(), sas, self.years, self.tahun))
        self.programs = _budget_tree(rng, ag.bidang, self.provinsi)
        # which errors to plant (2 to 4 kinds)
        self.plant = set(rng.sample(ERROR_KINDS, rng.randint(2, 4)))

    # --- helpers ---
    def caption(self, bab: int) -> str:
        self.table_no[bab] = self.table_no.get(bab, 0) + 1
        n = self.table_no[bab]
        if self.numbering == "deep" and bab == 3:
            return f"Tabel 3.1.{n}"
        if self.numbering == "roman":
            return f"Tabel {BAB[bab]}.{n}"
        return f"Tabel {bab}.{n}"

    def style(self) -> dict[str, object]:
        r = self.rng
        return {
            "style": r.choice(["grid", "grid", "grid", "horizontal", "horizontal", "none"]),
            "header_fill": r.random() < 0.35,
            "font_size": r.choice([s for s in (8, 8.5, 9, 9, 9.5, 10, 10, 11) if s <= self.font_size]),
            "padding": r.choice([3, 3.5, 4, 4.5, 5, 5.4, 6]),
            "caption_lines": r.choice([1, 2, 2]),
            "number_row": r.random() < 0.25,
            "repeat_header": r.random() < 0.6,
        }

    def money_style(self) -> MoneyStyle:
        r = self.rng
        return MoneyStyle(
            prefix=r.choice(["", "", "", "Rp ", "Rp. ", "Rp"]),
            suffix=r.choice(["", "", ",00", ",-"]),
            negative=r.choice(["paren", "paren", "minus"]),
        )

    def prose_money(self, v: Decimal | int) -> str:
        return self.rng.choice(["Rp ", "Rp. ", "Rp"]) + idn(v) + self.rng.choice(["", ",-", ",00"])

    def add_error(
        self,
        rule: str,
        table: str | None,
        row: str | None,
        fld: str | None,
        stated: object,
        expected: object,
        note: str,
    ) -> None:
        def num(v: object) -> object:
            return float(v) if isinstance(v, Decimal) else v

        self.planted.append(
            {
                "rule": rule,
                "table": table,
                "row": row,
                "field": fld,
                "stated": num(stated),
                "expected": num(expected),
                "note": note,
            }
        )


def _wrong_figure(rng: random.Random, v: Decimal, dec: int) -> Decimal:
    """A plausible slip: two digits swapped, one digit off, or a few points off."""
    s = f"{v:.{dec}f}"
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    for _ in range(20):
        how = rng.choice(["swap", "digit", "shift"])
        t = list(s)
        if how == "swap" and len(digits) >= 2:
            k = rng.randrange(len(digits) - 1)
            i, j = digits[k], digits[k + 1]
            t[i], t[j] = t[j], t[i]
        elif how == "digit":
            i = rng.choice(digits[max(0, len(digits) - 6) :])
            t[i] = str((int(t[i]) + rng.choice([1, 2, 8, 9])) % 10)
        else:
            return v + q(rng.choice([-3, -2, 2, 3, 5]) * (D(1) if dec else max(D(1), q(abs(v) / 50, 0))), dec)
        w = D("".join(t))
        if w != v and (len(s) < 2 or "".join(t)[0] != "0" or s[0] == "0"):
            return w
    return v + 1


# --- tables -------------------------------------------------------------------------------------


def _col(name: str, width: float, align: str = "left") -> dict[str, object]:
    return {"name": name, "width": width, "align": align}


def _table(
    g: Gen,
    bab: int,
    title: str,
    columns: list[dict],
    header: list[list],
    rows: list[dict],
    source: str | None,
    **extra: object,
) -> dict[str, object]:
    t = {
        "type": "table",
        "caption": g.caption(bab),
        "title": title,
        "columns": columns,
        "header": header,
        "rows": rows,
        "source": source,
        **g.style(),
    }
    t.update(extra)
    return t


def _h(text: str, cs: int = 1, rs: int = 1) -> dict[str, object]:
    return {"text": text, "col_span": cs, "row_span": rs}


def scale_table(g: Gen) -> dict[str, object]:
    r = g.rng
    with_no = r.random() < 0.6
    cols = ([_col("no", 0.4, "center")] if with_no else []) + [
        _col("interval", 1.5, "center"),
        _col("kategori", 1.4),
    ]
    head = (["No"] if with_no else []) + [
        r.choice(
            [
                "Interval Nilai Capaian (%)",
                "Skala Capaian (%)",
                "Interval Nilai Realisasi Kinerja",
                "Nilai Capaian",
            ]
        ),
        r.choice(["Kategori", "Kriteria Penilaian", "Predikat"]),
    ]
    rows = [
        {"cells": ([str(i + 1)] if with_no else []) + [text, label]}
        for i, (text, label, _lo, _inc) in enumerate(SCALES[g.scale])
    ]
    t = _table(
        g,
        3,
        r.choice(
            [
                "Kriteria Penilaian Capaian Kinerja",
                "Skala Nilai Peringkat Kinerja",
                "Kategori Capaian Kinerja",
            ]
        ),
        cols,
        [head],
        rows,
        r.choice(SCALE_SOURCES),
    )
    t["number_row"] = False
    return t


def capaian_table(g: Gen) -> tuple[dict[str, object], list[str]]:
    """Capaian kinerja per sasaran / indikator; returns the table and prose quoting it."""
    r, tahun = g.rng, g.tahun
    inds = g.indicators
    with_kat = "category" in g.plant or r.random() < 0.8
    with_avg = "average" in g.plant or r.random() < 0.6
    with_satuan = r.random() < 0.8
    mode = r.choice(["span", "span", "first", "section", "none"])
    sign = r.choice(["", "%", g.pct_sign])
    caption_id = None  # filled in below
    # stated capaian and kategori, with the planted errors
    for ind in inds:
        ind.cap_stated = capaian(ind.renstra[tahun], ind.real[tahun], ind.smaller)
    errors: list[tuple] = []
    if "capaian" in g.plant:
        ind = r.choice(inds)
        right = ind.cap_stated
        if ind.smaller and r.random() < 0.5:
            wrong = capaian(ind.renstra[tahun], ind.real[tahun], False)  # the short formula
            note = "the short formula used for a smaller-is-better indicator"
        else:
            wrong = _wrong_figure(r, right, 2)
            note = f"{idn(ind.real[tahun], ind.dec)} / {idn(ind.renstra[tahun], ind.dec)} x 100"
        if wrong != right and wrong > 0:
            ind.cap_stated = wrong
            errors.append(("capaian", ind.name, "capaian", wrong, right, note))
    for ind in inds:
        ind.kategori_stated = band(g.scale, float(ind.cap_stated))
    if "category" in g.plant and with_kat:
        ind = r.choice(inds)
        labels = [b[1] for b in SCALES[g.scale]]
        k = labels.index(ind.kategori_stated)
        wrong = labels[k + 1] if k + 1 < len(labels) and (k == 0 or r.random() < 0.5) else labels[k - 1]
        errors.append(
            (
                "category",
                ind.name,
                "kategori",
                wrong,
                ind.kategori_stated,
                f"{idn(ind.cap_stated, 2)}% lies in '{ind.kategori_stated}' of the scale",
            )
        )
        ind.kategori_stated = wrong
    avg = q(sum(i.cap_stated for i in inds) / len(inds), 2)
    avg_stated = avg
    if "average" in g.plant and with_avg and len(inds) >= 2:
        avg_stated = _wrong_figure(r, avg, 2)
        errors.append(
            (
                "average",
                "Rata-rata",
                "capaian",
                avg_stated,
                avg,
                "mean of " + ", ".join(idn(i.cap_stated, 2) for i in inds),
            )
        )
    # layout
    cols = [_col("no", 0.3, "center")]
    if mode in ("span", "first"):
        cols.append(_col("sasaran", 1.8))
    cols.append(_col("indikator", 2.2))
    if with_satuan:
        cols.append(_col("satuan", 0.7, "center"))
    cols += [_col("target", 0.8, "center"), _col("realisasi", 0.8, "center"), _col("capaian", 0.8, "center")]
    if with_kat:
        cols.append(_col("kategori", 0.9, "center"))
    names = [c["name"] for c in cols]
    labels = {
        "no": "No",
        "sasaran": r.choice(["Sasaran Strategis", "Sasaran"]),
        "indikator": r.choice(["Indikator Kinerja", "Indikator Kinerja Utama", "Indikator Sasaran"]),
        "satuan": "Satuan",
        "target": "Target",
        "realisasi": "Realisasi",
        "capaian": r.choice(["Capaian (%)", "Capaian", "% Capaian"]),
        "kategori": r.choice(["Kategori", "Predikat", "Kriteria"]),
    }
    if r.random() < 0.5:
        header = [[labels[n] for n in names]]
    else:
        first = names.index("target")
        header = [
            [_h(labels[n], rs=2) for n in names[:first]] + [_h(f"Tahun {tahun}", cs=len(names) - first)],
            [labels[n] for n in names[first:]],
        ]
    rows: list[dict] = []
    groups: dict[str, list[Indicator]] = {}
    for ind in inds:
        groups.setdefault(ind.sasaran, []).append(ind)
    n = 0
    for gi, (sas, members) in enumerate(groups.items()):
        if mode == "section":
            cells = [str(gi + 1) if r.random() < 0.5 else BAB.get(gi + 1, str(gi + 1)), f"Sasaran: {sas}"] + [
                ""
            ] * (len(names) - 2)
            rows.append({"cells": cells, "role": "section", "merge": [[names[1], names[-1]]]})
        for k, ind in enumerate(members):
            n += 1
            row = {
                "no": str(gi + 1) if mode in ("span", "first") else str(n),
                "sasaran": sas,
                "indikator": ind.name,
                "satuan": ind.satuan,
                "target": ind.text(ind.renstra[tahun], g.unit_words and not with_satuan, sign),
                "realisasi": ind.text(ind.real[tahun], g.unit_words and not with_satuan, sign),
                "capaian": pct(ind.cap_stated, 2, sign),
                "kategori": ind.kategori_stated,
            }
            if mode in ("span", "first") and k:
                row["no"] = row["sasaran"] = ""
            entry: dict[str, object] = {"cells": [row[c] for c in names]}
            if mode == "span" and not k and len(members) > 1:
                entry["row_span"] = {"no": len(members), "sasaran": len(members)}
            rows.append(entry)
    if with_avg:
        cells = [""] * len(names)
        cells[0] = r.choice(["Rata-rata Capaian Kinerja", "Rata-rata", "Rata-rata capaian kinerja sasaran"])
        cells[names.index("capaian")] = pct(avg_stated, 2, sign)
        if with_kat:
            cells[names.index("kategori")] = band(g.scale, float(avg_stated))
        rows.append({"cells": cells, "role": "average", "merge": [["no", names[names.index("capaian") - 1]]]})
    t = _table(
        g,
        3,
        r.choice(
            [
                f"Capaian Kinerja Sasaran Strategis Tahun {tahun}",
                f"Pengukuran Capaian Indikator Kinerja Utama Tahun {tahun}",
                f"Capaian Kinerja {g.instansi} Tahun {tahun}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: Hasil pengukuran kinerja, {tahun}", "Sumber: Data diolah"]),
    )
    caption_id = t["caption"]
    for rule, row, fld, stated, expected, note in errors:
        if rule == "average":
            row = cells[0]
        g.add_error(rule, caption_id, row, fld, stated, expected, note)
    prose = []
    if with_avg:
        prose.append(
            f"Dari {caption_id} dapat dilihat bahwa rata-rata capaian kinerja {g.instansi} Tahun "
            f"{tahun} sebesar {idn(avg_stated, 2)}%"
            + (f" dengan kategori {band(g.scale, float(avg_stated))}." if with_kat else ".")
        )
    ind = r.choice(inds)
    unit = "" if ind.satuan in ("%",) or ind.kind in ("sakip", "ikm", "level", "money") else f" {ind.satuan}"
    pc = "%" if ind.satuan == "%" else ""
    prose.append(
        f"Indikator {ind.name} terealisasi sebesar {ind.text(ind.real[tahun])}{pc}{unit} dari target "
        f"{ind.text(ind.renstra[tahun])}{pc}{unit}, atau capaian {idn(ind.cap_stated, 2)}%."
    )
    return t, prose


def renstra_table(g: Gen) -> dict[str, object]:
    r, tahun = g.rng, g.tahun
    ys = g.years
    first = ys[0] - 1
    if "cross_table" in g.plant:
        ind = r.choice(g.indicators)
        right = ind.renstra[tahun]
        wrong = _wrong_figure(r, right, ind.dec)
        if ind.kind == "level":
            wrong = min(max(wrong, D("1.00")), D("4.99"))
        if wrong != right and wrong > 0:
            ind.renstra_stated = wrong
    with_satuan = r.random() < 0.8
    cols = [_col("no", 0.3, "center"), _col("indikator", 2.6)]
    if with_satuan:
        cols.append(_col("satuan", 0.8, "center"))
    cols.append(_col("kondisi_awal", 0.9, "center"))
    cols += [_col(f"target_{y}", 0.8, "center") for y in ys]
    lead = ["No", "Indikator Kinerja"] + (["Satuan"] if with_satuan else [])
    awal = r.choice([f"Kondisi Awal ({first})", f"Kondisi Awal {first}", "Kondisi Awal"])
    if r.random() < 0.6:
        header = [
            [_h(x, rs=2) for x in lead]
            + [
                _h(awal, rs=2),
                _h(r.choice(["Target Kinerja Tahun ke-", "Target Kinerja", "Target Tahun"]), cs=len(ys)),
            ],
            [str(y) for y in ys],
        ]
    else:
        header = [lead + [awal] + [f"Target {y}" for y in ys]]
    rows = []
    sign = r.choice(["", g.pct_sign])
    for i, ind in enumerate(g.indicators):
        vals = []
        for y in ys:
            v = ind.renstra_stated if y == tahun and ind.renstra_stated is not None else ind.renstra[y]
            vals.append(ind.text(v, False, sign))
        rows.append(
            {
                "cells": [str(i + 1), ind.name]
                + ([ind.satuan] if with_satuan else [])
                + [ind.text(ind.renstra[first], False, sign)]
                + vals
            }
        )
    t = _table(
        g,
        2,
        r.choice(
            [
                f"Target Kinerja Indikator Sasaran Renstra Tahun {ys[0]}-{ys[-1]}",
                f"Indikator Kinerja Utama dan Target Renstra {ys[0]}-{ys[-1]}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: Renstra {g.instansi} {ys[0]}-{ys[-1]}"]),
    )
    for ind in g.indicators:
        if ind.renstra_stated is not None:
            g.add_error(
                "cross_table",
                t["caption"],
                ind.name,
                "target",
                ind.renstra_stated,
                ind.renstra[tahun],
                f"Renstra {tahun} target {idn(ind.renstra_stated, ind.dec)} vs "
                f"{idn(ind.renstra[tahun], ind.dec)} in the capaian table",
            )
    return t


def comparison_table(g: Gen) -> dict[str, object] | None:
    r, tahun = g.rng, g.tahun
    ys = [y for y in g.years if y <= tahun][-3:]
    if len(ys) < 2:
        return None
    inds = [i for i in g.indicators]
    cols = [_col("no", 0.3, "center"), _col("indikator", 2.4)]
    variant = r.choice(["years_over", "years_over", "years_under"])
    sign = r.choice(["", g.pct_sign])
    all_cap = r.random() < 0.5
    if variant == "years_over":
        header0: list = [_h("No", rs=2), _h("Indikator Kinerja", rs=2)]
        header1: list = []
        for y in ys:
            parts = ["target", "realisasi"] + (["capaian"] if all_cap or y == tahun else [])
            cols += [_col(f"{p}_{y}", 0.75, "center") for p in parts]
            header0.append(_h(f"Tahun {y}" if r.random() < 0.7 else str(y), cs=len(parts)))
            header1 += [
                {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian (%)"}[p] for p in parts
            ]
        header = [header0, header1]
    else:
        cols += [_col(f"target_{y}", 0.7, "center") for y in ys] + [
            _col(f"realisasi_{y}", 0.7, "center") for y in ys
        ]
        cols.append(_col(f"capaian_{tahun}", 0.8, "center"))
        header = [
            [
                _h("No", rs=2),
                _h("Indikator Kinerja", rs=2),
                _h("Target", cs=len(ys)),
                _h("Realisasi", cs=len(ys)),
                _h(f"Capaian {tahun} (%)", rs=2),
            ],
            [str(y) for y in ys] * 2,
        ]
    names = [c["name"] for c in cols]
    rows = []
    for i, ind in enumerate(inds):
        vals = {"no": str(i + 1), "indikator": ind.name}
        for y in ys:
            vals[f"target_{y}"] = ind.text(ind.renstra[y], False, sign)
            vals[f"realisasi_{y}"] = ind.text(ind.real[y], False, sign)
            vals[f"capaian_{y}"] = pct(capaian(ind.renstra[y], ind.real[y], ind.smaller), 2, sign)
        rows.append({"cells": [vals[n] for n in names]})
    return _table(
        g,
        3,
        r.choice(
            [
                f"Perbandingan Target dan Realisasi Kinerja Tahun {ys[0]} s.d. {ys[-1]}",
                f"Perbandingan Capaian Kinerja Tahun {ys[0]}-{ys[-1]}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, "Sumber: LKjIP tahun sebelumnya, diolah"]),
    )


def _title_case(name: str) -> str:
    if name.isupper():
        small = {"dan", "di", "ke", "yang", "serta", "atau", "pada", "untuk", "dari"}
        words = name.lower().split()
        return " ".join(
            w
            if (k and w in small)
            else (
                w.upper()
                if w in {"umkm", "asn", "ksp/usp"}
                else "/".join(x[:1].upper() + x[1:] for x in w.split("/"))
            )
            for k, w in enumerate(words)
        )
    return name


def _plant_budget(g: Gen, root: Node, table_id_holder: list, fields: list[str], with_codes: bool) -> None:
    """Plant total / persen / efisiensi slips on the budget tree (recorded later, once the caption
    is known)."""
    r = g.rng
    lines = [n for p in root.children for n in (p.walk() if with_codes else [p])]
    if "total" in g.plant and g.budget_total_target == "budget":
        parents = ([n for n in lines if len(n.children) >= 2] if with_codes else []) + [root]
        node = r.choice(parents)
        fld = r.choice(["anggaran", "realisasi"])
        right = D(node.true(fld))
        wrong = _wrong_figure(r, right, 0)
        node.over[fld] = wrong
        table_id_holder.append(
            ("total", node, fld, wrong, right, f"its {len(node.children)} lines add up to {idn(right)}")
        )
    if "persen" in g.plant:
        node = r.choice(lines)
        right = q(node.stated("realisasi") / node.stated("anggaran") * 100, 2)
        wrong = _wrong_figure(r, right, 2)
        node.over["persen"] = wrong
        table_id_holder.append(
            (
                "persen",
                node,
                "persen",
                wrong,
                right,
                f"{idn(node.stated('realisasi'))} / {idn(node.stated('anggaran'))} x 100",
            )
        )
    if "efisiensi" in g.plant and "efisiensi" in fields:
        node = r.choice(lines)
        right = node.stated("anggaran") - node.stated("realisasi")
        wrong = _wrong_figure(r, right, 0) if right else D(r.randint(1, 9) * 100000)
        node.over["efisiensi"] = wrong
        table_id_holder.append(
            (
                "efisiensi",
                node,
                "efisiensi",
                wrong,
                right,
                f"{idn(node.stated('anggaran'))} - {idn(node.stated('realisasi'))}",
            )
        )


def _line_figures(n: Node) -> dict[str, Decimal]:
    ang, real = n.stated("anggaran"), n.stated("realisasi")
    return {
        "anggaran": ang,
        "realisasi": real,
        "persen": n.over.get("persen", q(real / ang * 100, 2) if ang else D(0)),
        "efisiensi": n.over.get("efisiensi", ang - real),
    }


def budget_table(g: Gen, detail: bool) -> tuple[dict[str, object], list[str]]:
    r, tahun = g.rng, g.tahun
    root = Node("", "JUMLAH", "total", children=g.programs)
    g.root = root
    last = r.choice(["efisiensi", "efisiensi", "sisa", None])
    fields = ["anggaran", "realisasi", "persen"] + (["efisiensi"] if last else [])
    pending: list = []
    _plant_budget(g, root, pending, fields, detail)
    money = g.money_style()
    sign = r.choice(["", "%", g.pct_sign])
    cols = [_col("kode", 0.9)] if detail else [_col("no", 0.3, "center")]
    cols += [
        _col("uraian" if detail else "program", 3),
        _col("anggaran", 1.2, "right"),
        _col("realisasi", 1.2, "right"),
        _col("persen", 0.6, "center"),
    ]
    if last:
        cols.append(_col("efisiensi", 1.1, "right"))
    lab_last = {
        "efisiensi": r.choice(["Efisiensi (Rp)", "Efisiensi"]),
        "sisa": r.choice(["Sisa Anggaran (Rp)", "Sisa"]),
    }
    first = ["Kode" if detail else "No", "Program/ Kegiatan/ Sub Kegiatan" if detail else "Program"]
    if r.random() < 0.5:
        header = [
            first
            + [
                r.choice(["Anggaran (Rp)", "Pagu Anggaran (Rp)", "Anggaran"]),
                r.choice(["Realisasi (Rp)", "Realisasi"]),
                r.choice(["%", "Capaian (%)", "% Realisasi"]),
            ]
            + ([lab_last[last]] if last else [])
        ]
    else:
        header = [
            [_h(x, rs=2) for x in first]
            + [_h(f"Anggaran Tahun {tahun}" if r.random() < 0.5 else "Anggaran", cs=3)]
            + ([_h(lab_last[last], rs=2)] if last else []),
            ["Pagu (Rp)", "Realisasi (Rp)", "%"],
        ]
    upper = r.random() < 0.7
    rows = []
    lines = [n for p in g.programs for n in (p.walk() if detail else [p])]
    for k, n in enumerate(lines):
        f = _line_figures(n)
        name = n.name if (n.level != "program" or upper) else _title_case(n.name)
        if not detail:
            name = _title_case(n.name) if r.random() < 0.8 else n.name
        cells = [
            n.kode if detail else str(k + 1),
            name,
            money(f["anggaran"]),
            money(f["realisasi"]),
            pct(f["persen"], 2, sign),
        ] + ([money(f["efisiensi"])] if last else [])
        rows.append({"cells": cells})
    f = _line_figures(root)
    total_label = r.choice(["JUMLAH", "TOTAL", "JUMLAH TOTAL", "Jumlah"])
    rows.append(
        {
            "cells": [total_label, "", money(f["anggaran"]), money(f["realisasi"]), pct(f["persen"], 2, sign)]
            + ([money(f["efisiensi"])] if last else []),
            "role": "total",
            "merge": [[cols[0]["name"], cols[1]["name"]]],
        }
    )
    t = _table(
        g,
        3,
        r.choice(
            [
                f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan TA {tahun}",
                f"Realisasi Anggaran {g.instansi} Tahun {tahun}",
            ]
        )
        if detail
        else f"Realisasi Anggaran per Program Tahun {tahun}",
        cols,
        header,
        rows,
        r.choice(
            [
                None,
                f"Sumber: Laporan Realisasi Anggaran TA {tahun}",
                f"Sumber: DPA {tahun} dan LRA (unaudited)",
            ]
        ),
    )
    for rule, node, fld, wrong, right, note in pending:
        label = total_label if node is root else rows[lines.index(node)]["cells"][1]
        g.add_error(rule, t["caption"], label, fld, wrong, right, note)
    # prose quoting the totals (maybe with a planted slip)
    quoted = {"anggaran": f["anggaran"], "realisasi": f["realisasi"], "persen": f["persen"]}
    if last == "efisiensi":
        quoted["efisiensi"] = f["efisiensi"]
    said = dict(quoted)
    if "narrative" in g.plant:
        fld = r.choice(list(quoted))
        said[fld] = _wrong_figure(r, quoted[fld], 2 if fld == "persen" else 0)
        g.add_error(
            "narrative",
            t["caption"],
            total_label,
            fld,
            said[fld],
            quoted[fld],
            f"the prose says {idn(said[fld], 2 if fld == 'persen' else 0)}, the table "
            f"{idn(quoted[fld], 2 if fld == 'persen' else 0)}",
        )
    text = (
        f"Realisasi anggaran {g.instansi} Tahun {tahun} sebesar {g.prose_money(said['realisasi'])} dari "
        f"total anggaran {g.prose_money(said['anggaran'])} atau {idn(said['persen'], 2)}%"
    )
    text += f", dengan efisiensi sebesar {g.prose_money(said['efisiensi'])}." if "efisiensi" in said else "."
    return t, [text]


def pagu_table(g: Gen) -> tuple[dict[str, object], list[str]]:
    r, tahun = g.rng, g.tahun
    money = g.money_style()
    neg = r.choice(["paren", "minus"])
    progs = g.programs
    seb = {id(p): D(p.true("sebelum")) for p in progs}
    ses = {id(p): D(p.true("anggaran")) for p in progs}
    tot_seb, tot_ses = sum(seb.values()), sum(ses.values())
    over: dict[object, Decimal] = {}
    pending = []
    if "total" in g.plant and g.budget_total_target == "pagu":
        fld = r.choice(["pagu_sebelum", "pagu_sesudah"])
        right = tot_seb if fld == "pagu_sebelum" else tot_ses
        wrong = _wrong_figure(r, right, 0)
        over[fld] = wrong
        pending.append(("total", fld, wrong, right))
    cols = [
        _col("no", 0.3, "center"),
        _col("program", 3),
        _col("pagu_sebelum", 1.2, "right"),
        _col("pagu_sesudah", 1.2, "right"),
        _col("selisih", 1.1, "right"),
        _col("selisih_persen", 0.7, "center"),
    ]
    header = [
        [
            _h("No", rs=2),
            _h("Program", rs=2),
            _h("Pagu Anggaran", cs=2),
            _h(r.choice(["Bertambah/ (Berkurang)", "Selisih", "Perubahan"]), cs=2),
        ],
        [r.choice(["Sebelum Perubahan", "Murni"]), r.choice(["Setelah Perubahan", "Perubahan"]), "Rp", "%"],
    ]

    def fig(a: Decimal, b: Decimal) -> list[str]:
        d = b - a
        p = q(d / a * 100, 2) if a else D(0)
        shown_p = pct(p, 2) if p >= 0 or neg == "paren" else "-" + idn(-p, 2)
        return [money(a), money(b), MoneyStyle("", money.suffix, neg)(d), shown_p]

    rows = []
    for k, p in enumerate(progs):
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    _title_case(p.name) if r.random() < 0.7 else p.name,
                    *fig(seb[id(p)], ses[id(p)]),
                ]
            }
        )
    a = over.get("pagu_sebelum", tot_seb)
    b = over.get("pagu_sesudah", tot_ses)
    label = r.choice(["JUMLAH", "TOTAL"])
    rows.append({"cells": [label, "", *fig(a, b)], "role": "total", "merge": [["no", "program"]]})
    t = _table(
        g,
        2,
        f"Pagu Anggaran Sebelum dan Setelah Perubahan per Program TA {tahun}",
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: DPA dan DPPA {tahun}"]),
    )
    for rule, fld, wrong, right in pending:
        g.add_error(
            rule, t["caption"], label, fld, wrong, right, f"the {len(progs)} programs add up to {idn(right)}"
        )
    d = b - a
    right_p = q(abs(d) / a * 100, 2)
    said_p = right_p
    if "change" in g.plant and d != 0:
        said_p = q(abs(d) / b * 100, 2)  # taken against the new amount
        if abs(said_p - right_p) < D("0.2"):
            said_p = _wrong_figure(r, right_p, 2)
        g.add_error(
            "change",
            t["caption"],
            None,
            "persen",
            said_p,
            right_p,
            f"{idn(abs(d))} / {idn(a)} = {idn(right_p, 2)}%",
        )
    verb = "bertambah" if d > 0 else "berkurang"
    text = (
        f"Pagu anggaran {g.instansi} Tahun {tahun} semula sebesar {g.prose_money(a)} dan setelah perubahan "
        f"menjadi {g.prose_money(b)}"
    )
    text += f" atau {verb} sebesar {g.prose_money(abs(d))} ({idn(said_p, 2)}%)." if d else "."
    return t, [text + f" Rincian per program disajikan pada {t['caption']}."]


def efisiensi_table(g: Gen) -> dict[str, object]:
    r, tahun = g.rng, g.tahun
    money = g.money_style()
    variant = r.choice(["rp", "poin"])
    cols = [
        _col("no", 0.3, "center"),
        _col("program", 2.6),
        _col("capaian", 0.8, "center"),
        _col("anggaran", 1.2, "right"),
        _col("realisasi_anggaran", 1.2, "right"),
        _col("persen", 0.7, "center"),
        _col(
            "efisiensi" if variant == "rp" else "tingkat_efisiensi",
            1.0,
            "right" if variant == "rp" else "center",
        ),
    ]
    header = [
        [
            _h("No", rs=2),
            _h("Program", rs=2),
            _h("Capaian Kinerja (%)", rs=2),
            _h("Anggaran", cs=3),
            _h("Efisiensi (Rp)" if variant == "rp" else "Tingkat Efisiensi (%)", rs=2),
        ],
        ["Pagu (Rp)", "Realisasi (Rp)", "%"],
    ]
    rows = []
    for k, p in enumerate(g.programs):
        cap = q(r.uniform(80, 112), 2)
        ang, real = p.stated("anggaran"), p.stated("realisasi")
        per = q(real / ang * 100, 2)
        last = money(ang - real) if variant == "rp" else pct(cap - per, 2)
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    _title_case(p.name),
                    pct(cap, 2),
                    money(ang),
                    money(real),
                    pct(per, 2),
                    last,
                ]
            }
        )
    return _table(
        g,
        3,
        f"Analisis Efisiensi Penggunaan Sumber Daya Tahun {tahun}",
        cols,
        header,
        rows,
        r.choice([None, "Sumber: Data diolah"]),
    )


# --- prose ----------------------------------------------------------------------------------------

_FILLER = [
    "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap indikator kinerja "
    "yang telah ditetapkan dalam Perjanjian Kinerja. Hasil pengukuran menjadi dasar evaluasi dan perbaikan "
    "perencanaan pada tahun berikutnya.",
    "Keberhasilan pencapaian sasaran didukung oleh koordinasi yang baik antar bidang, ketersediaan anggaran "
    "yang memadai serta komitmen seluruh aparatur. Namun demikian masih terdapat kendala berupa keterbatasan "
    "sumber daya manusia dan sarana prasarana pendukung.",
    "Analisis capaian kinerja dilakukan dengan membandingkan realisasi tahun ini dengan tahun sebelumnya, "
    "dengan target jangka menengah yang tercantum dalam dokumen Rencana Strategis, serta dengan standar "
    "nasional apabila tersedia.",
    "Upaya yang akan dilakukan untuk meningkatkan capaian kinerja antara lain peningkatan kapasitas "
    "aparatur, "
    "optimalisasi pemanfaatan teknologi informasi, penguatan monitoring dan evaluasi secara berkala, serta "
    "peningkatan kerja sama dengan pemangku kepentingan.",
]


def _para(text: str) -> dict[str, str]:
    return {"type": "paragraph", "text": text}


def _heading(text: str, level: int = 1) -> dict[str, object]:
    return {"type": "heading", "text": text, "level": level}


# --- assembling and fitting -----------------------------------------------------------------------


@dataclass
class Group:
    """What goes on one page entry: blocks before the table, the table, blocks after it."""

    pre: list[dict]
    table: dict | None = None
    post: list[dict] = field(default_factory=list)
    orientation: str = "portrait"


def _build(g: Gen) -> tuple[dict[str, object], list[Group]]:
    r, tahun = g.rng, g.tahun
    plant = g.plant
    has_renstra = "cross_table" in plant or r.random() < 0.7
    has_pagu = "change" in plant or r.random() < 0.45
    has_cmp = r.random() < 0.6
    detail = r.random() < 0.65
    has_eff = r.random() < 0.35
    g.budget_total_target = "pagu" if has_pagu and r.random() < 0.35 else "budget"
    lk = r.choice(["LKjIP", "LKIP", "LKj"])
    groups: list[Group] = []
    cover = Group(
        [
            {"type": "title", "text": f"LAPORAN KINERJA INSTANSI PEMERINTAH\n({lk})\nTAHUN {tahun}"},
            {
                "type": "title",
                "text": g.instansi.upper().replace(f" {g.region.upper()}", f"\n{g.region.upper()}"),
            },
            _para(
                f"Laporan Kinerja Instansi Pemerintah ({lk}) {g.instansi} Tahun {tahun} disusun sebagai "
                "wujud pertanggungjawaban pelaksanaan tugas dan fungsi dalam mencapai sasaran strategis "
                f"yang ditetapkan dalam Rencana Strategis {g.years[0]}-{g.years[-1]}."
            ),
        ]
    )
    groups.append(cover)
    groups.append(
        Group(
            [
                _heading("BAB I\nPENDAHULUAN"),
                _heading("1.1 Latar Belakang", 2),
                _para(
                    f"{g.instansi} merupakan unsur pelaksana urusan pemerintahan yang menjadi kewenangan "
                    "daerah. " + _FILLER[0]
                ),
                _para(r.choice(_FILLER[1:])),
            ]
        )
    )
    bab2 = [_heading("BAB II\nPERENCANAAN KINERJA")]
    if has_renstra:
        t = renstra_table(g)
        groups.append(
            Group(
                bab2
                + [
                    _para(
                        f"Rencana Strategis {g.instansi} Tahun {g.years[0]}-{g.years[-1]} "
                        f"menetapkan {len({i.sasaran for i in g.indicators})} sasaran strategis "
                        f"dengan {len(g.indicators)} indikator kinerja, sebagaimana {t['caption']}."
                    )
                ],
                t,
            )
        )
        bab2 = []
    if has_pagu:
        t, prose = pagu_table(g)
        groups.append(Group(bab2 + [_heading(f"2.{r.randint(2, 4)} Anggaran", 2), _para(prose[0])], t))
        bab2 = []
    if bab2:
        groups.append(Group(bab2 + [_para(_FILLER[0])]))
    bab3 = [_heading("BAB III\nAKUNTABILITAS KINERJA"), _heading("3.1 Capaian Kinerja Organisasi", 2)]
    cap, cap_prose = None, []
    st = scale_table(g)
    cap, cap_prose = capaian_table(g)
    if any(c["name"] == "kategori" for c in cap["columns"]):
        groups.append(
            Group(bab3 + [_para("Capaian kinerja dinilai menurut kriteria pada tabel berikut.")], st)
        )
        bab3 = []
    fill = [_para(x) for x in r.sample(_FILLER, r.randint(0, 2))]
    groups.append(
        Group(
            bab3
            + fill
            + [_para(f"Capaian kinerja {g.instansi} Tahun {tahun} disajikan pada {cap['caption']}.")],
            cap,
            [_para(x) for x in cap_prose],
        )
    )
    if has_cmp:
        t = comparison_table(g)
        if t:
            groups.append(
                Group(
                    [
                        _para(
                            "Perbandingan realisasi kinerja dengan tahun-tahun sebelumnya disajikan "
                            "sebagai berikut."
                        )
                    ],
                    t,
                    [_para(r.choice(_FILLER))] if r.random() < 0.4 else [],
                )
            )
    t, prose = budget_table(g, detail)
    fill = [_para(x) for x in r.sample(_FILLER, r.randint(0, 2))]
    groups.append(Group([_heading("3.2 Realisasi Anggaran", 2)] + fill, t, [_para(prose[0])]))
    if r.random() < 0.5:  # the prose before the table instead
        groups[-1].pre.append(groups[-1].post.pop())
    if has_eff:
        t = efisiensi_table(g)
        groups.append(
            Group(
                [
                    _heading("3.3 Analisis Efisiensi Penggunaan Sumber Daya", 2),
                    _para(
                        "Efisiensi dinilai dengan membandingkan capaian kinerja dengan persentase "
                        "penyerapan anggaran setiap program."
                    ),
                ],
                t,
            )
        )
    groups.append(Group([_heading("BAB IV\nPENUTUP"), _para(_FILLER[3])]))
    meta = {
        "instansi": g.instansi,
        "tahun": tahun,
        "running_header": r.choice(
            [f"{lk} {g.instansi} Tahun {tahun}", f"Laporan Kinerja {g.instansi} {tahun}"]
        ),
        "footer": r.choice(FOOTERS),
        "font": g.font,
        "font_size": g.font_size,
    }
    return meta, groups


def _fit_orientation(group: Group, truth_meta: dict, rng: random.Random) -> None:
    """Portrait when the table fits the width (sometimes landscape anyway for wide tables), else
    landscape, else smaller type and padding."""
    from lkipsynth.truth import Table
    from lkipsynth.typeset import LayoutError, _frame_size, _Styles, column_widths

    t = group.table
    if t is None:
        return
    styles = _Styles(Truth.model_validate({**truth_meta, "pages": [{"blocks": []}]}))
    wide = len(t["columns"]) >= 8
    options = ["landscape", "portrait"] if wide and rng.random() < 0.6 else ["portrait", "landscape"]
    for _ in range(8):
        for orient in options:
            try:
                column_widths(Table.model_validate(t), styles, _frame_size(orient)[2])
            except LayoutError:
                continue
            group.orientation = orient
            return
        t["font_size"] = max(6.5, t["font_size"] - 0.5)
        t["padding"] = max(2.5, t["padding"] - 0.5)
    raise ValueError(f"{t['caption']}: too wide for a landscape page")


def _measure(meta: dict, group: Group) -> tuple[float, float, float, list[float], float, float]:
    """(frame height, height before the table incl. caption, header height, body row heights,
    height after the table, source line height) in points."""
    from reportlab.platypus import Table as RLTable

    from lkipsynth.truth import Page, Table
    from lkipsynth.typeset import _frame_size, _page_story, _Styles, build_table

    truth = Truth.model_validate({**meta, "pages": [{"blocks": []}]})
    styles = _Styles(truth)
    _w, _h, fw, fh = _frame_size(group.orientation)

    def height(flows: list) -> float:
        total = 0.0
        for f in flows:
            _, h = f.wrap(fw, fh)
            total += h + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    pre = height(_page_story(Page.model_validate({"blocks": group.pre}), styles, fw))
    post = height(_page_story(Page.model_validate({"blocks": group.post}), styles, fw))
    table = Table.model_validate({**group.table, "split_at": [], "source": group.table.get("source")})
    flows = build_table(table, styles, fw)
    cap = height(flows[:1])
    src = height(flows[2:])
    rl = next(f for f in flows if isinstance(f, RLTable))
    rl.wrap(fw, 10**6)
    nh = len(table.header) + (1 if table.number_row else 0)
    heights = list(rl._rowHeights)
    return fh, pre + cap, sum(heights[:nh]), heights[nh:], post, src


def _split(group: Group, meta: dict, fill: float) -> list[Group]:
    """Set the table's split_at so that every chunk fits its page; the blocks after the table go
    to a page of their own when the last chunk leaves no room for them."""
    t = group.table
    if t is None:
        return [group]
    fh, before, head, rows, post, src = _measure(meta, group)
    room = fh * fill
    # units a split may not cut: a row and the rows its row spans cover
    units: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        span = max([1, *t["rows"][i].get("row_span", {}).values()])
        units.append((i, i + span))
        i += span
    used = before + head
    splits = []
    for a, b in units:
        h = sum(rows[a:b])
        if used + h > room and a > 0 and (not splits or splits[-1] < a):
            splits.append(a)
            used = (head if t.get("repeat_header", True) else 0) + h
        else:
            used += h
    t["split_at"] = splits
    if used + src + post > room and group.post:
        return [Group(group.pre, t, [], group.orientation), Group(group.post, None, [], group.orientation)]
    return [group]


def _assemble(meta: dict, groups: list[Group], fill: float) -> Truth:
    pages = []
    for k, gr in enumerate(groups):
        for part in _split(gr, meta, fill):
            blocks = part.pre + ([part.table] if part.table else []) + part.post
            pages.append({"orientation": part.orientation, "running": k > 0, "blocks": blocks})
    return Truth.model_validate({**meta, "pages": pages})


def random_truth(seed: int | str, index: int, *, check: bool = True) -> tuple[str, Truth]:
    """Document ``index`` of the set ``seed``: (file stem, truth). ``check`` renders it to make
    sure every page holds what the truth says (tighter pages until it does)."""
    import tempfile

    from lkipsynth.typeset import LayoutError, render

    g = Gen(seed, index)
    meta, groups = _build(g)
    for gr in groups:
        _fit_orientation(gr, meta, g.rng)
    meta["planted_errors"] = g.planted
    meta["notes"] = (
        f"Generated by lkipsynth.random_truth (seed {seed}, document {index}): scale '{g.scale}', "
        f"numbering '{g.numbering}'."
    )
    stem = f"random-{seed}-{index:03d}-{g.short}-{g.tahun}".lower().replace(" ", "-")
    last: Exception | None = None
    for fill in (0.95, 0.88, 0.8, 0.72, 0.64):
        truth = _assemble(meta, groups, fill)
        if not check:
            return stem, truth
        with tempfile.TemporaryDirectory() as tmp:
            try:
                render(truth, Path(tmp) / "x.pdf")
                return stem, truth
            except LayoutError as exc:
                last = exc
    raise LayoutError(f"{stem}: does not fit its pages ({last})")


def generate(n: int, seed: int | str) -> list[tuple[str, Truth]]:
    return [random_truth(seed, i) for i in range(n)]


# --- audit: what does not add up, recomputed from the printed cells -------------------------------

SMALLER_IS_BETTER = {spec[0] for ag in AGENCIES for spec in ag.iku if spec[3]} | {
    spec[0] for spec in GENERIC_IKU if spec[3]
}


@dataclass(frozen=True)
class Discrepancy:
    rule: str
    table: str
    row: str
    field: str
    stated: object
    expected: object


def _scale_of(truth: Truth) -> str | None:
    for placed in truth.tables():
        t = placed.table
        names = [c.name for c in t.columns]
        if "interval" in names:
            texts = [row.cells[names.index("interval")] for row in t.rows]
            for key, bands in SCALES.items():
                if texts == [b[0] for b in bands]:
                    return key
    return None


def audit(truth: Truth) -> list[Discrepancy]:
    """Every figure of the truth's tables that its own arithmetic contradicts: capaian, kategori
    (against the document's scale), averages, totals (bottom-up from the leaves), %, efisiensi,
    selisih, and targets that differ between tables. Prose is not read."""
    out: list[Discrepancy] = []
    scale = _scale_of(truth)
    targets: dict[str, tuple[str, Decimal]] = {}  # indikator -> (table, capaian-table target)
    renstra: list[tuple[str, str, str, Decimal]] = []
    tahun = truth.tahun

    def add(rule: str, table: str, row: str, fld: str, stated: object, expected: object) -> None:
        out.append(Discrepancy(rule, table, row, fld, stated, expected))

    for placed in truth.tables():
        t = placed.table
        names = [c.name for c in t.columns]
        tid = t.id

        def cell(row: object, name: str, names: list[str] = names) -> str:
            return row.cells[names.index(name)] if name in names else ""

        def val(row: object, name: str, names: list[str] = names) -> Decimal | None:
            return parse(cell(row, name)) if name in names else None

        data = [row for row in t.rows if row.role == "data"]
        # capaian: this year's table, and every year of a comparison table
        pairs = [("target", "realisasi", "capaian")] + [
            (f"target_{y}", f"realisasi_{y}", f"capaian_{y}")
            for y in range(2000, 2100)
            if f"capaian_{y}" in names
        ]
        for tn, rn, cn in pairs:
            if not {tn, rn, cn} <= set(names):
                continue
            for row in data:
                name = cell(row, "indikator")
                tv, rv, cv = val(row, tn), val(row, rn), val(row, cn)
                if None in (tv, rv, cv):
                    continue
                exp = capaian(tv, rv, name in SMALLER_IS_BETTER)
                if cv != exp:
                    add("capaian", tid, name, "capaian", float(cv), float(exp))
        if {"target", "realisasi", "capaian"} <= set(names):
            for row in data:
                tv = val(row, "target")
                if tv is not None:
                    targets[cell(row, "indikator")] = (tid, tv)
            caps = [val(row, "capaian") for row in data]
            for row in t.rows:
                cv = val(row, "capaian")
                if cv is None or row.role not in ("data", "average"):
                    continue
                if row.role == "average":
                    mean = q(sum(caps) / len(caps), 2)
                    if cv != mean:
                        add("average", tid, row.cells[0], "capaian", float(cv), float(mean))
                if scale and "kategori" in names:
                    want = band(scale, float(cv))
                    if cell(row, "kategori") != want:
                        label = row.cells[0] if row.role == "average" else cell(row, "indikator")
                        add("category", tid, label, "kategori", cell(row, "kategori"), want)
        if "kondisi_awal" in names and f"target_{tahun}" in names:
            for row in data:
                v = val(row, f"target_{tahun}")
                if v is not None:
                    renstra.append((tid, cell(row, "indikator"), "target", v))
        # budget lines
        rc = "realisasi_anggaran" if "realisasi_anggaran" in names else "realisasi"
        if "anggaran" in names and rc in names:
            label_col = next(n for n in ("uraian", "program") if n in names)
            for row in t.rows:
                a, rv = val(row, "anggaran"), val(row, rc)
                if a is None or rv is None:
                    continue
                label = row.cells[0] if row.role == "total" else cell(row, label_col)
                p = val(row, "persen")
                if p is not None and a and p != q(rv / a * 100, 2):
                    add("persen", tid, label, "persen", float(p), float(q(rv / a * 100, 2)))
                e = val(row, "efisiensi")
                if e is not None and e != a - rv:
                    add("efisiensi", tid, label, "efisiensi", float(e), float(a - rv))
                te = val(row, "tingkat_efisiensi")
                cv = val(row, "capaian")
                if te is not None and cv is not None and p is not None and te != cv - p:
                    add("efisiensi", tid, label, "tingkat_efisiensi", float(te), float(cv - p))
            _audit_totals(t, names, ["anggaran", rc], label_col, add)
        if "pagu_sebelum" in names:
            for row in t.rows:
                a, b, d, p = (
                    val(row, n) for n in ("pagu_sebelum", "pagu_sesudah", "selisih", "selisih_persen")
                )
                if None in (a, b, d, p):
                    continue
                label = row.cells[0] if row.role == "total" else cell(row, "program")
                if d != b - a:
                    add("change", tid, label, "selisih", float(d), float(b - a))
                if a and p != q(d / a * 100, 2):
                    add("change", tid, label, "selisih_persen", float(p), float(q(d / a * 100, 2)))
            _audit_totals(t, names, ["pagu_sebelum", "pagu_sesudah"], "program", add)
        # a comparison table's figures of this year are the capaian table's
    for tid, name, fld, v in renstra:
        if name in targets and targets[name][1] != v:
            add("cross_table", tid, name, fld, float(v), float(targets[name][1]))
    return out


def _audit_totals(t: object, names: list[str], fields: list[str], label_col: str, add: object) -> None:
    """Totals bottom-up: a code's expected figure is the sum of its children's expected figures
    (a leaf's is what is printed); the total row's is the sum of the top lines."""
    rows = [(row, row.cells[names.index("kode")] if "kode" in names else None) for row in t.rows]
    data = [(row, code) for row, code in rows if row.role == "data"]
    for fld in fields:
        k = names.index(fld)
        printed = {i: parse(row.cells[k]) for i, (row, _c) in enumerate(data)}
        expected: dict[int, Decimal] = {}
        if "kode" in names:
            codes = [c for _r, c in data]
            for i in sorted(range(len(data)), key=lambda i: -len(codes[i].split("."))):
                kids = [
                    j
                    for j, c in enumerate(codes)
                    if c.startswith(codes[i] + ".")
                    and len(c.split("."))
                    == min(len(x.split(".")) for x in codes if x.startswith(codes[i] + "."))
                ]
                if kids:
                    expected[i] = sum(expected[j] for j in kids)
                    if printed[i] != expected[i]:
                        add(
                            "total",
                            t.id,
                            data[i][0].cells[names.index(label_col)],
                            fld,
                            float(printed[i]),
                            float(expected[i]),
                        )
                else:
                    expected[i] = printed[i]
            depth = min(len(c.split(".")) for c in codes)
            top = [i for i, c in enumerate(codes) if len(c.split(".")) == depth]
        else:
            expected = dict(printed)
            top = list(expected)
        for row, _c in rows:
            if row.role == "total":
                v = parse(row.cells[k])
                want = sum(expected[i] for i in top)
                if v != want:
                    add("total", t.id, row.cells[0], fld, float(v), float(want))
