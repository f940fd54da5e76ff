"""Sending the review emails over SMTP: configuration, retries with backoff, and the send log.

Configuration comes from a TOML file (``[smtp]`` with host, port, user, from, from_name,
security = "starttls" | "ssl" | "none", ca_file, timeout, retries, backoff, backoff_max) and from
the environment (``LKIP_SMTP_HOST``, ``LKIP_SMTP_PORT``, ``LKIP_SMTP_USER``, ``LKIP_SMTP_FROM``,
``LKIP_SMTP_FROM_NAME``, ``LKIP_SMTP_SECURITY``, ``LKIP_SMTP_CA_FILE``, ``LKIP_SMTP_TIMEOUT``,
``LKIP_SMTP_RETRIES``, ``LKIP_SMTP_BACKOFF``, ``LKIP_SMTP_BACKOFF_MAX``), the environment winning.
The server's certificate is always verified (against the system's CAs, or ``ca_file`` for a
server with an in-house CA). The password is read
only from ``LKIP_SMTP_PASSWORD``: a config file that holds one is refused, and it is never
logged.

Temporary failures (a 4xx reply, a lost or refused connection, a timeout) are retried up to
``retries`` times, waiting ``backoff``, 2 × ``backoff``, 4 × ``backoff`` ... seconds (at most
``backoff_max`` each); permanent ones (5xx) are not retried. A refused login is never tried
again: ``Outcome.login_failed`` tells the caller to stop sending (account lockout).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import smtplib
import ssl
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "LKIP_SMTP_"
PASSWORD_ENV = "LKIP_SMTP_PASSWORD"
SEND_LOG = "send-log.jsonl"
# defaults: a dead or hanging server costs at most 4 × 10 s + 2 + 4 + 8 s = 54 s per message
DEFAULT_TIMEOUT = 10.0  # seconds per connection and per reply
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0
DEFAULT_BACKOFF_MAX = 30.0


class ConfigError(Exception):
    """The SMTP configuration is missing something or is unsafe."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    sender: str  # the From address (envelope and header)
    port: int = 587
    security: Security = "starttls"
    user: str | None = None
    sender_name: str | None = None
    ca_file: str | None = None  # CA bundle to verify the server with (default: the system's)
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES  # further attempts after the first, for temporary failures
    backoff: float = DEFAULT_BACKOFF  # seconds before the first retry; doubled each time
    backoff_max: float = DEFAULT_BACKOFF_MAX
    password: str | None = field(default=None, repr=False)  # from LKIP_SMTP_PASSWORD only

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        return min(self.backoff * 2 ** (attempt - 1), self.backoff_max)


_KEYS: dict[str, Callable[[str], Any]] = {
    "host": str, "port": int, "user": str, "from": str, "from_name": str, "security": str,
    "ca_file": str, "timeout": float, "retries": int, "backoff": float, "backoff_max": float,
}


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> SmtpConfig:
    """The SMTP settings from ``path`` (TOML, table ``[smtp]`` or top level) and the environment."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        table = data.get("smtp", data)
        if "password" in table or "pass" in table:
            raise ConfigError(f"{path}: holds a password; remove it and set {PASSWORD_ENV} in the "
                              f"environment instead")
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            raise ConfigError(f"{path}: unknown settings: {', '.join(unknown)}")
        values.update(table)
    for key in _KEYS:
        name = ENV_PREFIX + key.upper()
        if env.get(name):
            values[key] = env[name]
    try:
        values = {key: _KEYS[key](value) for key, value in values.items()}
    except ValueError as exc:
        raise ConfigError(f"invalid SMTP setting: {exc}") from exc
    security = values.get("security", "starttls").lower()
    if security not in SECURITIES:
        raise ConfigError(f"security must be one of {', '.join(SECURITIES)}, not {security!r}")
    if not values.get("host"):
        raise ConfigError(f"no SMTP host: set host in the config file or {ENV_PREFIX}HOST")
    if not values.get("from"):
        raise ConfigError(f"no sender address: set from in the config file or {ENV_PREFIX}FROM")
    password = env.get(PASSWORD_ENV) or None
    if values.get("user") and security == "none":
        raise ConfigError("refusing to log in over an unencrypted connection: use security = "
                          "\"starttls\" or \"ssl\"")
    return SmtpConfig(host=values["host"], sender=values["from"],
                      port=values.get("port", DEFAULT_PORTS[security]), security=security,
                      user=values.get("user"), sender_name=values.get("from_name"),
                      ca_file=values.get("ca_file"),
                      timeout=values.get("timeout", DEFAULT_TIMEOUT),
                      retries=max(0, values.get("retries", DEFAULT_RETRIES)),
                      backoff=max(0.0, values.get("backoff", DEFAULT_BACKOFF)),
                      backoff_max=values.get("backoff_max", DEFAULT_BACKOFF_MAX), password=password)


# ------------------------------------------------------------------ the send log


class SendLog:
    """JSON lines, one per message and recipient: which report (sha256) went to whom, or why not.
    A rerun sends a report only to the recipients it has not yet reached."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sent: set[tuple[str, str]] = set()
        self.error: str | None = None  # why the log could not be written, once it could not
        self.unwritten: list[str] = []  # the JSON lines that are not in the file because of it
        if path.is_file():
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    log.warning("%s:%d: not a JSON line, ignored", path, n)
                    continue
                if entry.get("status") == "sent":
                    self._sent.add((entry.get("sha256", ""), entry.get("recipient", "").lower()))

    def sent(self, sha256: str, recipient: str) -> bool:
        return (sha256, recipient.lower()) in self._sent

    def record(self, sha256: str, recipient: str, status: str, **info: Any) -> None:
        entry = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "sha256": sha256, "recipient": recipient, "status": status, **info}
        if status == "sent":  # known in this run even when the file cannot take it
            self._sent.add((sha256, recipient.lower()))
        line = json.dumps(entry, ensure_ascii=False)
        if self.error is not None:  # one failure, one reason: the next lines go where it went
            self.unwritten.append(line)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            self.unwritten.append(line)
            log.warning("%s: send log not written (%s)", self.path, self.error)

    def writable(self) -> str | None:
        """Why the log cannot be written (checked before anything is sent), or None."""
        existed = self.path.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8"):
                pass
            if not existed:  # no empty log left behind by the check
                self.path.unlink()
        except OSError as exc:
            return exc.strerror or str(exc)
        return None


# ------------------------------------------------------------------ sending


@dataclass
class Outcome:
    """What became of one message: recipients reached, and those not with the reason."""

    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # recipient -> '550 no such user'
    attempts: int = 0
    login_failed: bool = False  # the server refused the login: no further message should try

    @property
    def ok(self) -> bool:
        return not self.failed


class _Temporary(Exception):
    """A failure worth another attempt."""


class _LoginFailed(Exception):
    """The server refused the login (or offers none): trying again, for this message or the next,
    only risks locking the account."""


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(text.split())}".strip()


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=config.ca_file)
    if config.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout,
                                              context=context)
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    try:
        smtp.ehlo()
        if config.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if config.user:
            # one mechanism only: smtplib tries each one the server offers, a wrong password
            # would count as two or three failed logins against the account
            offered = smtp.esmtp_features.get("auth", "").upper().split()
            first = next((m for m in ("CRAM-MD5", "PLAIN", "LOGIN") if m in offered), None)
            if first:
                smtp.esmtp_features["auth"] = first
            try:
                smtp.login(config.user, config.password or "")
            except smtplib.SMTPResponseException as exc:
                raise _LoginFailed(_reply(exc.smtp_code, exc.smtp_error)) from exc
            except smtplib.SMTPException as exc:  # no AUTH offered, no common mechanism
                raise _LoginFailed(f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        smtp.close()
        raise
    return smtp


def _attempt(config: SmtpConfig, msg: EmailMessage, pending: list[str],
             outcome: Outcome) -> list[str]:
    """One try at sending to ``pending``: records what was decided, returns who is still to be
    tried (recipients refused with a 4xx); raises _Temporary when the whole try should be redone."""
    try:
        smtp = _connect(config)
        try:
            refused = smtp.send_message(msg, from_addr=config.sender, to_addrs=pending)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    except _LoginFailed as exc:
        outcome.login_failed = True
        outcome.failed.update({r: f"login: {exc}" for r in pending})
        return []
    except smtplib.SMTPRecipientsRefused as exc:  # every recipient refused
        refused = exc.recipients
    except smtplib.SMTPResponseException as exc:
        reason = _reply(exc.smtp_code, exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            raise _Temporary(reason) from exc
        outcome.failed.update({r: reason for r in pending})
        return []
    except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as exc:
        raise _Temporary(f"{type(exc).__name__}: {exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:  # no TLS, DNS failure ...: permanent
        outcome.failed.update({r: f"{type(exc).__name__}: {exc}" for r in pending})
        return []
    again = []
    for recipient in pending:
        if recipient not in refused:
            outcome.sent.append(recipient)
            continue
        code, text = refused[recipient]
        if 400 <= code < 500:
            again.append(recipient)
            outcome.failed[recipient] = _reply(code, text)
        else:
            outcome.failed[recipient] = _reply(code, text)
    return again


def send(config: SmtpConfig, msg: EmailMessage, recipients: list[str],
         sleep: Callable[[float], None] = time.sleep) -> Outcome:
    """Send ``msg`` to ``recipients`` (envelope), retrying temporary failures with backoff."""
    outcome = Outcome()
    pending = list(recipients)
    while pending:
        outcome.attempts += 1
        try:
            retry = _attempt(config, msg, pending, outcome)
            reason = None
        except _Temporary as exc:
            retry, reason = pending, str(exc)
        if not retry:
            break
        if outcome.attempts > config.retries:
            outcome.failed.update({r: reason or outcome.failed.get(r, "temporary failure")
                                   for r in retry})
            break
        for recipient in retry:
            outcome.failed.pop(recipient, None)
        delay = config.delay(outcome.attempts)
        log.info("temporary failure sending %s (%s); retry %d of %d in %.1f s", msg["Subject"],
                 reason or "recipients deferred", outcome.attempts, config.retries, delay)
        sleep(delay)
        pending = retry
    return outcome
