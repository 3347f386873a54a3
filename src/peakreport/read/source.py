"""One export read and recognised: its table, its platform, and which column is which."""

from __future__ import annotations

from pathlib import Path

from ..errors import ParamsError
from ..params import SourceParams
from .load import Table, read_table
from .mapping import Mapping, map_columns
from .presets import BY_NAME
from .presets import detect as detect_preset
from .presets import names as preset_names


def read_source(src: SourceParams, kind: str, extra: tuple[str, ...] = (), *,
                params_file: Path | None = None) -> tuple[Table, Mapping]:
    """Read one export and recognise its platform; returns (table, mapping).

    A preset named in the params that does not exist, or that reads the other kind of
    export, is a params error naming `params_file`."""
    if src.preset not in ("auto", "generic", *BY_NAME):
        raise ParamsError(f"{kind}.preset: unknown preset {src.preset!r} (known: auto, "
                          f"generic, {', '.join(BY_NAME)})", path=params_file)
    table = read_table(src, kind, extra_headers=extra)
    if src.preset == "generic":
        preset = None
    elif src.preset != "auto":
        preset = BY_NAME[src.preset]
        if preset.kind != kind:
            raise ParamsError(f"{kind}.preset: {src.preset!r} is a {preset.kind} preset "
                              f"(for {kind}: {', '.join(preset_names(kind))})",
                              path=params_file)
    else:
        preset = detect_preset(table.headers, kind)
    if (preset is not None and preset.header_rows != table.header_rows
            and "header_rows" not in src.model_fields_set):
        src = src.model_copy(update={"header_rows": preset.header_rows,
                                     "header_row": table.header_row})
        table = read_table(src, kind, extra_headers=extra)
        table.detected["header_rows"] = f"{preset.header_rows} (preset {preset.name})"
    if preset is not None:
        how = "params" if src.preset != "auto" else "recognised by its headers"
        table.detected["preset"] = f"{preset.name} ({how})"
        for f, labels in preset.values.items():  # the params' own labels win
            src.values[f] = {**labels, **src.values.get(f, {})}
    return table, map_columns(table, src, kind, preset)
