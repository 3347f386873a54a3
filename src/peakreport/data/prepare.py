"""The data stage top to bottom: each export read, validated and linked.

Registrations become people (one per identity, with who cancelled and who came);
survey rows become responses (one per respondent). What the numbers are is the
measure stage's; this stage only decides which rows count and who is who.
"""

from __future__ import annotations

from ..params import EventParams
from ..read.source import read_source
from .attendance import apply_attendance
from .link import People, Responses, dedupe_responses, link_people
from .validate import Validated, validate_registrations, validate_survey


def prepare_registrations(params: EventParams) -> tuple[Validated, People]:
    """The registration export validated, and its people (who attended: by the
    registrations' check-in and the params' attendance lists)."""
    reg_table, reg_map = read_source(params.registrations, "registrations",
                                     tuple(params.registrations.columns.values()),
                                     params_file=params.source)
    reg = validate_registrations(reg_table, reg_map, params.registrations)
    people = link_people(reg)
    apply_attendance(params, people)  # a hybrid forum's lists: who came on site, online
    return reg, people


def prepare_survey(params: EventParams) -> tuple[Validated, Responses] | tuple[None, None]:
    """The survey export validated, and its responses; (None, None) without a survey."""
    if params.survey is None:
        return None, None
    extra = (*params.survey.columns.values(), *params.survey.questions)
    s_table, s_map = read_source(params.survey, "survey", tuple(extra),
                                 params_file=params.source)
    survey = validate_survey(s_table, s_map, params.survey)
    return survey, dedupe_responses(survey)
