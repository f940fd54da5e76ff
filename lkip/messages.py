"""Every message a finding says, in Indonesian and English side by side (the bottom layer).

A finding stores a message key and its parameters (``Finding.key``, ``Finding.params``, and the
notes appended to it, ``Finding.notes``); its ``message`` and ``message_en`` are rendered from
here when it is made. Templates use ``str.format`` named fields. Figures come as parameters
already written the way the report prints them ('4.424.198.783', '88,92%': the formatters of
``lkip.validate.arith``), so a template never formats a number itself. Three conversions name
words or phrases that differ by language, themselves entries of this catalogue rendered with the
same parameters:

- ``{name!t:prefix}``: the entry ``prefix.<value>`` (without a prefix: the entry ``<value>``; the
  value itself when there is no such entry; nothing when the value is empty or None), e.g.
  ``{field!t:field}`` with ``field='capaian'``, ``{where!t}`` with ``where='category.in_gap'``;
- ``{name!c:prefix}``: the same, capitalised (``str.capitalize``);
- ``{name!l:prefix}``: the same for each item of a comma-separated value, joined by ', '.

A parameter made of several catalogue sentences (a list of places, each said in its language) is
rendered in each language when the finding is made and comes twice, ``name_id`` and ``name_en``
(``joined``): the Indonesian template uses the one, the English the other.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from lkip.i18n import LANGS, Lang

MessageParam = str | float | int | None

MESSAGES: dict[str, dict[Lang, str]] = {
    # sentences appended to many messages
    "note.ocr": {"id": " Selisih ini dapat berasal dari salah baca OCR satu angka; periksa dokumen "
                       "aslinya.",
                 "en": " The difference may come from an OCR misread of one digit; check the "
                       "original document."},
    "note.uncertain": {
        "id": " Kolom asal sebagian angka ini tidak pasti saat tabel dibaca ({fields!l:field});"
              " periksa dokumen aslinya.",
        "en": " The column some of these figures came from was uncertain when the table was"
              " read ({fields!l:field}); check the original document.",
    },
    # capaian
    "capaian.target_zero": {
        "id": "Target 0: capaian tertulis {shown} tidak dapat dihitung ulang (pembagian dengan nol).",
        "en": "Target is 0: the stated capaian {shown} cannot be recomputed (division by zero).",
    },
    "capaian.wrong": {"id": "Capaian tertulis {shown}, seharusnya {want} ({arith}).",
                      "en": "Capaian stated as {shown}, should be {want} ({arith})."},
    "capaian.follows_short": {
        "id": " Angka tertulis sesuai rumus pendek (realisasi / target), padahal indikator ini makin"
              " kecil makin baik (rumus panjang).",
        "en": " The stated figure follows the short formula (realisasi / target), but this"
              " indicator is smaller-is-better (long formula).",
    },
    "capaian.follows_long": {
        "id": " Angka tertulis sesuai rumus panjang (indikator makin kecil makin baik).",
        "en": " The stated figure follows the long (smaller-is-better) formula.",
    },
    # persen
    "persen.budget_zero": {"id": "Anggaran 0: persentase tertulis {shown} tidak dapat dihitung ulang.",
                           "en": "Budget is 0: the stated percentage {shown} cannot be recomputed."},
    "persen.wrong": {
        "id": "Persentase realisasi tertulis {shown}, seharusnya {want} (realisasi / anggaran × 100:"
              " {arith}).",
        "en": "Spending rate stated as {shown}, should be {want} (spending / budget × 100: {arith}).",
    },
    "persen.prose": {
        "id": "Teks tentang '{who}' menyebut realisasi {real} dari anggaran {base} sebagai {shown},"
              " seharusnya {want} ({arith}).",
        "en": "The text on '{who}' gives spending of {real} out of a budget of {base} as {shown};"
              " it is {want} ({arith}).",
    },
    # efisiensi
    "efisiensi.wrong": {
        "id": "Efisiensi tertulis {shown}, seharusnya {want} (anggaran − realisasi: {arith}).",
        "en": "Savings (efisiensi) stated as {shown}, should be {want} (budget − spending: {arith}).",
    },
    "efisiensi.wrong_pct": {
        "id": "Efisiensi tertulis {shown}, seharusnya {want} ((anggaran − realisasi) / anggaran ×"
              " 100: {arith}).",
        "en": "Savings (efisiensi) stated as {shown}, should be {want} ((budget − spending) / budget"
              " × 100: {arith}).",
    },
    "efisiensi.reversed": {
        "id": "Efisiensi {shown} ditulis sebagai realisasi − anggaran ({arith}); besarnya benar, "
              "hanya tandanya terbalik dari anggaran − realisasi.",
        "en": "Savings {shown} are written as spending − budget ({arith}); the amount is "
              "right, only the sign is the reverse of budget − spending.",
    },
    "efisiensi.points": {
        "id": "Efisiensi tertulis {shown} poin, seharusnya {want} (capaian kinerja − persentase"
              " realisasi anggaran: {arith}).",
        "en": "Efficiency stated as {shown} points, should be {want} (performance − "
              "spending rate: {arith}).",
    },
    # malformed_number, and the number parser's reasons ({reason!t}: one of reason.*)
    "malformed_number.table": {
        "id": "Angka '{raw}' pada {table} tidak mungkin sebagai angka: {reason!t}. "
              "Periksa angka yang dimaksud pada dokumen aslinya.",
        "en": "'{raw}' in {table} cannot be a number as printed ({reason!t}). "
              "Check the intended figure in the original document.",
    },
    "malformed_number.prose": {
        "id": "Angka '{raw}' dalam teks («{quoted}») tidak mungkin sebagai angka: {reason!t}.",
        "en": "'{raw}' in the text («{quoted}») cannot be a number as printed ({reason!t}).",
    },
    "reason.grouping": {
        "id": "pengelompokan ribuan tidak mungkin ('{group}' bukan kelompok tiga angka)",
        "en": "impossible thousands grouping ('{group}' is not a group of three digits)",
    },
    "reason.decimals": {"id": "lebih dari satu pemisah desimal '{separator}'",
                        "en": "more than one decimal separator '{separator}'"},
    "reason.doubled": {"id": "pemisah ganda di dalam angka",
                       "en": "a doubled separator inside the number"},
    "reason.space": {"id": "spasi di dalam angka yang tidak dapat dipastikan",
                     "en": "a space inside the number that cannot be resolved"},
    "reason.generic": {"id": "bentuk angka tidak mungkin", "en": "an impossible number form"},
    # average
    "average.wrong": {
        "id": "Nilai rata-rata tertulis {shown}, seharusnya {want} (rata-rata capaian {n} indikator:"
              " {arith}).",
        "en": "Average stated as {shown}, should be {want} (mean capaian of {n} indicators:"
              " {arith}).",
    },
    "average.skipped": {"id": " {skipped} indikator tanpa angka capaian tidak dihitung.",
                        "en": " {skipped} indicators without a capaian figure are left out."},
    # total ({who!t}: how the parent line is named; {kid!t}: the children's level, counted)
    "total.who_total": {"id": "Jumlah total ('{name}')", "en": "Grand total ('{name}')"},
    "total.who_line": {"id": "{level!c:level} '{name}'", "en": "{level!c:level} '{name}'"},
    "total.wrong": {
        "id": "{who!t}: {field!t:field} tertulis {shown}, tetapi jumlah {n} {kid!t} di bawahnya"
              " {want} (selisih {diff}; {arith}).",
        "en": "{who!t}: {field!t:field} stated as {shown}, but its {n} {kid!t} add up to {want}"
              " (difference {diff}; {arith}).",
    },
    "total.wrong_one": {
        "id": "{who!t}: {field!t:field} tertulis {shown}, tetapi jumlah {n} {kid!t} di bawahnya"
              " {want} (selisih {diff}; {arith}).",
        "en": "{who!t}: {field!t:field} stated as {shown}, but its {n} {kid!t} adds up to {want}"
              " (difference {diff}; {arith}).",
    },
    "total.empty": {"id": " {empty} dari {n} {kid!t} tidak berisi angka {field!t:field} (dihitung 0).",
                    "en": " {empty} of the {n} {kid!t} have no {field!t:field} figure (counted as 0)."},
    "total.empty_ocr": {"id": " Sel kosong pada teks OCR bisa jadi tidak terbaca.",
                        "en": " An empty cell in OCR text may simply not have been read."},
    "total.lost_rows": {
        "id": " {lost} baris di antaranya terbaca tanpa angka (angkanya mungkin terbaca ke dalam"
              " nama baris); jumlahnya tidak dapat dipastikan.",
        "en": " {lost} row(s) among them were read without figures (they may have been read into"
              " the row's name); the sum cannot be relied on.",
    },
    "total.other_levels": {
        "id": " Namun angka ini tepat sama dengan jumlah baris di bawahnya sampai '{until}' bila"
              " susunan tingkat tabel dibaca lain: susunan tabel tidak terbaca pasti, tidak"
              " dihitung sebagai kesalahan.",
        "en": " Yet it is exactly the sum of the lines below it down to '{until}' under another"
              " reading of the table's levels: the table's structure was not read for certain;"
              " not counted as an error.",
    },
    "total.explained_below": {
        "id": " Selisih ini seluruhnya berasal dari {names}, yang dilaporkan tersendiri.",
        "en": " The difference is wholly that of {names}, reported on its own.",
    },
    # unreadable
    "unreadable.page": {"id": "Halaman {page} tidak dapat dibaca ({why}); isinya tidak diperiksa.",
                        "en": "Page {page} could not be read ({why}); nothing on it was checked."},
    "unreadable.cell": {
        "id": "Angka '{raw}' pada {table} (hal. {page}) tidak terbaca dengan pasti dari hasil pindai"
              " (keyakinan OCR {conf}/100); angka ini tidak dipakai untuk pemeriksaan. Periksa"
              " dokumen aslinya.",
        "en": "'{raw}' in {table} (page {page}) could not be read with certainty from the scan (OCR"
              " confidence {conf}/100); it is not used in any check. Look at the original"
              " document.",
    },
    # narrative ({page_part!t}: the page the text is on, when known; {where!t}: the table's figure)
    "narrative.page": {"id": " (hal. {page})", "en": " (p. {page})"},
    "narrative.where_mean": {"id": "rata-rata capaian indikator pada {table} adalah {table_txt}",
                             "en": "the mean capaian of the indicators in {table} is {table_txt}"},
    "narrative.where_row": {"id": "{table} ({label}) mencantumkan {table_txt}",
                            "en": "{table} ({label}) shows {table_txt}"},
    "narrative.table": {
        "id": "Teks{page_part!t} menyebut {field!t:field} {said} («{quoted}»), sedangkan {where!t}.",
        "en": "The text{page_part!t} gives {field!t:field} as {said} («{quoted}»), while {where!t}.",
    },
    "narrative.table_wrong": {
        "id": " Angka dalam teks sesuai {how!t:how} pada baris tabel itu, jadi yang keliru tampaknya"
              " angka tabel.",
        "en": " The prose figure matches {how!t:how} on that table row, so the table figure seems"
              " to be the wrong one.",
    },
    "how.efisiensi": {"id": "anggaran − realisasi", "en": "budget − spending"},
    "how.persen": {"id": "realisasi / anggaran × 100", "en": "spending / budget × 100"},
    "narrative.line": {
        "id": "Teks{page_part!t} menyebut {field!t:field} '{label}' {said} («{quoted}»), sedangkan"
              " {table} mencantumkan {table_txt}.",
        "en": "The text{page_part!t} gives the {field!t:field} of '{label}' as {said} («{quoted}»),"
              " while {table} shows {table_txt}.",
    },
    "narrative.all_reached": {
        "id": "Teks (hal. {page}) menyatakan semua indikator mencapai target («{said}»), tetapi"
              " {table} mencantumkan capaian '{label}' {capaian}.",
        "en": "The text (p. {page}) says every indicator reached its target («{said}»), but {table}"
              " shows a capaian of {capaian} for '{label}'.",
    },
    # nomenklatur
    "nomenklatur.unmatched": {
        "id": "Nama {level!t:nk_level} '{label}' tidak ditemukan dalam nomenklatur Permendagri"
              " 90/2019.",
        "en": "The {level!t:nk_level} name '{label}' is not in the Permendagri 90/2019 nomenklatur.",
    },
    "nomenklatur.closest": {"id": " Nama resmi terdekat: {kode} '{nama}' (skor {score}).",
                            "en": " Closest official name: {kode} '{nama}' (score {score})."},
    "nomenklatur.fragment": {
        "id": " Label ini mungkin hanya sebagian nama atau tergabung dengan sel lain (OCR, baris"
              " terbungkus); periksa dokumen aslinya.",
        "en": " The label may be part of a name or run together with another cell (OCR, wrapped"
              " rows); check the original document.",
    },
    "nomenklatur.unknown_code": {
        "id": "Kode '{kode}' ({label}) tidak ada dalam nomenklatur Permendagri 90/2019.",
        "en": "Code '{kode}' ({label}) is not in the Permendagri 90/2019 nomenklatur.",
    },
    "nomenklatur.name_is_code": {"id": " Nama ini sesuai kode {code}.",
                                 "en": " The name is code {code}."},
    "nomenklatur.other_name": {
        "id": "Kode {kode} dalam nomenklatur adalah '{official}', bukan '{label}'{own!t}.",
        "en": "Code {kode} is '{official}' in the nomenklatur, not '{label}'{own!t}.",
    },
    "nomenklatur.own_code": {"id": ", sedangkan nama tersebut adalah kode {code}",
                             "en": ", while that name is code {code}"},
    "nomenklatur.wrong_parent": {
        "id": "{level!c:nk_level} '{label}' ({kode}) tercantum di bawah {want!t:nk_level} '{parent}'"
              " ({parent_kode}), padahal menurut nomenklatur termasuk {want!t:nk_level}"
              " {official_parent}.",
        "en": "{level!c:nk_level} '{label}' ({kode}) is listed under {want!t:nk_level} '{parent}'"
              " ({parent_kode}), but the nomenklatur puts it under {official_parent}.",
    },
    "nomenklatur.same_amount": {
        "id": "Anggaran {amount} tercantum untuk {other_kode} '{other_name}' di {other_table},"
              " tetapi untuk {kode} '{name}' di {table}: satu anggaran, dua program.",
        "en": "A budget of {amount} is given for {other_kode} '{other_name}' in {other_table}, but"
              " for {kode} '{name}' in {table}: one budget, two programmes.",
    },
    # scale
    "scale.gap": {
        "id": "Skala nilai tidak lengkap: capaian {interval} tidak masuk pita mana pun (di antara"
              " '{a}' ({a_band}) dan '{b}' ({b_band})).",
        "en": "The rating scale has a gap: a capaian in {interval} falls in no band (between '{a}'"
              " ({a_band}) and '{b}' ({b_band})).",
    },
    "scale.overlap": {
        "id": "Skala nilai tumpang tindih: capaian {interval} masuk dua pita ('{a}' ({a_band}) dan"
              " '{b}' ({b_band})).",
        "en": "The rating scale overlaps: a capaian in {interval} falls in two bands ('{a}'"
              " ({a_band}) and '{b}' ({b_band})).",
    },
    "scale.whole_numbers": {
        "id": "Skala nilai ditulis dalam bilangan bulat ({interval}): capaian pecahan di antara dua"
              " pita (mis. 90,5%) tidak masuk pita mana pun.",
        "en": "The rating scale is written in whole numbers ({interval}): a fractional capaian"
              " between two bands (e.g. 90.5%) falls in none.",
    },
    "scale.top_open": {
        "id": "Skala nilai: capaian {upper} sendiri tidak tercakup, karena batas atas pita tertinggi"
              " '{label}' ({band}) tidak inklusif.",
        "en": "Rating scale: a capaian of exactly {upper} is not covered, as the top band '{label}'"
              " ({band}) excludes its upper bound.",
    },
    "scale.bottom_gap": {
        "id": "Skala nilai: capaian {interval} tidak masuk pita mana pun (pita terendah '{label}'"
              " {band}).",
        "en": "Rating scale: a capaian in {interval} falls in no band (the bottom band is '{label}'"
              " {band}).",
    },
    # cross_table
    "cross_table.ocr": {"id": " Selisih ini dapat berasal dari salah baca OCR satu angka.",
                        "en": " The difference may come from an OCR misread of one digit."},
    "cross_table.claim": {
        "id": " Padahal teks ({where!t}) menyatakan targetnya sama: «{claim}».",
        "en": " Yet the text ({where!t}) says the targets are the same: «{claim}».",
    },
    "cross_table.claim_page": {"id": "hal. {page}", "en": "p. {page}"},
    "cross_table.claim_line": {"id": "baris {line}", "en": "line {line}"},
    "cross_table.year": {"id": " tahun {year}", "en": " for {year}"},
    "cross_table.indicator": {
        "id": "{field!c:ct_field}{year_part!t} indikator '{label}' di {table} adalah {value},"
              " sedangkan {tables} mencantumkan {ref_value}.",
        "en": "The {field!t:ct_field}{year_part!t} of '{label}' is {value} in {table}, but"
              " {ref_value} in {tables}.",
    },
    "cross_table.whole_table": {
        "id": "Semua {n} {field!t:ct_field} di {table} berbeda dengan {field!t:ct_field} indikator"
              " yang sama di tabel lain ({pairs}). Tabel ini mungkin memuat angka lain (misalnya"
              " target akhir Renstra atau angka kumulatif); periksa judul kolomnya.",
        "en": "All {n} {field!t:ct_field} figures in {table} differ from the same indicators' in"
              " other tables ({pairs}). The table may hold other figures (e.g. end-of-Renstra"
              " targets or cumulative values); check its column headings.",
    },
    "cross_table.what_total": {"id": "Jumlah total anggaran", "en": "Grand total"},
    "cross_table.what_line": {"id": "Anggaran '{label}'", "en": "Budget of '{label}'"},
    "cross_table.budget": {
        "id": "{what!t}: {field!t:ct_field} di {table} {amount}, sedangkan {ref_field!t:ct_field} di"
              " {tables} {ref_amount}.",
        "en": "{what!t}: {field!t:ct_field} {amount} in {table}, but {ref_field!t:ct_field}"
              " {ref_amount} in {tables}.",
    },
    # change
    "change.new_from_total": {
        "id": " Angka baru tertulis '{raw}' tidak terbaca sebagai angka; dipakai {amount}, jumlah"
              " sesudah perubahan pada {table}.",
        "en": " The new amount printed '{raw}' is not a valid number; using {amount}, the total"
              " after amendment in {table}.",
    },
    "change.new_from_x": {
        "id": " Angka baru tertulis '{raw}' tidak terbaca sebagai angka; dipakai {amount} ({how};"
              " angka tertulis hanya berbeda satu digit).",
        "en": " The new amount printed '{raw}' is not a valid number; using {amount} ({how}; the"
              " printed figure differs in one digit only).",
    },
    "change.sentence": {"id": " Teks: «{sentence}».", "en": " Text: «{sentence}»."},
    "change.said.down": {"id": "berkurang", "en": "a decrease"},
    "change.said.up": {"id": "bertambah", "en": "an increase"},
    "change.went.up": {"id": "naik", "en": "up"},
    "change.went.down": {"id": "turun", "en": "down"},
    "change.direction": {
        "id": "Teks menyebut anggaran {said!t:change.said} dari {old} menjadi {new}, padahal"
              " angkanya {went!t:change.went}.",
        "en": "The text calls the change from {old} to {new} {said!t:change.said}, but the amount"
              " went {went!t:change.went}.",
    },
    "change.prose_selisih": {"id": "Selisih tertulis {shown}, seharusnya {want} ({arith}).",
                             "en": "The change is stated as {shown}, should be {want} ({arith})."},
    "change.of_new": {
        "id": " {shown} adalah {change} / {new} × 100: persentase dihitung terhadap anggaran baru,"
              " bukan anggaran semula.",
        "en": " {shown} is {change} / {new} × 100: the percentage was taken against the new"
              " amount, not the original one.",
    },
    "change.prose_persen": {
        "id": "Persentase perubahan tertulis {shown}, seharusnya {want} (selisih / anggaran semula"
              " × 100: {arith}).",
        "en": "The change is stated as {shown}, should be {want} (change / original amount × 100:"
              " {arith}).",
    },
    "change.table_selisih": {
        "id": "Selisih tertulis {shown}, seharusnya {want} (sesudah − sebelum perubahan: {arith}).",
        "en": "Change stated as {shown}, should be {want} (after − before the revision: {arith}).",
    },
    "change.table_persen": {"id": "Persentase perubahan tertulis {shown}, seharusnya {want} ({arith}).",
                            "en": "Change stated as {shown}, should be {want} ({arith})."},
    # category ({scale!t}: the scale judged by; {where!t}: where the capaian falls on it)
    "scale_name.own_table": {"id": "skala laporan {scale_table}",
                             "en": "the report's scale in {scale_table}"},
    "scale_name.own": {"id": "skala laporan", "en": "the report's scale"},
    "scale_name.permendagri": {"id": "skala {permendagri}", "en": "the {permendagri} scale"},
    "category.in_gap": {
        "id": "capaian {shown} berada di celah antara pita {expected} pada {scale!t}",
        "en": "capaian {shown} falls in a gap between bands {expected} of {scale!t}",
    },
    "category.in_band": {
        "id": "capaian {shown} termasuk '{band}' ({band_range}, {scale!t}){above!t}{below!t}",
        "en": "capaian {shown} is in '{band}' ({band_range}, {scale!t}){above!t}{below!t}",
    },
    "category.above_top": {
        "id": "; capaian di atas batas atas skala ({upper}) dihitung pada pita tertinggi",
        "en": "; a capaian above the scale's top bound ({upper}) is counted in the top band",
    },
    "category.below_bottom": {
        "id": "; capaian di bawah batas bawah skala ({lower}) dihitung pada pita terendah",
        "en": "; a capaian below the scale's bottom bound ({lower}) is counted in the bottom band",
    },
    "category.wrong": {"id": "Kategori tertulis '{stated}', seharusnya '{expected}': {where!t}.",
                       "en": "Category stated as '{stated}', should be '{expected}': {where!t}."},
    "category.not_on_scale": {
        "id": "Kategori '{stated}' tidak ada dalam {scale!t} ({labels}); seharusnya '{expected}':"
              " {where!t}.",
        "en": "Category '{stated}' is not on {scale!t} ({labels}); it should be '{expected}':"
              " {where!t}.",
    },
    "category.fits_recomputed": {
        "id": " Namun kategori ini sesuai dengan capaian yang dihitung dari target dan realisasinya"
              " ({fits}): angka capaiannya yang tidak sesuai, tidak dihitung sebagai kesalahan"
              " kategori.",
        "en": " Yet the category fits the capaian its target and realisasi give ({fits}): the"
              " capaian figure is what disagrees; not counted as a category error.",
    },
    "category.unclean": {
        "id": "{table}: {n} sel kategori terbaca bercampur teks lain ({shown}); kategorinya tidak"
              " diperiksa. Periksa kolom kategori tabel ini secara manual.",
        "en": "{table}: {n} kategori cells were read mixed with other text ({shown}); their"
              " categories were not checked. Check this table's kategori column by hand.",
    },
    "category.scale_in_part": {"id": " (skala pada {where} hanya terbaca sebagian)",
                               "en": " (the scale in {where} was read only in part)"},
    "category.no_scale": {
        "id": "Skala penilaian laporan tidak terbaca{part!t}, dan kategorinya bukan istilah"
              " Permendagri 86/2017: {n} kategori capaian tidak diperiksa.",
        "en": "The report's rating scale could not be read{part!t}, and its categories are not"
              " Permendagri 86/2017's words: {n} categories were not checked.",
    },
    # cross_year ({where_id}/{where_en}, {theirs_id}/{theirs_en}: places, cross_year.at_*)
    "cross_year.at_page": {"id": "{table}, hal. {page}", "en": "{table}, p. {page}"},
    "cross_year.at_line": {"id": "{table}, baris {line}", "en": "{table}, line {line}"},
    "cross_year.at_table": {"id": "{table}", "en": "{table}"},
    "cross_year.source_year": {"id": "laporan tahun {source_year} ({source_name}, ",
                               "en": "the {source_year} report ({source_name}, "},
    "cross_year.source_file": {"id": "dokumen {source_name} (", "en": "document {source_name} ("},
    "cross_year.revised.realisasi": {
        "id": "Angka yang sudah diaudit direvisi? Bila ya, laporan perlu menjelaskan revisinya;"
              " bila tidak, salah satu angka keliru.",
        "en": "Audited figure revised? If so, the report should explain the revision; if not, one"
              " of the figures is wrong.",
    },
    "cross_year.revised.target": {
        "id": "Target diubah (misalnya oleh perubahan Renstra)? Bila ya, laporan perlu menyebut"
              " perubahannya; bila tidak, salah satu angka keliru.",
        "en": "Target changed (e.g. by a Renstra revision)? If so, the report should say so; if"
              " not, one of the figures is wrong.",
    },
    "cross_year.differs": {
        "id": "{measure!c:ct_field} tahun {year} indikator '{name}' di laporan ini ({where_id})"
              " adalah {value}, sedangkan {source!t}{theirs_id}) mencantumkan {ref_value}."
              " {measure!t:cross_year.revised}",
        "en": "The {measure!t:ct_field} for {year} of '{name}' is {value} in this report"
              " ({where_en}), but {source!t}{theirs_en}) stated {ref_value}."
              " {measure!t:cross_year.revised}",
    },
    # the plausibility gate: why an error is not counted as one (appended to its message)
    "gate.persen_of_sums": {
        "id": " (Persentase tertulis sesuai dengan jumlah baris-baris di bawahnya ({ratio}%): yang"
              " keliru tampaknya angka rupiah baris ini; lihat temuan total.)",
        "en": " (The stated % agrees with the sums of the rows below ({ratio}%): the row's amounts"
              " seem to be what is wrong; see the total finding.)",
    },
    "gate.own_efisiensi": {
        "id": " (Efisiensi tertulis sama dengan anggaran dikurangi realisasi baris ini sendiri:"
              " selisihnya berasal dari angka rupiah baris ini; lihat temuan total.)",
        "en": " (The stated efisiensi is the row's own anggaran minus its realisasi: the"
              " difference comes from the row's amounts; see the total finding.)",
    },
    "gate.from_row_below": {
        "id": " (Selisih ini berasal dari kesalahan {cause} pada baris '{cause_row}', yang"
              " dilaporkan tersendiri.)",
        "en": " (The difference comes from the {cause} error on '{cause_row}', reported on its"
              " own.)",
    },
    "gate.from_same_line": {
        "id": " (Ini kesalahan {cause} {cause_field!t:field} pada baris '{cause_row}' yang sama,"
              " yang dilaporkan tersendiri.)",
        "en": " (This is the {cause} error in {cause_field!t:field} on the same line"
              " '{cause_row}', reported on its own.)",
    },
    "gate.unsound_row": {"id": " (Tidak dihitung sebagai kesalahan: {why!t:gate.unsound}.)",
                         "en": " (Not counted as an error: {why!t:gate.unsound}.)"},
    "gate.unsound.header": {"id": "judul kolom tabel terbaca sebagai baris",
                            "en": "the table's header was read as a row"},
    "gate.unsound.figures": {"id": "angka sel lain ikut terbaca dalam nama baris",
                             "en": "other cells' figures were read into the row's name"},
    "gate.unsound.merged": {"id": "dua baris bernomor terbaca sebagai satu",
                            "en": "two numbered rows were read as one"},
    "gate.magnitude": {
        "id": " Selisihnya sebesar kelipatan puluhan atau ratusan: kemungkinan pemisah"
              " ribuan/desimal atau satuan terbaca keliru; periksa dokumen aslinya.",
        "en": " The figures differ by orders of magnitude: a thousands or decimal separator or a"
              " unit may have been misread; check the original.",
    },
    "gate.suspect_table": {
        "id": "{table}: {failing} dari {checkable} baris tidak lolos pemeriksaan '{check}' ({rows})."
              " Kesalahan sebanyak ini pada satu tabel lebih mungkin berarti tabel terbaca keliru"
              " (kolom tertukar, baris bergeser, sel terbungkus tergabung) daripada laporan salah di"
              " setiap baris: periksa tabel ini secara manual. Temuan per baris dicantumkan sebagai"
              " informasi, bukan kesalahan.",
        "en": "{table}: {failing} of {checkable} rows fail the '{check}' check ({rows}). So many in"
              " one table more likely means the table was misread (columns swapped, rows shifted,"
              " wrapped cells joined) than that the report is wrong on every row: check this table"
              " by hand. The per-row findings are listed as information, not errors.",
    },
    "gate.told_by_narrative": {"id": " (Angka yang sama dengan temuan narrative pada baris ini.)",
                               "en": " (The same figure as the narrative finding on this line.)"},
    "gate.table_in_doubt": {
        "id": " (Tidak dihitung sebagai kesalahan: pembacaan tabel ini diragukan.)",
        "en": " (Not counted as an error: the reading of this table is in doubt.)",
    },
    # the registry and the pipeline
    "rule.failed": {"id": "Pemeriksaan '{rule}' tidak dapat dijalankan ({error_id}).",
                    "en": "Check '{rule}' could not be run ({error_en})."},
    "coverage.lost": {"id": "{lost} halaman tidak terdaftar di berkas (berkas rusak?)",
                      "en": "{lost} pages are not listed in the file (a damaged file?)"},
    "coverage.page": {"id": "hal. {page} ({why_id})", "en": "p. {page} ({why_en})"},
    "coverage.more": {"id": "; dan {more} halaman lain", "en": "; and {more} more pages"},
    "coverage.failed": {"id": "gagal dibaca: {pages_id}{more_part!t}",
                        "en": "failed: {pages_en}{more_part!t}"},
    "coverage.part_read": {
        "id": "Hanya {read} dari {total} halaman PDF ini yang terbaca utuh: {parts_id}. {unread}"
              " halaman tidak diperiksa (seluruhnya), temuan bisa tidak lengkap.",
        "en": "Only {read} of this PDF's {total} pages could be read whole: {parts_en}. {unread}"
              " pages were not checked (in full), the findings may be incomplete.",
    },
    "coverage.part_read_one": {
        "id": "Hanya {read} dari {total} halaman PDF ini yang terbaca utuh: {parts_id}. {unread}"
              " halaman tidak diperiksa (seluruhnya), temuan bisa tidak lengkap.",
        "en": "Only {read} of this PDF's {total} pages could be read whole: {parts_en}. {unread}"
              " page was not checked (in full), the findings may be incomplete.",
    },
}

# words put into messages by the conversions !t, !l and !c: prefix -> value -> (id, en)
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "field": {  # a column of an indicator or a budget line
        "pagu_sebelum": ("sebelum perubahan", "before amendment"),
        "pagu_sesudah": ("sesudah perubahan", "after amendment"),
        "anggaran": ("anggaran", "budget"),
        "realisasi": ("realisasi", "spending"),
        "persen": ("persentase realisasi", "spending rate"),
        "efisiensi": ("efisiensi", "savings (efisiensi)"),
        "capaian": ("capaian", "achievement (capaian)"),
        "target": ("target", "target"),
        "kategori": ("kategori", "category"),
        "average": ("nilai rata-rata", "average"),
    },
    "level": {  # a budget line's level
        "group": ("kelompok", "group"), "urusan": ("urusan", "urusan"),
        "bidang": ("bidang", "bidang"), "program": ("program", "programme"),
        "kegiatan": ("kegiatan", "activity"), "sub_kegiatan": ("sub kegiatan", "sub-activity"),
        "akun": ("akun", "account"), "total": ("jumlah total", "grand total"),
        "other": ("baris", "line"),
    },
    "levels": {  # ... counted (Indonesian has no plural)
        "group": ("kelompok", "groups"), "urusan": ("urusan", "urusan"),
        "bidang": ("bidang", "bidang"), "program": ("program", "programmes"),
        "kegiatan": ("kegiatan", "activities"), "sub_kegiatan": ("sub kegiatan", "sub-activities"),
        "akun": ("akun", "accounts"), "total": ("jumlah total", "totals"),
        "other": ("baris", "lines"),
    },
    "nk_level": {  # a level of the Permendagri 90/2019 nomenklatur
        "bidang_urusan": ("bidang urusan", "bidang urusan"), "program": ("program", "programme"),
        "kegiatan": ("kegiatan", "activity"), "sub_kegiatan": ("sub kegiatan", "sub-activity"),
    },
    "ct_field": {  # a figure compared across tables
        "target": ("target", "target"), "realisasi": ("realisasi", "actual (realisasi)"),
        "pagu_sesudah": ("pagu sesudah perubahan", "budget after amendment"),
        "anggaran": ("anggaran", "budget"),
    },
}
MESSAGES.update({f"{prefix}.{value}": {"id": word_id, "en": word_en}
                 for prefix, of_prefix in WORDS.items()
                 for value, (word_id, word_en) in of_prefix.items()})


def words(prefix: str, lang: Lang) -> dict[str, str]:
    """The words of ``prefix`` in ``lang`` (value -> word), e.g. the field names."""
    return {value: pair[0 if lang == "id" else 1] for value, pair in WORDS[prefix].items()}


class _Term:
    """A parameter to be rendered as a catalogue entry (conversions !t, !c) or a list of them (!l)."""

    def __init__(self, value: object, conversion: str) -> None:
        self.value, self.conversion = value, conversion


class _Formatter(string.Formatter):
    def __init__(self, params: Mapping[str, MessageParam], lang: Lang) -> None:
        self.params, self.lang = params, lang

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("t", "l", "c"):
            return _Term(value, conversion)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if not isinstance(value, _Term):
            return str(super().format_field(value, format_spec))
        if value.value is None or value.value == "":
            return ""
        items = str(value.value).split(",") if value.conversion == "l" else [str(value.value)]
        text = ", ".join(self._term(f"{format_spec}.{v}" if format_spec else v, v) for v in items)
        return text.capitalize() if value.conversion == "c" else text

    def _term(self, key: str, fallback: str) -> str:
        return render(key, self.params, self.lang) if key in MESSAGES else fallback


def render(key: str, params: Mapping[str, MessageParam] | None = None, lang: Lang = "id") -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    params = params or {}
    return _Formatter(params, lang).vformat(MESSAGES[key][lang], (), params)


def joined(name: str, parts: list[tuple[str, dict[str, MessageParam]]],
           sep: str) -> dict[str, MessageParam]:
    """The parameters ``name_id`` and ``name_en``: the catalogue sentences ``parts`` (key,
    parameters) rendered in each language and joined by ``sep``."""
    return {f"{name}_{lang}": sep.join(render(key, params, lang) for key, params in parts)
            for lang in LANGS}


def fields_of(template: str) -> set[str]:
    """The names of the format fields of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
