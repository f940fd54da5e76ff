"""The layers of ``lkip`` only point down, and no modules import each other in a circle.

Every module under ``lkip/`` is parsed with ``ast``; each ``import`` of an lkip module is an
edge, wherever it stands (top level, inside a function, under ``TYPE_CHECKING``): an import put
inside a function to dodge a cycle is still a dependency. Imports of other packages are not looked
at (lazy imports of optional dependencies are fine). Each module belongs to the first layer in
``LAYERS`` with a pattern that matches it; an import of a module in a higher layer fails, and so
does a cycle between modules, within a layer too. ``ALLOWED`` names the edges that still break a
rule, each with the reason it is there; an entry that no longer matches an import fails too, so the
list only shrinks.
"""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lkip"

# Bottom first. A pattern is an fnmatch pattern on the dotted module name ('lkip.extract.ocr*').
LAYERS: list[tuple[str, list[str]]] = [
    # the document model, errors, the label catalogue, the words the reports use
    # and how reports are read (options: resolved once, handed down)
    ("base", ["lkip", "lkip.model", "lkip.errors", "lkip.progress", "lkip.i18n", "lkip.vocabulary",
              "lkip.options", "lkip.messages"]),
    # numbers and OCR-tolerant words, read the same way by every stage
    ("words", ["lkip.normalize", "lkip.normalize.numbers", "lkip.normalize.ocr_words"]),
    # the packaged Permendagri 90/2019 nomenklatur and its matcher
    ("nomenklatur", ["lkip.nomenklatur", "lkip.nomenklatur.*"]),
    # geometry of a page: characters, lines, rulings, frames
    ("extract.geometry", ["lkip.extract", "lkip.extract.frame", "lkip.extract.rulings",
                          "lkip.extract.grid", "lkip.extract.lines", "lkip.extract.layout"]),
    # images and OCR, bottom up: the words and pages OCR gives (ocr_page), Tesseract (tesseract),
    # page images and their orientation (raster), the OCR worker pool (ocr_pool), the page reader
    # that runs the pool (ocr)
    ("extract.ocr", ["lkip.extract.ocr_page", "lkip.extract.tesseract", "lkip.extract.raster",
                     "lkip.extract.ocr_pool", "lkip.extract.ocr"]),
    # tables found in laid-out lines (captioned, uncaptioned, flattened) and their kinds
    # (tables: build_table over table_header, line_parts, columns, row_groups, row_sections, row_cells)
    ("extract.tables", ["lkip.extract.kinds", "lkip.extract.regions", "lkip.extract.line_parts",
                        "lkip.extract.columns", "lkip.extract.table_header",
                        "lkip.extract.row_sections", "lkip.extract.row_groups",
                        "lkip.extract.row_cells", "lkip.extract.tables",
                        "lkip.extract.uncaptioned", "lkip.extract.flat",
                        "lkip.extract.column_roles", "lkip.extract.grid_tables"]),
    # the readers that turn one input (text, PDF, scan) into a Document
    ("extract.readers", ["lkip.extract.page_text", "lkip.extract.text", "lkip.extract.pdf_text",
                         "lkip.extract.scanned", "lkip.extract.image"]),
    # interpretation: indicator and budget views, nomenklatur of the budget lines
    ("normalize", ["lkip.normalize.views", "lkip.normalize.nomenklatur"]),
    # what the rules share: arithmetic, the rule base, names, prose, rating bands, the gate
    ("validate.core", ["lkip.validate", "lkip.validate.arith", "lkip.validate.base",
                       "lkip.validate.names", "lkip.validate.prose", "lkip.validate.bands",
                       "lkip.validate.handmade", "lkip.validate.gate"]),
    ("validate.rules", ["lkip.validate.rules", "lkip.validate.rules.*"]),
    ("validate", ["lkip.validate.registry", "lkip.validate.cross_year"]),
    # check(path): input -> extraction -> views -> rules
    ("pipeline", ["lkip.pipeline"]),
    # the review in every format
    ("report", ["lkip.report", "lkip.report.i18n", "lkip.report.files", "lkip.report.score",
                "lkip.report.summary", "lkip.report.crops", "lkip.report.json", "lkip.report.md",
                "lkip.report.text", "lkip.report.html", "lkip.report.xlsx"]),
    # delivery by e-mail
    ("deliver", ["lkip.report.email", "lkip.report.send"]),
    ("batch", ["lkip.batch", "lkip.batch.*"]),
    ("cli.common", ["lkip.cli.common"]),
    ("cli.commands", ["lkip.cli.check", "lkip.cli.nomenklatur", "lkip.cli.email", "lkip.cli.batch"]),
    ("cli", ["lkip.cli", "lkip.cli.__main__"]),
]

# (importer, imported) -> why the edge is still there, for an import that breaks a rule while other
# work is changing its file; the fix is named so that whoever is next in the file can make it and
# drop the entry. Empty: every import points down and none is in a circle.
ALLOWED: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _resolve(name: str) -> str:
    """The module a dotted name lives in ('lkip.report.i18n.label' -> 'lkip.report.i18n')."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str, path: Path) -> set[str]:
    """The lkip modules that ``module`` imports, anywhere in its file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(_resolve(alias.name) for alias in node.names
                         if alias.name.split(".")[0] == "lkip")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base.split(".")[0] != "lkip":
                continue
            for alias in node.names:  # `from lkip.extract import raster` imports a module
                found.add(_resolve(f"{base}.{alias.name}"))
    found.discard(module)
    return found


EDGES: dict[str, set[str]] = {module: imports_of(module, path) for module, path in MODULES.items()}


def layer_of(module: str) -> int:
    for index, (_name, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, pattern) for pattern in patterns):
            return index
    raise LookupError(module)


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a module in a higher layer, as 'importer (layer) -> imported (layer)'."""
    out = []
    for importer, imported in sorted((a, b) for a, bs in edges.items() for b in bs):
        if (importer, imported) in ALLOWED:
            continue
        if layer_of(imported) > layer_of(importer):
            out.append(f"{importer} ({LAYERS[layer_of(importer)][0]}) -> "
                       f"{imported} ({LAYERS[layer_of(imported)][0]})")
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    graph = {a: sorted(b for b in bs if (a, b) not in ALLOWED) for a, bs in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_every_module_has_a_layer() -> None:
    unplaced = []
    for module in MODULES:
        try:
            layer_of(module)
        except LookupError:
            unplaced.append(module)
    assert not unplaced, f"modules in no layer (add them to LAYERS): {unplaced}"


def test_imports_only_point_down() -> None:
    bad = upward(EDGES)
    assert not bad, "imports that point up a layer:\n  " + "\n  ".join(bad)


def test_no_import_cycles() -> None:
    found = cycles(EDGES)
    assert not found, "modules that import each other in a circle:\n  " + "\n  ".join(
        " <-> ".join(component) for component in found)


def test_allowed_edges_still_exist() -> None:
    """An allowlist entry whose import is gone must go too (the list only shrinks)."""
    stale = [edge for edge in ALLOWED if edge[1] not in EDGES.get(edge[0], set())]
    assert not stale, f"allowlisted imports that are no longer there (remove them): {stale}"


def test_the_runtime_package_does_not_import_the_generator_or_the_tests() -> None:
    offenders = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{module} -> {n}" for n in names if n.split(".")[0] in {"lkipsynth", "tests"}]
    assert not offenders, offenders


@pytest.mark.parametrize(("edges", "expect_up", "expect_cycle"), [
    ({"lkip.model": {"lkip.pipeline"}, "lkip.pipeline": {"lkip.model"}}, True, True),
    ({"lkip.pipeline": {"lkip.model"}}, False, False),
    ({"lkip.report.md": {"lkip.report.text"}, "lkip.report.text": {"lkip.report.md"}}, False, True),
])
def test_the_checks_can_fail(edges: dict[str, set[str]], expect_up: bool, expect_cycle: bool) -> None:
    """The checks themselves: an upward import and a cycle are found, a downward import is not."""
    assert bool(upward(edges)) is expect_up
    assert bool(cycles(edges)) is expect_cycle


# (importer, imported module) -> why an lkip module is imported inside a function there rather than
# at the top; every other in-function import of an lkip module fails test_no_lazy_lkip_imports
# (issue 13: lazy imports only for optional dependencies or a measured start-up cost). Start-up:
# `python -X importtime -c "import lkip.cli"`; PIL, numpy and pdfplumber add 0.2-0.3 s to lkip --help.
LAZY_ALLOWED: dict[tuple[str, str], str] = {
    ("lkip.pipeline", "lkip.extract.pdf_text"): "start-up: pdfplumber, PIL, numpy",
    ("lkip.pipeline", "lkip.extract.image"): "start-up: PIL, numpy",
    ("lkip.pipeline", "lkip.extract.raster"): "start-up: PIL, numpy",
    ("lkip.pipeline", "lkip.extract.scanned"): "start-up: PIL, numpy",
    ("lkip.extract.pdf_text", "lkip.extract.ocr"): "start-up: PIL, numpy, only for a PDF without text",
    ("lkip.report.crops", "lkip.extract.raster"): "start-up: PIL, numpy, only for crops of a PDF",
    ("lkip.batch.discover", "lkip.extract.raster"): "start-up: PIL, numpy, only to count pages",
    ("lkip.batch.run", "lkip.batch.dask"): "optional dependency: dask[distributed] ([cluster])",
    ("lkip.batch.child", "lkip.batch.work"): "imported after OMP_THREAD_LIMIT and the affinity are set",
    ("lkip.batch.child", "lkip.normalize.views"): "warm-up: imported once per worker, on purpose",
    ("lkip.batch.child", "lkip.pipeline"): "warm-up: imported once per worker, on purpose",
    ("lkip.batch.child", "lkip.report.html"): "warm-up: imported once per worker, on purpose",
    ("lkip.batch.child", "lkip.validate.registry"): "warm-up: imported once per worker, on purpose",
}


def lazy_imports_of(module: str, path: Path) -> set[str]:
    """The lkip modules that ``module`` imports inside a function (``def``, ``async def``, lambda)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    inner = ast.Module(body=[], type_ignores=[])
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inner.body.extend(n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    return _imports_in(module, path, inner)


def _imports_in(module: str, path: Path, tree: ast.AST) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(_resolve(alias.name) for alias in node.names if alias.name.split(".")[0] == "lkip")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base.split(".")[0] == "lkip":
                found.update(_resolve(f"{base}.{alias.name}") for alias in node.names)
    found.discard(module)
    return found


LAZY: dict[str, set[str]] = {module: lazy_imports_of(module, path) for module, path in MODULES.items()}


def test_no_lazy_lkip_imports() -> None:
    """An lkip module imported inside a function hides a dependency (or a cycle): at the top, unless
    LAZY_ALLOWED gives the reason."""
    bad = sorted(f"{a} imports {b} inside a function" for a, bs in LAZY.items() for b in bs
                 if (a, b) not in LAZY_ALLOWED)
    assert not bad, "move these imports to the top of the module:\n  " + "\n  ".join(bad)


def test_lazy_allowed_still_exist() -> None:
    stale = [edge for edge in LAZY_ALLOWED if edge[1] not in LAZY.get(edge[0], set())]
    assert not stale, f"LAZY_ALLOWED entries with no such import any more (remove them): {stale}"


def test_a_lazy_import_is_found() -> None:
    source = "import os\n\ndef f():\n    from lkip.model import Document\n    import lkip.errors\n"
    tree = ast.parse(source)
    inner = ast.Module(body=[n for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)
                             for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)],
                       type_ignores=[])
    assert _imports_in("lkip.cli", PACKAGE / "cli" / "__init__.py", inner) == {"lkip.model", "lkip.errors"}
