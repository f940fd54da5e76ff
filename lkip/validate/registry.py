"""The list of rules and validate(doc), which runs them all and appends their findings."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from lkip.model import Document, Finding
from lkip.validate.base import Rule, finding_sort_key
from lkip.validate.gate import gate
from lkip.validate.rules import (
    average,
    capaian,
    category,
    change,
    cross_table,
    efisiensi,
    malformed_number,
    narrative,
    nomenklatur,
    persen,
    scale,
    total,
    unreadable,
)
from lkip.vocabulary import table_name

log = logging.getLogger(__name__)

RULES: list[Rule] = [
    capaian.RULE,
    persen.RULE,
    efisiensi.RULE,
    total.RULE,
    average.RULE,
    category.RULE,
    scale.RULE,
    narrative.RULE,
    change.RULE,
    cross_table.RULE,
    malformed_number.RULE,
    nomenklatur.RULE,
    unreadable.RULE,
]


def run_rule(rule: Rule, doc: Document) -> list[Finding]:
    """One rule's findings; a rule that breaks is logged and reported as an info finding instead
    of stopping the others."""
    try:
        return rule.check(doc)
    except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others
        log.exception("rule %s failed on %s", rule.id, doc.source.path)
        return [Finding.of("rule.failed", {
            "rule": rule.id, "error_id": type(exc).__name__,  # Python's message is English
            "error_en": f"{type(exc).__name__}: {exc}"}, rule=rule.id, severity="info")]


def validate(doc: Document) -> None:
    """Run every rule on ``doc`` and append the findings, in reading order (page, then table),
    once the plausibility gate has weighed the readings they rest on."""
    findings: list[Finding] = []
    for rule in RULES:
        found = run_rule(rule, doc)
        if rule.id != unreadable.ID:  # a figure the scan does not show for certain accuses no one
            found = [f for f in found if not unreadable.rests_on_unreadable(f, doc)]
        log.debug("rule %s: %d findings", rule.id, len(found))
        findings.extend(found)
    ids = {t.id for t in doc.tables}
    doc.findings.extend(name_tables(f, ids) for f in gate(doc, findings))
    doc.findings.sort(key=finding_sort_key)


_UNCAPTIONED = re.compile(r"\bT\d+\.\d+\b")


def name_tables(f: Finding, ids: set[str]) -> Finding:
    """The finding's messages with uncaptioned tables named as a reader finds them ('tabel tanpa
    nomor di hal. 25 (ke-2)') instead of lkip's id ('T25.2', kept in ``table`` for machines).
    The rendered text is what changes: the key and parameters keep the id, as ``table`` does."""
    def named(lang: str) -> Callable[[re.Match], str]:
        return lambda m: table_name(m.group(0), lang) if m.group(0) in ids else m.group(0)

    message, message_en = (_UNCAPTIONED.sub(named("id"), f.message),
                           _UNCAPTIONED.sub(named("en"), f.message_en))
    if (message, message_en) == (f.message, f.message_en):
        return f
    return f.model_copy(update={"message": message, "message_en": message_en})
