"""Command line: ``lkip email RESULT... --recipients recipients.csv`` — one message per report to
the OPD that wrote it, sent over SMTP (or written as .eml files with ``--dry-run``)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.cli.common import add_lang_and_verbose, say
from lkip.pipeline import InputError, one_line
from lkip.report.email import (
    RecipientError,
    Recipients,
    attachment_stem,
    compose,
    load_review,
    sender_address,
)
from lkip.report.files import write_atomic
from lkip.report.html import render_html
from lkip.report.i18n import label
from lkip.report.send import SEND_LOG, ConfigError, SendLog, load_config, send
from lkip.report.xlsx import render_xlsx

if TYPE_CHECKING:
    from lkip.report.email import Review
    from lkip.report.send import SendLog, SmtpConfig

log = logging.getLogger("lkip.cli_email")

EXIT_OK = 0  # every message went (or had gone before, or was written with --dry-run)
EXIT_FAILED = 1  # some message could not be sent
EXIT_USAGE = 2  # a report, the recipients or the configuration could not be used; nothing sent
DEFAULT_OUT = "lkip-email"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``email`` to the ``lkip`` subcommands."""
    email = sub.add_parser(
        "email", help="send each review to the OPD that wrote the report",
        description="For each RESULT (a JSON result of 'lkip check --format json', or a report "
                    "input .txt/.pdf, which is checked first) compose one message to the "
                    "addresses of its instansi in --recipients: subject with instansi and year, "
                    "the summary and findings as HTML and plain text, the HTML and XLSX reports "
                    "attached. The attachments, the .eml files (--dry-run) and the send log "
                    "(send-log.jsonl: a rerun skips what was already sent) go to --out. SMTP "
                    "settings: --config TOML ([smtp] host, port, user, from, from_name, security "
                    "= starttls|ssl|none, ca_file, retries, backoff) or LKIP_SMTP_HOST, LKIP_SMTP_PORT, "
                    "LKIP_SMTP_USER, LKIP_SMTP_FROM, LKIP_SMTP_SECURITY ...; the password only "
                    "from LKIP_SMTP_PASSWORD. Exit status: 0 all sent, 1 some failed, 2 nothing "
                    "sent because an input, the recipients or the settings are wrong.",
    )
    email.add_argument("results", nargs="+", metavar="RESULT",
                       help="JSON result of 'lkip check -f json', or a report (.txt, .pdf)")
    email.add_argument("--recipients", required=True, metavar="CSV",
                       help="CSV with columns instansi,email (and optionally cc); names are "
                            "matched ignoring case, spacing and punctuation")
    email.add_argument("--config", metavar="TOML", help="SMTP settings (see above)")
    email.add_argument("--dry-run", action="store_true",
                       help="write each message as <out>/<name>.eml instead of sending it")
    email.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                       help=f"folder for attachments, .eml files and the send log "
                            f"(default: {DEFAULT_OUT})")
    add_lang_and_verbose(email, "language of the messages and reports (default: id, Indonesian)")
    email.set_defaults(handler=run)


def _unique(stem: str, used: set[str]) -> str:
    name, n = stem, 1
    while name in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name)
    return name


def run(args: argparse.Namespace) -> int:
    """Handler of ``lkip email``; returns the exit status."""

    lang: str = args.lang
    problems: list[str] = []
    reviews: list[Review] = []
    for name in args.results:
        try:
            reviews.append(load_review(Path(name)))
        except InputError as exc:
            problems.append(exc.message(lang))
        except (ValueError, OSError) as exc:
            problems.append(str(exc))
    try:
        recipients = Recipients.read(Path(args.recipients))
    except RecipientError as exc:
        problems.append(str(exc))
        recipients = None
    for skipped in recipients.skipped if recipients is not None else []:
        say(skipped)
    addresses: list[tuple[list[str], list[str]]] = []
    if recipients is not None:
        for review in reviews:
            try:
                addresses.append(recipients.lookup(review.doc, str(review.origin), lang))
            except RecipientError as exc:
                problems.append(str(exc))
    config: SmtpConfig | None = None
    if not args.dry_run:
        try:
            config = load_config(Path(args.config) if args.config else None)
        except ConfigError as exc:
            problems.append(str(exc))
    if problems:
        for problem in problems:
            say(problem)
        return EXIT_USAGE
    return _deliver(reviews, addresses, config, Path(args.out), lang, args.dry_run)


def _deliver(reviews: list[Review], addresses: list[tuple[list[str], list[str]]],
             config: SmtpConfig | None, out: Path, lang: str, dry_run: bool) -> int:

    out.mkdir(parents=True, exist_ok=True)
    sendlog = SendLog(out / SEND_LOG)
    if not dry_run and (problem := sendlog.writable()) is not None:
        say(label("email.log_unwritable", lang).format(log=sendlog.path, error=problem))
        return EXIT_USAGE
    used: set[str] = set()
    tally = {"sent": 0, "skipped": 0, "failed": 0}
    login_failed: str | None = None  # after a refused login nothing more is tried (lockout)
    for review, (to, cc) in zip(reviews, addresses, strict=True):
        report = str(review.origin)
        everyone = [*to, *cc]
        if sendlog.error is not None:  # a rerun could not tell what went: nothing more is sent
            say(label("email.not_tried_log", lang).format(report=report))
            tally["failed"] += 1
            continue
        if login_failed is not None:
            say(label("email.not_tried", lang).format(report=report, error=login_failed))
            for recipient in everyone:
                if not sendlog.sent(review.sha256, recipient):
                    sendlog.record(review.sha256, recipient, "failed", report=report,
                                   error=f"not tried: {login_failed}", attempts=0)
            tally["failed"] += 1
            continue
        try:  # one report's fault (a message that cannot be made, a file not written) is its own
            status, login = _deliver_one(review, to, cc, config, out, lang, dry_run, sendlog, used)
        except Exception as exc:  # noqa: BLE001 - reported and logged, the next report goes on
            log.debug("%s: message not made", report, exc_info=True)
            error = one_line(exc, 300)
            say(label("email.failed", lang).format(report=report, to=", ".join(everyone),
                                                    error=error))
            for recipient in everyone:
                sendlog.record(review.sha256, recipient, "failed", report=report, error=error,
                               attempts=0)
            status, login = "failed", None
        tally[status] += 1
        login_failed = login
    if len(reviews) > 1:
        say(label("email.tally", lang).format(total=len(reviews), **tally))
    if sendlog.error is not None:
        _unlogged(sendlog, lang)
        return EXIT_FAILED
    log.info("send log: %s", sendlog.path)
    return EXIT_FAILED if tally["failed"] else EXIT_OK


def _unlogged(sendlog: SendLog, lang: str) -> None:
    """The records the send log could not take, kept: in a file in the temporary folder when it
    can be written, and on stderr (JSON lines, as the log holds them) in any case."""
    spare = Path(tempfile.gettempdir()) / f"lkip-send-log-unwritten-{os.getpid()}.jsonl"
    try:
        spare.write_text("".join(line + "\n" for line in sendlog.unwritten), encoding="utf-8")
        where = label("email.log_where_file", lang).format(path=spare)
    except OSError:
        where = label("email.log_where_here", lang)
    say(label("email.log_failed", lang).format(log=sendlog.path, error=sendlog.error,
                                               n=len(sendlog.unwritten), where=where))
    for line in sendlog.unwritten:  # one JSON object a line: no raw line break in it
        print(line, file=sys.stderr, flush=True)


def _deliver_one(review: Review, to: list[str], cc: list[str], config: SmtpConfig | None, out: Path,
                 lang: str, dry_run: bool, sendlog: SendLog, used: set[str]) -> tuple[str, str | None]:
    """Compose and send (or write) one report's message: ('sent' | 'skipped' | 'failed', the
    server's refusal of the login when it refused it)."""

    report = str(review.origin)
    stem = _unique(attachment_stem(review.doc), used)
    everyone = [*to, *cc]
    pending = [r for r in everyone if dry_run or not sendlog.sent(review.sha256, r)]
    if not pending:
        say(label("email.skipped", lang).format(report=report, to=", ".join(everyone),
                                                 log=sendlog.path))
        return "skipped", None
    sender = sender_address(config.sender_name, config.sender) if config else "lkip@localhost"
    html = render_html(review.doc, lang, source=review.source)
    xlsx = render_xlsx(review.doc, lang)
    write_atomic(out / f"{stem}.html", html)
    write_atomic(out / f"{stem}.xlsx", xlsx)
    msg = compose(review, sender, to, cc, lang, html=html, xlsx=xlsx)
    if dry_run:
        path = out / f"{stem}.eml"
        write_atomic(path, msg.as_bytes())
        say(label("email.dry_run", lang).format(report=report, path=path))
        return "sent", None
    assert config is not None  # run() loads it unless this is a dry run
    outcome = send(config, msg, pending)
    for recipient in outcome.sent:
        sendlog.record(review.sha256, recipient, "sent", report=report,
                       message_id=msg["Message-ID"], attempts=outcome.attempts)
    for recipient, reason in outcome.failed.items():
        sendlog.record(review.sha256, recipient, "failed", report=report, error=reason,
                       attempts=outcome.attempts)
        say(label("email.failed", lang).format(report=report, to=recipient, error=reason))
    if outcome.sent:
        say(label("email.sent", lang).format(report=report, to=", ".join(outcome.sent)))
    login = next(iter(outcome.failed.values()), "login") if outcome.login_failed else None
    return ("failed" if outcome.failed else "sent"), login
