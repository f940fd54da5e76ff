"""Planting errors: the plausible slip of a figure, and the total / persen / efisiensi slips on a
budget tree (the other kinds are planted by the table that prints the figure)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import NamedTuple

from lkipsynth.random_report.budget import Node
from lkipsynth.random_report.content import Gen
from lkipsynth.random_report.figures import D, idn, q


def wrong_figure(rng: random.Random, v: Decimal, dec: int) -> Decimal:
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


class BudgetSlip(NamedTuple):
    """A slip planted on a budget line, recorded once the table's caption is known."""

    rule: str
    node: Node
    field: str
    wrong: Decimal
    right: Decimal
    note: str


def plant_budget(g: Gen, root: Node, table_id_holder: list[BudgetSlip], fields: list[str],
                 with_codes: bool) -> None:
    """Plant total / persen / efisiensi slips on the budget tree (recorded later, once the caption
    is known)."""
    r = g.rng
    lines = [n for p in root.children for n in (p.walk() if with_codes else [p])]
    if "total" in g.plant and g.budget_total_target == "budget":
        parents = ([n for n in lines if len(n.children) >= 2] if with_codes else []) + [root]
        node = r.choice(parents)
        fld = r.choice(["anggaran", "realisasi"])
        right = D(node.true(fld))
        wrong = wrong_figure(r, right, 0)
        node.over[fld] = wrong
        table_id_holder.append(BudgetSlip(
            "total", node, fld, wrong, right, f"its {len(node.children)} lines add up to {idn(right)}"
        ))
    if "persen" in g.plant:
        node = r.choice(lines)
        right = q(node.stated("realisasi") / node.stated("anggaran") * 100, 2)
        wrong = wrong_figure(r, right, 2)
        node.over["persen"] = wrong
        table_id_holder.append(
            BudgetSlip(
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
        wrong = wrong_figure(r, right, 0) if right else D(r.randint(1, 9) * 100000)
        node.over["efisiensi"] = wrong
        table_id_holder.append(
            BudgetSlip(
                "efisiensi",
                node,
                "efisiensi",
                wrong,
                right,
                f"{idn(node.stated('anggaran'))} - {idn(node.stated('realisasi'))}",
            )
        )
