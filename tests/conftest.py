"""Fixtures shared by the test modules: a report checked once per session, a local SMTP server, and
the reviews of two synthetic PDFs for the e-mail tests. Plain helpers are in builders.py."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import ROOT, Checked, Sink

from lkip.model import Document

DINKES = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"
KECAMATAN = ROOT / "samples" / "synthetic" / "kecamatan-sukamaju-barat-2024.pdf"


@pytest.fixture(scope="session")
def checked() -> Checked:
    """``lkip.pipeline.check(path)``, once per path in the session: the Document, or the exception
    check raised, raised again at every call."""
    from lkip.pipeline import check

    done: dict[Path, Document | Exception] = {}

    def get(path: Path) -> Document:
        if path not in done:
            try:
                done[path] = check(path)
            except Exception as exc:  # noqa: BLE001 - kept, raised again to every caller
                done[path] = exc
        result = done[path]
        if isinstance(result, Exception):
            raise result
        return result

    return get


@pytest.fixture
def smtp() -> Iterator[Sink]:
    """A local SMTP server (aiosmtpd on 127.0.0.1) that keeps the envelopes it is sent."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = Sink()
    controller = controller_module.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


@pytest.fixture(scope="session")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Document]]:
    """name -> (its review as JSON, its Document) for a dinkes and a kecamatan PDF."""
    from lkip import pipeline
    from lkip.report.json import render_json

    folder = tmp_path_factory.mktemp("results")
    out = {}
    for name, pdf in (("dinkes", DINKES), ("kecamatan", KECAMATAN)):
        doc = pipeline.check(str(pdf))
        path = folder / f"{name}.json"
        path.write_text(render_json(doc), encoding="utf-8")
        out[name] = (path, doc)
    return out
