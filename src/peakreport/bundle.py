"""The package's own files: report notebooks, sample forum, and the report page's assets.

The repository keeps them where a reader looks for them (`notebooks/`, `params/`,
`data/sample/` at the top, as the design card draws it). A wheel cannot hold files
outside its package, so the build copies them into the package as `peakreport/bundled/`
with the same layout (see setup.py): the sample's params keep their relative paths. An
installed peakreport finds that copy; a clone (or an editable install) finds the
repository's own folders, so that an edit there is what runs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import PeakreportError

PACKAGE = Path(__file__).resolve().parent
SAMPLE = "forum-peak-2021.yaml"

# the report page's template and assets: shipped as package data (pyproject.toml)
TEMPLATES = PACKAGE / "templates"
PLOTLY_JS = TEMPLATES / "peakreport" / "vendor" / "plotly-basic.min.js"
PLOTLY_TRACE_TYPES = {"bar", "scatter", "pie"}  # what the basic bundle draws


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The vendored plotly.js (basic bundle), read once per process."""
    return PLOTLY_JS.read_text(encoding="utf-8")


# the maps' shapes (IGN ADMIN EXPRESS COG 2024, Licence Ouverte 2.0; built by
# scripts/build_geometry.py): shipped as package data too
GEO = PACKAGE / "notebook" / "geo"


@lru_cache(maxsize=2)
def geometry(kind: str) -> dict:
    """The bundled shapes: "departements" or "regions" (read once per process)."""
    import json

    return json.loads((GEO / f"{kind}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def drawn_shapes() -> frozenset[str]:
    """Every SVG path a map draws from the bundled geometry. They are the package's own
    drawing, not data: the privacy scan leaves them out (their 14,000 coordinates would
    otherwise cost it ~0.2 s of looking for phone numbers)."""
    out = set()
    for kind in ("departements", "regions"):
        geo = geometry(kind)
        out |= {s["d"] for s in geo[kind].values()}
        out |= {s["d"] for z in geo.get("zooms", []) for s in z.get(kind, {}).values()}
    return frozenset(out)


@lru_cache(maxsize=1)
def page_scripts() -> str:
    """plotly.js (inline, once) and the draw helper: read once per process, and the exact
    text the printer looks for to show a report in its warm page."""
    draw = (TEMPLATES / "peakreport" / "draw.js").read_text(encoding="utf-8")
    return ("<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
            f"<script>{plotly_js()}</script>\n<script>{draw}</script>")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The report's stylesheet (report.css)."""
    return (TEMPLATES / "peakreport" / "report.css").read_text(encoding="utf-8")


def root() -> Path:
    """The folder holding `notebooks/`, `params/` and `data/sample/`."""
    bundled = PACKAGE / "bundled"
    if (bundled / "notebooks").is_dir():
        return bundled
    clone = PACKAGE.parents[1]
    if (clone / "notebooks").is_dir() and (clone / "pyproject.toml").is_file():
        return clone
    raise PeakreportError(
        f"the report notebooks are not installed with peakreport ({bundled}): reinstall it "
        "from its wheel or from a clone")


def notebook(name: str) -> Path:
    """A bundled report notebook: event_report.ipynb or programme_report.ipynb."""
    path = root() / "notebooks" / name
    if not path.exists():
        raise PeakreportError(f"report notebook not found: {path}")
    return path


def sample_params(name: str = SAMPLE) -> Path:
    """The sample forum's params (or another file of the sample's `params/`)."""
    return root() / "params" / name


def copy_sample(dest: str | Path) -> list[Path]:
    """Copy the sample forums' exports and params into `dest`, a folder the user owns:
    `params/` (the four forums and the programme) and `data/sample/forum-peak-*/`, the
    layout of a clone, so that the params' relative paths (`../data/sample/…`) hold there
    and the commands the README and `--help` show (`peakreport validate
    params/forum-peak-2021.yaml`) work from `dest` as they do from a clone. Nothing is
    replaced: an existing file stops the copy before anything is written."""
    import shutil

    src = root()
    files = sorted(src.glob("params/*.yaml")) + sorted(
        f for f in src.glob("data/sample/forum-peak-*/*")
        if f.is_file() and f.name != "expected.json")  # expected.json: the tests' answers
    dest = Path(dest).expanduser()
    targets = [(f, dest / f.relative_to(src)) for f in files]
    existing = [t for _, t in targets if t.exists()]
    if existing:
        raise PeakreportError(f"{existing[0]} already exists: choose another folder (the "
                              "sample is never copied over existing files)")
    for f, t in targets:
        t.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, t)
    return [t for _, t in targets]


def new_notebook(name: str | Path, *, programme: bool = False,
                 params: str | Path | None = None) -> Path:
    """Write an editable copy of a bundled report notebook to `name` (.ipynb added).

    The bundled notebook stays as shipped (an upgrade replaces it); the copy is the
    author's. With `params`, the copy's `params_path` names that file relative to the
    copy's folder, which is JupyterLab's working directory when the copy is open. An
    existing file is never replaced.
    """
    import json
    import os

    path = Path(name).expanduser()
    if path.suffix != ".ipynb":
        path = path.with_name(path.name + ".ipynb")
    source = notebook("programme_report.ipynb" if programme else "event_report.ipynb")
    nb = json.loads(source.read_text(encoding="utf-8"))
    command = "programme PROGRAMME.yaml" if programme else "run PARAMS.yaml"
    intro = {
        "cell_type": "markdown", "id": "custom-00", "metadata": {"tags": ["author-note"]},
        "source": [f"# {path.stem} — a custom report\n", "\n",
                   "Made with `peakreport notebook new` from the bundled notebook. Add cells "
                   "anywhere: what a cell shows (a plotly figure, a pandas DataFrame, "
                   "`IPython.display.Markdown`) reaches report.html and report.pdf; code, "
                   "printed text and these notes do not.\n", "\n",
                   f"Build it: `peakreport {command} --notebook {path.name}`"],
    }
    nb["cells"] = [intro] + [c for c in nb["cells"][1:]]
    if params is not None:
        target = Path(params).expanduser().resolve()
        try:
            rel = os.path.relpath(target, path.resolve().parent)
        except ValueError:  # another drive (Windows)
            rel = str(target)
        cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        lines = "".join(cell["source"]).splitlines()
        lines = [f"params_path = {json.dumps(Path(rel).as_posix())}"
                 if ln.startswith("params_path") else ln for ln in lines]
        cell["source"] = [ln + "\n" for ln in lines[:-1]] + lines[-1:]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:
            json.dump(nb, f, ensure_ascii=False, indent=1)
            f.write("\n")
    except FileExistsError:
        raise PeakreportError(f"{path} already exists: choose another name (an existing "
                              "notebook is never replaced)") from None
    return path
