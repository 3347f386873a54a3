"""The package's shape stays what docs/architecture.md's map says: stages in order, imports one way.

Every import counts, function-level and TYPE_CHECKING ones included: an import hidden in
a function is still a dependency, and a loop through one is still a loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
STAGES = ("read", "data", "measure", "notebook", "publish")  # in pipeline order
SHARED = {"errors", "text", "i18n", "territory", "params", "privacy", "bundle"}
ENTRY = {"cli", "__main__", "__init__"}  # the command line and the package face: above all


def modules(src: Path, package: str) -> dict[str, Path]:
    out = {}
    for f in (src / package).rglob("*.py"):
        rel = f.relative_to(src).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = f
    return out


def imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in its body)."""
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                base = here[: len(here) - node.level + 1] if node.level else []
                stem = ".".join(base + ([node.module] if node.module else []))
                targets = [stem] + [f"{stem}.{a.name}" for a in node.names]
            else:
                continue
            for t in targets:
                while t and t not in mods:
                    t = t.rpartition(".")[0]
                # a package's own __init__ is its face, not a dependency of its modules
                if t and t != name and not name.startswith(t + "."):
                    edges[name].add(t)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def layer(module: str) -> tuple[str, int]:
    """("entry"|"shared"|"stage"|"unknown", rank): a module may import ranks up to its own."""
    parts = module.split(".")
    if len(parts) == 1:
        return "entry", 99
    if parts[1] in STAGES:
        return "stage", 10 + STAGES.index(parts[1])
    if len(parts) == 2 and parts[1] in SHARED:
        return "shared", 0
    if len(parts) == 2 and parts[1] in ENTRY:
        return "entry", 99
    return "unknown", -1


def violations(edges: dict[str, set[str]]) -> list[str]:
    """Imports against the rule: shared modules import only shared ones; a stage imports
    the shared modules and earlier stages (and itself); only the entry imports anything."""
    bad = []
    for m, targets in edges.items():
        kind, rank = layer(m)
        if kind == "unknown":
            bad.append(f"{m} is neither a stage's, a shared module nor the entry")
            continue
        for t in targets:
            t_kind, t_rank = layer(t)
            if t_kind == "entry" and t.count(".") == 0:
                continue  # the package face (`from .. import __version__`)
            if t_rank > rank or (kind == "shared" and t_kind != "shared"):
                bad.append(f"{m} imports {t}")
    return sorted(bad)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return imports(modules(SRC, "peakreport"))


def test_no_import_cycle_between_modules(graph):
    assert cycles(graph) == []


def test_no_cycle_between_stage_folders(graph):
    folders: dict[str, set[str]] = {s: set() for s in STAGES}
    for m, targets in graph.items():
        a = m.split(".")[1] if m.count(".") >= 1 else None
        for t in targets:
            b = t.split(".")[1] if t.count(".") >= 1 else None
            if a in folders and b in folders and a != b:
                folders[a].add(b)
    assert cycles(folders) == []


def test_imports_flow_one_way(graph):
    assert violations(graph) == []


def test_the_top_level_holds_only_the_shared_modules_and_the_entry():
    top = {f.stem for f in (SRC / "peakreport").glob("*.py")}
    assert top == SHARED | ENTRY


def test_every_stage_folder_says_its_job_and_what_it_may_import():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((SRC / "peakreport" / stage / "__init__.py")
                                          .read_text(encoding="utf-8")))
        assert doc and doc.startswith(f"Stage {STAGES.index(stage) + 1} of 5, {stage}:")
        assert "May import:" in doc


def test_the_checks_find_a_cycle_and_an_upward_import(tmp_path):
    # the rule's checker, on a package made to break it: it must see both faults
    pkg = tmp_path / "peakreport"
    for folder in ("", "read", "measure"):
        (pkg / folder).mkdir(exist_ok=True)
        (pkg / folder / "__init__.py").write_text('"""x"""\n')
    (pkg / "read" / "load.py").write_text("def f():\n    from ..measure import metrics\n")
    (pkg / "measure" / "metrics.py").write_text("from ..read.load import f\n")
    (pkg / "errors.py").write_text("from .read import load\n")
    edges = imports(modules(tmp_path, "peakreport"))
    assert cycles(edges) == [["peakreport.measure.metrics", "peakreport.read.load"]]
    found = violations(edges)
    assert "peakreport.errors imports peakreport.read.load" in found
    assert "peakreport.read.load imports peakreport.measure.metrics" in found
    assert not any(v.startswith("peakreport.measure.metrics") for v in found)  # downward


def test_old_documented_import_paths_still_work():
    import peakreport.display
    import peakreport.render
    from peakreport.programme_notebook import ProgrammeReport as Old

    from peakreport.notebook import display, fragments
    from peakreport.notebook.programme import ProgrammeReport

    assert peakreport.display is display and peakreport.render is fragments
    assert peakreport.display.table is display.table and peakreport.render.esc("<") == "&lt;"
    assert Old is ProgrammeReport
