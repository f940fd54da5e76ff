"""``lkip batch``: review an archive of reports in parallel worker processes (or on a Dask cluster),
resumable, one failing file never stopping the others.

OUTDIR after a run::

    reports/<input path>.json, .html   the review of each report (the JSON contract and the HTML)
    summary.csv, summary.xlsx          one row per input: instansi, tahun, pages, counts, status
    catalog.sqlite                     reports, findings, indicators, budget_lines (to query)
    cross_year.json                    findings that compare reports of one instansi across years
    state/documents/<sha256>.json      the full Document of each report read (catalog, cross-year)
    state/results/<sha256>.json        what became of each input; written last, it is what a
                                       rerun reads to skip a report already done by this version

Modules: ``discover`` (inputs), ``work`` (the job on one file), ``child`` and ``slot`` (a worker
process and its parent side: time limit, crash), ``pool`` (local workers), ``dask`` (a cluster),
``store`` (atomic writes, records), ``summary``, ``catalog``, ``crossyear``, ``run`` (all of it).
"""
