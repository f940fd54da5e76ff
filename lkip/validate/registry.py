"""The list of rules and validate(doc), which runs them all and appends their findings."""

from __future__ import annotations

import logging

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
        return [Finding(
            rule=rule.id, severity="info",
            message=f"Pemeriksaan '{rule.id}' tidak dapat dijalankan ({type(exc).__name__}).",
            message_en=f"Check '{rule.id}' could not be run ({type(exc).__name__}: {exc}).",
        )]


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
    doc.findings.extend(gate(doc, findings))
    doc.findings.sort(key=finding_sort_key)
