"""The message that takes a review to the OPD: results loaded back, recipients, the composed email.

A report to send is either a JSON result written by ``lkip check --format json`` (nothing is
re-read: the findings are the ones the reviewer saw) or a report input (.txt, .pdf), checked
here. Page pictures in the attached HTML need the checked PDF: it is looked for at the path the
result records, then next to the result file, and used only when its sha256 is the result's.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid
from pathlib import Path
from typing import Any

from lkip import pipeline
from lkip.model import Cell, Document, DocumentInfo, Finding, Provenance, Row, Source, Table
from lkip.report.files import cut_name
from lkip.report.html import context, env, render_html, score_context
from lkip.report.i18n import label
from lkip.report.summary import coverage_note, severity_counts
from lkip.report.text import render_text
from lkip.report.xlsx import render_xlsx
from lkip.validate.names import tokens

log = logging.getLogger(__name__)

HTML_TYPE = ("text", "html")
XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SHA_HEADER = "X-LKIP-Source-SHA256"
_PROV_KEYS = ("page", "line", "span", "box")


class RecipientError(Exception):
    """The recipients file cannot be used, or a report's instansi has no address in it."""


# ------------------------------------------------------------------ reports to send


@dataclass
class Review:
    """One checked report on its way to the OPD: the document and where it came from."""

    doc: Document
    origin: Path  # the RESULT (or input) file given on the command line
    source: Path | None = None  # the checked file when it is elsewhere than doc.source.path

    @property
    def sha256(self) -> str:
        return self.doc.source.sha256


def _prov(data: dict[str, Any]) -> Provenance:
    return Provenance(**{key: data.get(key) for key in _PROV_KEYS})


def from_result(data: dict[str, Any]) -> Document:
    """The Document a JSON result (``lkip.report.json.to_contract``) was written from: tables
    with every cell and where it was read, indicators, budget lines, findings with both messages."""
    tables = []
    for t in data.get("tables", []):
        rows = []
        for cells, info in zip(t.get("cells", []), t.get("row_info", []), strict=False):
            row_cells = [Cell(raw=c.get("raw", ""), kind=c.get("kind", "empty"),
                              number=c.get("number"), unit=c.get("unit"), prov=_prov(c))
                         for c in cells]
            rows.append(Row(cells=row_cells, role=info.get("role", "data"), prov=_prov(info),
                            line_end=info.get("line_end"), ambiguous=info.get("ambiguous", [])))
        tables.append(Table(id=t["id"], caption_raw=t.get("caption_raw"), title=t.get("title"),
                            kind=t.get("kind", "other"), columns=t.get("columns", []),
                            header=t.get("header", []), rows=rows, page=t.get("page"),
                            prov=Provenance(**(t.get("prov") or {}))))
    findings = []
    for f in data.get("findings", []):
        f = dict(f)
        f["message"] = f.pop("message_id", None) or f.get("message", "")
        findings.append(Finding.model_validate(f))
    return Document(
        lkip_version=data.get("lkip_version", "?"),
        source=Source(**data["source"]),
        document=DocumentInfo(**data.get("document", {})),
        tables=tables,
        indicators=data.get("indicators", []),
        budget_lines=data.get("budget_lines", []),
        scale=data.get("scale", []),
        findings=findings,
    )


def load_review(path: Path) -> Review:
    """A JSON result read back, or a report input checked now (``pipeline.InputError`` when it
    cannot be read; ``ValueError`` for a JSON file that is not an lkip result)."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            doc = from_result(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not an lkip JSON result ({type(exc).__name__}: {exc})") from exc
        except Exception as exc:  # pydantic's ValidationError and the like
            raise ValueError(f"{path}: not an lkip JSON result ({type(exc).__name__})") from exc
        beside = path.parent / Path(doc.source.path).name
        try:
            found = beside.is_file()
        except OSError:  # a recorded name too long for this disk (ENAMETOOLONG): not beside
            found = False
        return Review(doc=doc, origin=path, source=beside if found else None)

    return Review(doc=pipeline.check(path), origin=path, source=path)


# ------------------------------------------------------------------ recipients


def name_key(name: str) -> str:
    """An instansi name compared tolerant of case, spacing, punctuation and little words
    ('Dinas Koperasi, UKM  dan Naker' = 'dinas koperasi ukm naker')."""

    return " ".join(tokens(name))


@dataclass
class Recipients:
    """Addresses per instansi, read from a CSV file with columns ``instansi`` and ``email``
    (several addresses in one cell separated by ``;`` or ``,``, or several rows), and optionally
    ``cc``."""

    path: Path
    to: dict[str, list[str]] = field(default_factory=dict)  # name_key -> addresses
    cc: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # name_key -> the name as written
    skipped: list[str] = field(default_factory=list)  # 'recipients.csv, line 4: ...' per bad row

    @classmethod
    def read(cls, path: Path) -> Recipients:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RecipientError(f"{path}: {exc}") from exc
        sample = text[:2048]
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
        email_col = next((columns[c] for c in ("email", "e-mail", "alamat", "to") if c in columns),
                         None)
        if "instansi" not in columns or email_col is None:
            raise RecipientError(f"{path}: needs the columns 'instansi' and 'email' "
                                 f"(found: {', '.join(columns) or 'none'})")
        out = cls(path=path)
        end = reader.line_num  # the header's last line
        for row in reader:
            n, end = end + 1, reader.line_num  # the row's first line (a quoted cell may span more)
            name = (row.get(columns["instansi"]) or "").strip()
            if not name:
                continue
            try:
                to = _addresses(row.get(email_col) or "", path, n)
                cc = _addresses(row.get(columns["cc"]) or "", path, n) if "cc" in columns else []
            except RecipientError as exc:  # this row is skipped, the others are used
                log.warning("%s", exc)
                out.skipped.append(str(exc))
                continue
            key = name_key(name)
            out.names.setdefault(key, name)
            seen = {a.casefold() for a in [*out.to.get(key, []), *out.cc.get(key, [])]}
            for addresses, into in ((to, out.to.setdefault(key, [])),
                                    (cc, out.cc.setdefault(key, []))):
                for address in addresses:
                    if address.casefold() not in seen:
                        seen.add(address.casefold())
                        into.append(address)
        return out

    def lookup(self, doc: Document, report: str, lang: str = "id") -> tuple[list[str], list[str]]:
        """The To and Cc addresses of a report's instansi; RecipientError naming the report when
        the instansi was not read or has no address."""
        instansi = doc.document.instansi
        if not instansi:
            raise RecipientError(label("email.no_instansi", lang).format(report=report))
        key = name_key(instansi)
        if not self.to.get(key):
            raise RecipientError(label("email.no_address", lang).format(
                report=report, instansi=instansi, path=self.path))
        return self.to[key], self.cc.get(key, [])


_ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def _addresses(cell: str, path: Path, line: int) -> list[str]:
    """The addresses of one cell; RecipientError when any is not a plain address with a domain
    holding a dot, written as such in the cell, or the cell holds a line break (a header could
    be smuggled in)."""
    where = f"{path}, baris/line {line}"
    if any(c in cell for c in "\r\n\x00"):
        raise RecipientError(f"{where}: alamat berisi pindah baris, dilewati / "
                             f"address holds a line break, skipped: {cell!r}")
    if not cell.strip():
        return []
    found = [addr for _, addr in getaddresses([cell.replace(";", ",")])]
    # an address the cell does not hold as written is one the parser glued together from words
    # ('good@x.test Bcc: evil@y.test' gives 'good@x.testBcc')
    bad = [a for a in found if not _ADDRESS.fullmatch(a) or a not in cell]
    if bad or not found:
        shown = ", ".join(bad) or cell
        raise RecipientError(f"{where}: bukan alamat email, dilewati / not an email address, "
                             f"skipped: {shown}")
    return found


# ------------------------------------------------------------------ the message


def subject(doc: Document, lang: str) -> str:
    """'Hasil pemeriksaan LKIP Dinas X tahun 2024: 3 kesalahan, 2 peringatan'."""
    counts = severity_counts(doc)
    text = label("email.subject", lang).format(
        instansi=doc.document.instansi or label("unknown", lang),
        tahun=doc.document.tahun if doc.document.tahun is not None else label("unknown", lang),
        errors=counts["error"], warnings=counts["warning"])
    return " ".join(text.split())  # one line: a CR/LF read from a report adds no header


def body_html(doc: Document, lang: str, attachments: list[str]) -> str:
    """The HTML body: greeting, summary with the score, every finding, the attachments named."""

    return env().get_template("email.html.j2").render(**context(doc, lang), attachments=attachments)


def body_text(doc: Document, lang: str, attachments: list[str]) -> str:
    """The plain-text alternative: the same greeting and closing around the terminal summary,
    the warning that the file was read in part right after the greeting."""

    instansi = doc.document.instansi or label("unknown", lang)
    score = score_context(doc, lang)
    note = coverage_note(doc, lang)  # read in part: said first, as in the HTML body
    return "\n".join([
        label("email.greeting", lang).format(instansi=instansi), "",
        *([f"!! {label('coverage.partial', lang)}: {note}", ""] if note else []),
        label("email.intro", lang), "",
        f"{label('score', lang)}: {score['value'] or '—'}. {score['text']}", "",
        render_text(doc, lang, coverage=False).rstrip(), "",
        label("email.attachments", lang) + " " + ", ".join(attachments) + ".", "",
        label("email.closing", lang), "",
    ])


def attachment_stem(doc: Document) -> str:
    """'review-<source file stem>', the name of the attached reports and of the files written
    beside them: letters, digits, '.', '_' and '-' only (no line break, slash or leading dot),
    at most 100 bytes (UTF-8)."""

    stem = Path(doc.source.path.replace("\\", "/")).stem.removesuffix(".ocr")
    stem = cut_name(re.sub(r"[^\w.-]+", "-", stem).strip(".-"), 100).strip(".-") or "laporan"
    return f"review-{stem}"


def compose(review: Review, sender: str, to: list[str], cc: list[str], lang: str = "id",
            html: str | None = None, xlsx: bytes | None = None) -> EmailMessage:
    """One message for one report: subject with instansi and year, plain text and HTML bodies,
    the HTML review (with page pictures) and the XLSX workbook attached."""

    doc = review.doc
    stem = attachment_stem(doc)
    names = [f"{stem}.html", f"{stem}.xlsx"]
    html = render_html(doc, lang, source=review.source) if html is None else html
    xlsx = render_xlsx(doc, lang) if xlsx is None else xlsx
    msg = EmailMessage()
    msg["Subject"] = subject(doc, lang)
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2].strip("> ") or "lkip.invalid"
    msg["Message-ID"] = make_msgid("lkip", domain=domain)
    msg[SHA_HEADER] = doc.source.sha256
    msg.set_content(body_text(doc, lang, names))
    msg.add_alternative(body_html(doc, lang, names), subtype="html")
    msg.add_attachment(html.encode("utf-8"), *HTML_TYPE, filename=names[0])
    msg.add_attachment(xlsx, *XLSX_TYPE, filename=names[1])
    return msg


def sender_address(name: str | None, address: str) -> str:
    """'Inspektorat Kota X <inspektorat@x.go.id>' (just the address when there is no name)."""
    return formataddr((name, address)) if name else address
