"""`change` in metrics.json: this forum against the previous one, and whether it is real.

Each tested figure gets its previous value, `delta` (this − previous, in the figure's own
unit: fractions stay fractions), `detectable` (the smallest change these sample sizes can
tell from chance) and `significant` (|delta| > detectable), by the tests of `stats`. A
count (attendees) is a census, not a sample: previous value and delta only. A figure null
on either side is null: nothing is compared with an unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .stats import compare

if TYPE_CHECKING:  # the report kernel formats changes without pandas or numpy
    from .metrics import Metrics

# metrics.json's keys, in the order the report shows them
COUNTS = ("registrations.attended",)
TESTED = ("registrations.attendance_rate", "audience.regional_share",
          "survey.satisfaction_mean", "survey.csat", "survey.nps", "survey.response_rate")
KEYS = (*COUNTS, *TESTED)


def value(data: dict[str, Any], key: str) -> Any:
    """metrics.json's value at a dotted key ("survey.nps"); None where a part is missing."""
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def change(now: Metrics, before: Metrics) -> dict[str, Any]:
    """`now` against `before` (the previous forum's metrics, computed as for its own
    report)."""
    ev = before.data["event"]
    out: dict[str, Any] = {"previous_event": {"id": ev["id"], "title": ev["title"],
                                              "date": ev["date"]}}
    for key in KEYS:
        a, b = value(now.data, key), value(before.data, key)
        if a is None or b is None:
            out[key] = None
        elif key in COUNTS:
            out[key] = {"previous": b, "delta": a - b}
        else:
            test = compare(now.samples[key], before.samples[key])
            detectable = None if test is None else test.detectable
            # judged on the delta written here, so that the JSON always agrees with itself
            out[key] = {"previous": b, "delta": a - b, "detectable": detectable,
                        "significant": None if detectable is None else abs(a - b) > detectable}
    return out
