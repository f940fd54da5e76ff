"""``lkip email`` against a real SMTP server (aiosmtpd on 127.0.0.1): what arrives parses and
matches the result, a rerun sends nothing twice, 421 is retried, 550 is reported and the rest go."""

from __future__ import annotations

import io
import json
import socket
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from lkip.cli import main
from lkip.report.email import Recipients, from_result, name_key
from lkip.report.send import ConfigError, SendLog, SmtpConfig, load_config, send

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

SECRET = "s3cret-Pa55word"


class Server:
    """An SMTP server that keeps what it receives; scripted replies to DATA, refused addresses."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.data_replies: list[str] = []  # replies to DATA before accepting ('421 ...')
        self.refuse: set[str] = set()  # addresses answered with 550 at RCPT

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def parsed(self) -> list[EmailMessage]:
        return [BytesParser(policy=policy.default).parsebytes(raw) for _, _, raw in self.messages]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    handler = Server()
    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def _setup(tmp_path: Path, smtp: Server, results, monkeypatch) -> tuple[Path, Path]:
    dinkes, kecamatan = results["dinkes"][1], results["kecamatan"][1]
    recipients = tmp_path / "recipients.csv"
    recipients.write_text(
        "instansi;email;cc\n"
        f"  {dinkes.document.instansi.upper()}  ;dinkes@sukamaju.go.id;arsip@inspektorat.go.id\n"
        f"{' '.join(kecamatan.document.instansi.lower().split())};camat@sukamaju.go.id;\n",
        encoding="utf-8")
    config = tmp_path / "lkip-email.toml"
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
                      f'from = "inspektorat@sukamaju.go.id"\nfrom_name = "Inspektorat"\n'
                      f'retries = 3\nbackoff = 0.01\ntimeout = 5\n', encoding="utf-8")
    for key in ("HOST", "PORT", "USER", "FROM", "SECURITY", "PASSWORD"):
        monkeypatch.delenv(f"LKIP_SMTP_{key}", raising=False)
    return recipients, config


def _email(args: list[str], capsys) -> tuple[int, str]:
    code = main(["email", *args])
    return code, capsys.readouterr().err


def test_message_arrives_and_matches_the_result(tmp_path, smtp, results, monkeypatch,
                                                capsys) -> None:
    recipients, config = _setup(tmp_path, smtp, results, monkeypatch)
    path, doc = results["dinkes"]
    code, err = _email([str(path), "--recipients", str(recipients), "--config", str(config),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert len(smtp.messages) == 1
    mail_from, rcpt_tos, _ = smtp.messages[0]
    assert mail_from == "inspektorat@sukamaju.go.id"
    assert sorted(rcpt_tos) == ["arsip@inspektorat.go.id", "dinkes@sukamaju.go.id"]
    msg = smtp.parsed()[0]
    assert doc.document.instansi in msg["Subject"] and "2023" in msg["Subject"]
    assert msg["To"] == "dinkes@sukamaju.go.id" and msg["Cc"] == "arsip@inspektorat.go.id"
    assert msg["From"] == "Inspektorat <inspektorat@sukamaju.go.id>"
    assert msg["X-LKIP-Source-SHA256"].strip() == doc.source.sha256
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    errors = [f for f in doc.findings if f.severity == "error"]
    assert f"{len(errors)} kesalahan" in msg["Subject"]
    for finding in doc.findings:
        assert finding.rule in text
        assert finding.message.split("'")[0].replace("&", "&amp;") in html
    attachments = {part.get_filename(): part for part in msg.iter_attachments()}
    assert set(attachments) == {"review-dinkes-kab-sukamaju-2023.html",
                                "review-dinkes-kab-sukamaju-2023.xlsx"}
    report = attachments["review-dinkes-kab-sukamaju-2023.html"].get_content()
    assert doc.source.sha256 in report and "data:image/png;base64," in report
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(attachments["review-dinkes-kab-sukamaju-2023.xlsx"]
                                    .get_content()))
    assert book["Temuan"].max_row == len(doc.findings) + 1
    log = [json.loads(line) for line in (tmp_path / "out" / "send-log.jsonl").read_text().splitlines()]
    assert {(e["recipient"], e["status"]) for e in log} == {
        ("dinkes@sukamaju.go.id", "sent"), ("arsip@inspektorat.go.id", "sent")}
    assert all(e["sha256"] == doc.source.sha256 for e in log)

    # a rerun sends nothing twice
    code, err = _email([str(path), "--recipients", str(recipients), "--config", str(config),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 0 and len(smtp.messages) == 1
    assert "sudah terkirim sebelumnya" in err


def test_421_then_250_arrives_once(tmp_path, smtp, results, monkeypatch, capsys) -> None:
    recipients, config = _setup(tmp_path, smtp, results, monkeypatch)
    smtp.data_replies = ["421 4.3.2 service busy, try later"]
    code, err = _email([str(results["kecamatan"][0]), "--recipients", str(recipients),
                        "--config", str(config), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert len(smtp.messages) == 1
    entry = json.loads((tmp_path / "out" / "send-log.jsonl").read_text().splitlines()[0])
    assert entry["status"] == "sent" and entry["attempts"] == 2


def test_550_is_reported_and_the_others_go(tmp_path, smtp, results, monkeypatch, capsys) -> None:
    recipients, config = _setup(tmp_path, smtp, results, monkeypatch)
    smtp.refuse = {"dinkes@sukamaju.go.id", "arsip@inspektorat.go.id"}
    code, err = _email([str(results["dinkes"][0]), str(results["kecamatan"][0]),
                        "--recipients", str(recipients), "--config", str(config),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 1
    assert "550 5.1.1 mailbox unavailable" in err and "dinkes.json" in err
    assert [rcpt for _, rcpt, _ in smtp.messages] == [["camat@sukamaju.go.id"]]
    log = SendLog(tmp_path / "out" / "send-log.jsonl")
    assert log.sent(results["kecamatan"][1].source.sha256, "camat@sukamaju.go.id")
    assert not log.sent(results["dinkes"][1].source.sha256, "dinkes@sukamaju.go.id")
    # once the address is fixed, a rerun sends only what did not go
    smtp.refuse = set()
    code, err = _email([str(results["dinkes"][0]), str(results["kecamatan"][0]),
                        "--recipients", str(recipients), "--config", str(config),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert len(smtp.messages) == 2 and smtp.parsed()[1]["X-LKIP-Source-SHA256"].strip() == \
        results["dinkes"][1].source.sha256


def test_instansi_without_address_names_the_report(tmp_path, smtp, results, monkeypatch,
                                                   capsys) -> None:
    _, config = _setup(tmp_path, smtp, results, monkeypatch)
    recipients = tmp_path / "only-dinkes.csv"
    recipients.write_text(f"instansi,email\n{results['dinkes'][1].document.instansi},a@b.go.id\n",
                          encoding="utf-8")
    code, err = _email([str(results["dinkes"][0]), str(results["kecamatan"][0]),
                        "--recipients", str(recipients), "--config", str(config),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and not smtp.messages  # nothing goes until every report has an address
    assert "kecamatan.json" in err and results["kecamatan"][1].document.instansi in err
    assert "tidak memiliki alamat email" in err


def test_dry_run_writes_eml(tmp_path, results, capsys) -> None:
    path, doc = results["kecamatan"]
    recipients = tmp_path / "r.csv"
    recipients.write_text(f"instansi,email\n{doc.document.instansi},camat@sukamaju.go.id\n",
                          encoding="utf-8")
    code, err = _email([str(path), "--recipients", str(recipients), "--dry-run", "--lang", "en",
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    emls = list((tmp_path / "out").glob("*.eml"))
    assert len(emls) == 1 and not (tmp_path / "out" / "send-log.jsonl").exists()
    msg = BytesParser(policy=policy.default).parsebytes(emls[0].read_bytes())
    assert msg["Subject"].startswith("LKIP review of") and msg["To"] == "camat@sukamaju.go.id"
    assert "Dear" in msg.get_body(("plain",)).get_content()


def test_password_only_from_the_environment(tmp_path, smtp, results, monkeypatch, capsys,
                                            caplog) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[smtp]\nhost = "x"\nfrom = "a@b"\npassword = "nope"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="LKIP_SMTP_PASSWORD"):
        load_config(bad, env={})
    config = load_config(None, env={"LKIP_SMTP_HOST": "smtp.example.go.id",
                                    "LKIP_SMTP_FROM": "a@b.go.id", "LKIP_SMTP_USER": "u",
                                    "LKIP_SMTP_PASSWORD": SECRET, "LKIP_SMTP_SECURITY": "ssl"})
    assert config.port == 465 and config.password == SECRET and SECRET not in repr(config)
    with pytest.raises(ConfigError, match="unencrypted"):
        load_config(None, env={"LKIP_SMTP_HOST": "h", "LKIP_SMTP_FROM": "a@b",
                               "LKIP_SMTP_USER": "u", "LKIP_SMTP_SECURITY": "none"})
    # a whole run with the password set: it appears in no output, log or file
    recipients, toml = _setup(tmp_path, smtp, results, monkeypatch)
    monkeypatch.setenv("LKIP_SMTP_PASSWORD", SECRET)
    code, err = _email([str(results["kecamatan"][0]), "--recipients", str(recipients),
                        "--config", str(toml), "--out", str(tmp_path / "out"), "-vv"], capsys)
    assert code == 0
    assert SECRET not in err and SECRET not in caplog.text
    assert all(SECRET not in p.read_bytes().decode("utf-8", "replace")
               for p in (tmp_path / "out").iterdir())


def test_lost_connection_is_retried_with_bounded_backoff() -> None:
    config = SmtpConfig(host="127.0.0.1", port=_free_port(), sender="a@b.go.id",
                        security="none", retries=3, backoff=0.5, backoff_max=1.0, timeout=2)
    waits: list[float] = []
    msg = EmailMessage()
    msg["Subject"] = "x"
    msg.set_content("x")
    outcome = send(config, msg, ["c@d.go.id"], sleep=waits.append)
    assert waits == [0.5, 1.0, 1.0] and outcome.attempts == 4
    assert "ConnectionRefusedError" in outcome.failed["c@d.go.id"]


def test_recipients_match_tolerant_of_case_and_spacing(tmp_path, results) -> None:
    doc = results["dinkes"][1]
    assert name_key("Dinas Koperasi,  UKM dan NAKER") == name_key("dinas koperasi ukm & naker")
    csv_file = tmp_path / "r.csv"
    csv_file.write_text("Instansi,Email\n"
                        f'"{doc.document.instansi.upper()}","a@b.go.id; c@d.go.id"\n',
                        encoding="utf-8")
    to, cc = Recipients.read(csv_file).lookup(doc, "x.json")
    assert to == ["a@b.go.id", "c@d.go.id"] and cc == []
    csv_file.write_text("instansi,email\nX,not-an-address\n", encoding="utf-8")
    read = Recipients.read(csv_file)  # a bad row is reported with its line and skipped
    assert not read.to.get(name_key("X")) and "line 2" in read.skipped[0]
    assert "not an email address" in read.skipped[0]


def test_result_reads_back_as_the_document(results) -> None:
    path, doc = results["dinkes"]
    back = from_result(json.loads(path.read_text(encoding="utf-8")))
    assert back.model_dump() == doc.model_dump(exclude={"paragraphs", "nomenklatur_version"}) | {
        "paragraphs": [], "nomenklatur_version": None}


@pytest.fixture
def tls_smtp(tmp_path):
    """An SMTP server that requires STARTTLS (self-signed certificate for 127.0.0.1) and a login."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.smtp import AuthResult

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Server()
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == SECRET.encode(), handled=False)

    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=_free_port(),
                                     tls_context=context, require_starttls=True,
                                     authenticator=authenticator, auth_required=True)
    controller.start()
    handler.port, handler.cert, handler.logins = controller.port, cert, logins
    yield handler
    controller.stop()


def test_starttls_and_login_with_the_password_from_the_environment(tmp_path, tls_smtp, results,
                                                                    monkeypatch, capsys) -> None:
    path, doc = results["kecamatan"]
    recipients = tmp_path / "r.csv"
    recipients.write_text(f"instansi,email\n{doc.document.instansi},camat@sukamaju.go.id\n",
                          encoding="utf-8")
    for key in ("HOST", "PORT", "USER", "FROM", "SECURITY", "PASSWORD", "CA_FILE"):
        monkeypatch.delenv(f"LKIP_SMTP_{key}", raising=False)
    monkeypatch.setenv("LKIP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LKIP_SMTP_PORT", str(tls_smtp.port))
    monkeypatch.setenv("LKIP_SMTP_USER", "inspektorat")
    monkeypatch.setenv("LKIP_SMTP_FROM", "inspektorat@sukamaju.go.id")
    monkeypatch.setenv("LKIP_SMTP_CA_FILE", str(tls_smtp.cert))
    monkeypatch.setenv("LKIP_SMTP_BACKOFF", "0.01")
    monkeypatch.setenv("LKIP_SMTP_PASSWORD", SECRET)
    code, err = _email([str(path), "--recipients", str(recipients), "--out",
                        str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert tls_smtp.logins == [(b"inspektorat", SECRET.encode())]
    assert len(tls_smtp.messages) == 1 and SECRET not in err


def test_permanent_reply_to_data_is_not_retried(smtp) -> None:
    smtp.data_replies = ["554 5.7.1 message rejected"]
    config = SmtpConfig(host="127.0.0.1", port=smtp.port, sender="a@b.go.id", security="none",
                        retries=3, backoff=0.01, timeout=5)
    msg = EmailMessage()
    msg["Subject"] = "x"
    msg.set_content("x")
    waits: list[float] = []
    outcome = send(config, msg, ["c@d.go.id"], sleep=waits.append)
    assert outcome.attempts == 1 and not waits and not smtp.messages
    assert outcome.failed == {"c@d.go.id": "554 5.7.1 message rejected"}


def test_a_refused_login_is_not_tried_again(tmp_path, tls_smtp, results, monkeypatch,
                                            capsys) -> None:
    """A wrong password: one failed login for the whole run, not one per message (an account
    locks after a few); every report is reported not sent and logged, exit 1."""
    recipients = tmp_path / "r.csv"
    recipients.write_text("instansi,email\n" + "".join(
        f'"{doc.document.instansi}",{name}@sukamaju.go.id\n' for name, (_, doc) in results.items()),
        encoding="utf-8")
    for key in ("HOST", "PORT", "USER", "FROM", "SECURITY", "PASSWORD", "CA_FILE"):
        monkeypatch.delenv(f"LKIP_SMTP_{key}", raising=False)
    for key, value in (("HOST", "127.0.0.1"), ("PORT", str(tls_smtp.port)), ("USER", "inspektorat"),
                       ("FROM", "inspektorat@sukamaju.go.id"), ("CA_FILE", str(tls_smtp.cert)),
                       ("BACKOFF", "0.01"), ("PASSWORD", "wrong-password")):
        monkeypatch.setenv(f"LKIP_SMTP_{key}", value)
    code, err = _email([str(results["dinkes"][0]), str(results["kecamatan"][0]),
                        "--recipients", str(recipients), "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and not tls_smtp.messages
    assert len(tls_smtp.logins) == 1, tls_smtp.logins
    assert "menolak login" in err and "kecamatan.json" in err and "dinkes.json" in err
    log = [json.loads(line) for line in (tmp_path / "out" / "send-log.jsonl").read_text().splitlines()]
    assert sorted(e["recipient"] for e in log if e["status"] == "failed") == [
        "dinkes@sukamaju.go.id", "kecamatan@sukamaju.go.id"]
    assert "wrong-password" not in err


def test_a_dead_server_costs_under_a_minute_per_message_at_the_defaults() -> None:
    """A server that accepts the connection and never answers used to cost 155-182 s per message
    at the default settings. Each attempt is bounded by the timeout (measured on a hanging
    server with a short one), and the defaults' worst case stays under a minute."""
    import time

    config = load_config(None, env={"LKIP_SMTP_HOST": "127.0.0.1", "LKIP_SMTP_FROM": "a@b.go.id"})
    worst = (config.retries + 1) * config.timeout + sum(
        config.delay(n) for n in range(1, config.retries + 1))
    assert worst <= 60, worst
    with socket.socket() as hang:
        hang.bind(("127.0.0.1", 0))
        hang.listen(8)  # accepts (the kernel does), never says a word
        quick = SmtpConfig(host="127.0.0.1", port=hang.getsockname()[1], sender="a@b.go.id",
                           security="none", retries=config.retries, timeout=0.3)
        msg = EmailMessage()
        msg["Subject"] = "x"
        msg.set_content("x")
        start = time.monotonic()
        outcome = send(quick, msg, ["c@d.go.id"], sleep=lambda s: None)
        elapsed = time.monotonic() - start
    assert outcome.attempts == config.retries + 1 and outcome.failed
    assert elapsed < (config.retries + 1) * 0.3 + 2, elapsed
