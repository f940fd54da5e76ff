"""The instansi a random report can be written for, each with its nomenklatur bidang, its own sasaran
and indicators, and the generic ones any perangkat daerah reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Iku(NamedTuple):
    """An indicator an instansi reports."""

    name: str
    satuan: str
    kind: str  # pct, count, index, sakip, ikm, level, ratio, money (and their _small / _low)
    smaller: bool  # smaller is better


def _ikus(*specs: tuple[str, str, str, bool]) -> tuple[Iku, ...]:
    return tuple(Iku(*spec) for spec in specs)


GENERIC_IKU = [
    Iku("Nilai SAKIP Perangkat Daerah", "Predikat", "sakip", False),
    Iku("Nilai Akuntabilitas Kinerja Perangkat Daerah", "Nilai", "sakip", False),
    Iku("Indeks Kepuasan Masyarakat", "Nilai", "ikm", False),
    Iku("Tingkat Maturitas Penyelenggaraan SPIP", "Level", "level", False),
    Iku("Indeks Reformasi Birokrasi Perangkat Daerah", "Indeks", "index", False),
    Iku("Persentase capaian kinerja program perangkat daerah", "%", "pct", False),
    Iku("Persentase tindak lanjut rekomendasi hasil pemeriksaan", "%", "pct", False),
    Iku("Jumlah Temuan Pemeriksaan yang Berulang", "Temuan", "count_small", True),
    Iku("Persentase dokumen perencanaan dan pelaporan yang tepat waktu", "%", "pct", False),
    Iku("Indeks Profesionalitas ASN", "Indeks", "index", False),
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
    iku: tuple[Iku, ...]
    levels: tuple[str, ...] = ("kabupaten", "kota", "provinsi")


AGENCIES = [
    Agency(
        "Dinas Kesehatan",
        "dinkes",
        "1.02",
        ("Meningkatnya derajat kesehatan masyarakat", "Meningkatnya akses dan mutu pelayanan kesehatan"),
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
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
        _ikus(
            ("Persentase layanan PATEN yang diselesaikan tepat waktu", "%", "pct", False),
            ("Persentase kelurahan yang melaksanakan musrenbang tepat waktu", "%", "pct", False),
            ("Jumlah gangguan ketertiban umum", "Kejadian", "count_small", True),
            ("Jumlah surat keterangan yang diterbitkan", "Dokumen", "count", False),
        ),
        ("kabupaten", "kota"),
    ),
]
