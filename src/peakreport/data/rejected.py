"""The rows set aside, as a CSV that a spreadsheet opens safely (internal/rejected_*.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise cells that a spreadsheet would run as a formula (CSV injection)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            s = out[col].astype("string")
            risky = s.str.startswith(_FORMULA_START).fillna(False)
            if risky.any():
                out[col] = s.where(~risky, "'" + s)
    return out


def write_rejected(frame: pd.DataFrame | None, path: Path) -> None:
    """Write a rejected-rows CSV (UTF-8 with BOM so that Excel reads accents)."""
    if frame is None:
        return
    tmp = path.with_name(path.name + ".tmp")
    excel_safe(frame).to_csv(tmp, index=False, encoding="utf-8-sig")
    tmp.replace(path)
