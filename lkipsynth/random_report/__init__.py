"""The parts of the random report generator; ``lkipsynth.random_truth`` is its entry point.

Bottom to top: specs (the typed shapes of blocks, tables, rows and planted errors), places,
agencies, scales, figures (numbers as printed), nomenklatur, indicators,
budget (the budget tree), content (``Gen``: one report's draws), slips (planting errors),
table_parts, indicator_tables, budget_tables, prose, layout (pages), document (the report in
order), audit (what does not add up).
"""
