"""The params file: a typed model shared by the CLI and the Python API.

Why pydantic with `extra="forbid"`: a misspelt key (`registration:` for
`registrations:`) must stop the run with a message naming it, not be ignored.
Dates are read as text by the YAML loader so that `2021-02-30` reaches the
model and gets a sentence, not a constructor traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ParamsError
from .territory import DEPARTEMENTS, REGIONS

# The contract's vocabulary (SPEC.md): the canonical fields a `columns:` key may name,
# and the organisation types `community` labels map to.
REGISTRATION_FIELDS = (
    "email", "first_name", "last_name", "organisation", "community", "sector",
    "company_size", "postcode", "status", "checked_in", "registered_at",
)
SURVEY_FIELDS = ("email", "submitted_at", "satisfaction", "nps", "comment", "would_join_next")
# An attendance list (a hybrid forum's Zoom or Teams report, a sign-in sheet): who it names,
# and what says they were there — a mark, a join time, a duration, or being listed at all.
ATTENDANCE_FIELDS = ("email", "name", "first_name", "last_name", "organisation", "present",
                     "joined_at", "duration")
ATTENDANCE_MODES = ("onsite", "online")
COMMUNITIES = ("company", "training", "institution", "expert", "other")

TARGET_KEYS = {
    # key: True when higher is better
    "registered": True, "attended": True, "attendance_rate": True, "no_show_rate": False,
    "regional_share": True, "responses": True, "response_rate": True,
    "satisfaction_mean": True, "csat": True, "nps": True, "would_join_next_share": True,
}
PROGRAMME_TARGET_KEYS = {
    "unique_participants": True, "unique_organisations": True, "regional_share": True,
    "satisfaction_mean": True, "nps": True, "attended": True,
}
# canonical field -> what its `values:` may map labels to
VALUE_DOMAINS: dict[str, tuple[Any, ...]] = {
    "community": COMMUNITIES,
    "status": ("cancelled", "active", "waitlisted"),
    "checked_in": (True, False),
    "present": (True, False),
    "satisfaction": (1, 2, 3, 4, 5),
    "nps": tuple(range(11)),
    "would_join_next": (True, False),
    # a grid's answers (survey.sessions): a score, or "not_attended" (counted apart)
    "sessions": (*range(11), "not_attended"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class EventInfo(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    title: Annotated[str, Field(min_length=1)]
    date: dt.date
    venue: str | None = None
    organiser: str | None = None
    programme: str | None = None
    funders: list[str] = []


class SourceParams(_Model):
    path: Path
    preset: str = "auto"  # auto, generic or a preset's name: checked by `read.source`
    sheet: str | int | None = None
    header_row: Annotated[int, Field(ge=1)] | None = None
    header_rows: Literal[1, 2] = 1
    encoding: str = "auto"
    delimiter: str = "auto"
    date_format: str | None = None
    columns: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = {}
    # input limits (limits.py): a file past them exits 2 before it is read
    max_rows: Annotated[int, Field(ge=1)] = 5_000_000
    max_xlsx_ratio: Annotated[float, Field(gt=1)] = 100

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, v: str | None) -> str | None:
        return _check_date_format(v)

    # the canonical fields `columns:` may name: each kind of export has its own
    FIELDS: ClassVar[tuple[str, ...]] = tuple(
        dict.fromkeys((*REGISTRATION_FIELDS, *SURVEY_FIELDS, *ATTENDANCE_FIELDS)))

    @field_validator("columns")
    @classmethod
    def _columns(cls, v: dict[str, str]) -> dict[str, str]:
        return _check_fields(v, cls.FIELDS)

    @field_validator("values")
    @classmethod
    def _values(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return _check_values(v)

    @field_validator("delimiter", mode="before")
    @classmethod
    def _tab(cls, v: Any) -> Any:
        # a YAML "\t" is a TAB character, which whitespace stripping would empty
        return "tab" if isinstance(v, str) and "\t" in v and not v.strip() else v

    @field_validator("columns", "values", mode="before")
    @classmethod
    def _empty(cls, v: Any) -> Any:
        return {} if v is None else v  # `columns:` with nothing under it

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, v: str) -> str:
        v = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(v, v)
        if v not in ("auto", ",", ";", "\t", "|"):
            raise ValueError('must be auto, ",", ";", "\\t" or "|"')
        return v

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, v: str) -> str:
        import codecs

        if v != "auto":
            try:
                codecs.lookup(v)
            except LookupError:
                raise ValueError(f"unknown encoding {v!r}") from None
        return v


class RegistrationsParams(SourceParams):
    FIELDS: ClassVar[tuple[str, ...]] = REGISTRATION_FIELDS


class GridParams(_Model):
    """One grid question of `survey.sessions`, when more than its short label is given."""

    label: str | None = None          # the question's short label in the report
    sessions: dict[str, str] = {}     # a row as the export writes it -> its label


class SurveyParams(SourceParams):
    FIELDS: ClassVar[tuple[str, ...]] = SURVEY_FIELDS

    questions: dict[str, str] = {}
    # grid questions rating sessions (read.grids): true (the default) finds them by their
    # headers and answers; false finds none; a mapping names them, question -> short label
    # (or {label, sessions}), and only those are read
    sessions: bool | dict[str, str | GridParams] = True
    # comment themes (measure.themes): a theme named like a bundled one replaces its
    # words, a new name adds a theme, an empty list removes the bundled theme
    themes: dict[str, list[str]] = {}

    @field_validator("themes")
    @classmethod
    def _themes(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in v.items():
            if not str(name).strip():
                raise ValueError("a theme needs a name")
            if any(not str(w).strip() for w in words):
                raise ValueError(f"theme {name!r}: a word is blank")
        return v


def _check_fields(columns: dict[str, str], allowed: tuple[str, ...]) -> dict[str, str]:
    for key in columns:
        if key not in allowed:
            raise ValueError(f"unknown field {key!r} (known fields: {', '.join(allowed)})")
    return columns


def _check_values(values: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    for field, mapping in values.items():
        if field not in VALUE_DOMAINS:
            raise ValueError(
                f"labels cannot be mapped for {field!r} (fields with labels: "
                f"{', '.join(VALUE_DOMAINS)})"
            )
        domain = VALUE_DOMAINS[field]
        for label, value in mapping.items():
            if field in ("checked_in", "present", "would_join_next") and isinstance(value, str):
                value = value.strip().lower() in ("yes", "true", "oui", "1")
                mapping[label] = value
            if field == "status" and isinstance(value, str):
                value = value.strip().lower()
                mapping[label] = value
            if field == "sessions" and isinstance(value, str):
                value = value.strip().lower().replace(" ", "_")
                value = "not_attended" if value in ("n/a", "na", "not_attended") else value
                mapping[label] = value
            if value not in domain:
                raise ValueError(
                    f"{field}: label {label!r} maps to {value!r}, which is not one of "
                    f"{', '.join(map(str, domain))}"
                )
    return values


def _check_date_format(v: str | None) -> str | None:
    """A strptime format the date parser accepts: an unknown code (`%Q`) or one it
    cannot use alone (`%U` without a day) is a params error, not a crash."""
    if v is None:
        return v
    if "%" not in v:
        raise ValueError("has no % code (write e.g. '%d/%m/%Y %H:%M')")
    import pandas as pd

    try:
        pd.to_datetime(pd.Series(["x"]), format=v, errors="coerce")
    except ValueError as exc:
        raise ValueError(f"{exc} (codes: %d day, %m month, %Y year, %H hour, %M minute, "
                         "%S second)") from None
    return v


class ProgrammeReportParams(_Model):
    """What a custom programme report may show (`report:` in the programme params)."""

    # images from custom cells (a matplotlib PNG, an <img>): refused in funder outputs
    # unless allowed here, since the privacy scan cannot read them; listed when allowed
    allow_images: bool = False


class ReportParams(ProgrammeReportParams):
    """What the forum report adds beyond its fixed sections, and what a custom report may
    show (`report:` in the params)."""

    # registration columns (source headers, or canonical fields such as `community`) to
    # break registered, attended, attendance rate and satisfaction down by
    breakdown: list[str] = []


class AttendanceParams(SourceParams):
    """One attendance list of a hybrid forum: `mode` says where its people were (auto:
    online for a video-conference report, on site otherwise)."""

    FIELDS: ClassVar[tuple[str, ...]] = ATTENDANCE_FIELDS

    mode: Literal["onsite", "online", "auto"] = "auto"


class Privacy(_Model):
    min_group_size: Annotated[int, Field(ge=1)] = 5
    comments: Literal["scrubbed", "exclude"] = "scrubbed"


Territory = str | list[str] | None


def _check_territory(v: Territory) -> Territory:
    if v is None:
        return v
    if isinstance(v, str):
        if v not in REGIONS:
            raise ValueError(f"unknown region {v!r} (known: {', '.join(REGIONS)})")
        return v
    codes = [str(c).strip().upper().zfill(2) for c in v]
    for c in codes:
        if c not in DEPARTEMENTS:
            raise ValueError(f"unknown département code {c!r}")
    return codes


# the values a target can take: rates are fractions (0.6 for 60 %)
TARGET_RANGES = {
    "attendance_rate": (0, 1), "no_show_rate": (0, 1), "regional_share": (0, 1),
    "response_rate": (0, 1), "csat": (0, 1), "would_join_next_share": (0, 1),
    "satisfaction_mean": (1, 5), "nps": (-100, 100),
}


def _check_targets(v: dict[str, int | float], known: dict[str, bool]) -> dict[str, int | float]:
    import math

    for key, value in v.items():
        if key not in known:
            raise ValueError(f"unknown target {key!r} (known: {', '.join(known)})")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{key}: {value!r} is not a number (write it without quotes)")
        if not math.isfinite(value):
            raise ValueError(f"{key}: {value!r} is not a finite number")
        low, high = TARGET_RANGES.get(key, (0, math.inf))
        if value < low or value > high:
            hint = " (a rate is a fraction: 0.6 for 60 %)" if high == 1 else ""
            span = f"within {low}–{high:g}" if high != math.inf else f"at least {low}"
            raise ValueError(f"{key}: {value!r} must be {span}{hint}")
    return v


class EventParams(_Model):
    event: EventInfo
    language: Literal["fr", "en"] = "fr"
    territory: str | list[str | int] | None = None
    registrations: RegistrationsParams
    survey: SurveyParams | None = None
    # a hybrid forum's attendance lists (Zoom, Teams, a sign-in sheet…)
    attendance: list[AttendanceParams] = []
    targets: dict[str, int | float] = {}
    privacy: Privacy = Privacy()
    report: ReportParams = ReportParams()
    # params files of earlier forums: who attended one of them is "returning" here
    history: list[Path] = []

    source: Path | None = None  # the params file itself; set by load_params

    @field_validator("territory")
    @classmethod
    def _territory(cls, v: Any) -> Territory:
        return _check_territory(v)

    @field_validator("targets", mode="before")
    @classmethod
    def _targets(cls, v: Any) -> Any:
        return _check_targets(v, TARGET_KEYS) if isinstance(v, dict) else v


class ProgrammeInfo(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    title: Annotated[str, Field(min_length=1)]
    funders: list[str] = []


class ProgrammeParams(_Model):
    programme: ProgrammeInfo
    language: Literal["fr", "en"] = "fr"
    forums: Annotated[list[Path], Field(min_length=1)]
    targets: dict[str, int | float] = {}
    territory: str | list[str | int] | None = None
    privacy: Privacy = Privacy()
    report: ProgrammeReportParams = ProgrammeReportParams()  # breakdowns are each forum's
    source: Path | None = None

    @field_validator("territory")
    @classmethod
    def _territory(cls, v: Any) -> Territory:
        return _check_territory(v)

    @field_validator("targets", mode="before")
    @classmethod
    def _targets(cls, v: Any) -> Any:
        return _check_targets(v, PROGRAMME_TARGET_KEYS) if isinstance(v, dict) else v


class _TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that pydantic can judge them."""


_TextDateLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping, turning every failure into one ParamsError sentence."""
    if not path.exists():
        raise ParamsError("params file not found", path=path)
    if path.is_dir():
        raise ParamsError("is a folder, not a params file", path=path)
    if not path.is_file():  # a FIFO or a device: reading it would wait for ever
        raise ParamsError("is not a file (a named pipe, a device…); give the params file "
                          "itself", path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ParamsError("params file is not UTF-8 text", path=path) from None
    except OSError as exc:
        raise ParamsError(f"cannot read params file ({exc.strerror})", path=path) from None
    try:
        data = yaml.load(text, Loader=_TextDateLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or "invalid YAML"
        raise ParamsError(f"YAML syntax error at {where}{problem}", path=path) from None
    except yaml.YAMLError as exc:
        raise ParamsError(f"YAML syntax error: {exc}", path=path) from None
    if data is None:
        raise ParamsError("params file is empty", path=path)
    if not isinstance(data, dict):
        raise ParamsError("params file must be a YAML mapping of keys to values", path=path)
    return data


def _explain(exc: ValidationError, path: Path) -> ParamsError:
    errors = exc.errors()
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"] if not str(p).startswith("function-after"))
    kind = first["type"]
    got = first.get("input")
    if kind == "extra_forbidden":
        msg = f"unknown key {loc!r}"
    elif kind == "missing":
        msg = f"required key {loc!r} is missing"
    elif kind.startswith("date"):
        msg = f"{loc}: {got!r} is not a valid date (write it as YYYY-MM-DD)"
    elif kind == "string_pattern_mismatch" and loc.endswith("id"):
        msg = f"{loc}: {got!r} must use only lower-case letters, digits and hyphens"
    else:
        detail = first["msg"].removeprefix("Value error, ")
        if loc == "targets":  # the validator names the target: targets.nps
            msg = f"{loc}.{detail}"
        else:
            msg = f"{loc}: {detail}" + (f" (got {got!r})" if not isinstance(got, dict) else "")
    if len(errors) > 1:
        msg += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return ParamsError(msg, path=path)


def _resolve(base: Path, p: Path) -> Path:
    return p if p.is_absolute() else (base / p).resolve()


def load_params(path: str | Path, *, language: str | None = None) -> EventParams:
    """Read and check one forum's params file; data paths become absolute."""
    path = Path(path)
    data = read_yaml(path)
    if "programme" in data and "event" not in data:
        raise ParamsError(
            "this is a programme params file; use `peakreport programme` for it", path=path
        )
    try:
        params = EventParams.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc, path) from None
    base = path.resolve().parent
    params.registrations.path = _resolve(base, params.registrations.path)
    if params.survey is not None:
        params.survey.path = _resolve(base, params.survey.path)
    for a in params.attendance:
        a.path = _resolve(base, a.path)
    params.source = path.resolve()
    params.history = [_resolve(base, h) for h in params.history]
    for i, h in enumerate(params.history):
        if h == params.source:
            raise ParamsError(f"history[{i}]: lists this forum's own params file; history "
                              "is the earlier forums", path=path)
        if not h.is_file():
            raise ParamsError(f"history[{i}]: earlier forum's params file not found: {h}",
                              path=path)
    if language:
        params.language = language  # type: ignore[assignment]
    return params


def load_programme_params(path: str | Path, *, language: str | None = None) -> ProgrammeParams:
    """Read and check a programme params file; forum paths become absolute."""
    path = Path(path)
    data = read_yaml(path)
    try:
        params = ProgrammeParams.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc, path) from None
    base = path.resolve().parent
    params.forums = [_resolve(base, f) for f in params.forums]
    params.source = path.resolve()
    if language:
        params.language = language  # type: ignore[assignment]
    return params
