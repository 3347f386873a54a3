"""What the report notebook calls: one method per section, each returning HTML.

The notebook stays thin (a parameters cell, then one call per section); this
module turns the aggregates of `content` into figures and escaped HTML. Each
section is a `Fragment`, which Jupyter displays as HTML and nbconvert exports.

A custom report is a copy of the notebook with cells added (`peakreport notebook new`):
a report object made in a kernel also sets the kernel up (`display.install`) so that
what those cells show the ordinary way — a plotly figure, a pandas table, Markdown —
reaches report.html and report.pdf in the report's style. For custom analysis,
`EventReport` gives the report's aggregates (`data`, `metrics`) and row-level frames
without personal data (`registrations`, `attendees`, `responses`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import figures, render
from .content import ReportData
from .fields import COMMUNITIES
from .i18n import (
    DEFINITIONS,
    HISTORY_DEFINITION,
    SUPPRESSION_RULE,
    Foreign,
    Lang,
    guess_language,
    lang,
    parts,
)
from .params import EventParams, load_params
from .sanity import describe

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import Analysis

SECTIONS = ("key_figures", "audience", "registrations_over_time", "satisfaction", "questions",
            "comments", "method")


@dataclass
class Fragment:
    """A piece of the report: HTML that Jupyter shows and nbconvert keeps.

    Every section method returns one; a cell that ends with it shows it. Its `html` is
    already escaped: it is the report's own markup around data passed through `render`.
    """

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # what a text-only front end shows
        return "<peakreport section>"


def warm_up() -> None:
    """Draw one small chart of each kind, in both languages, and throw them away.

    plotly loads its validators and babel its locale data on first use (~0.15 s): the
    report kernel does it while it waits for the run to read the data, not while the run
    waits for the report. Called by the kernel's start-up lines (`execute.start_kernel`).
    """
    day = dt.date(2021, 12, 15)
    for code in ("fr", "en"):
        L = lang(code)
        for fig in (figures.hbar(["a", "b"], [1, 2], L, "a"),
                    figures.cumulative_registrations([day], [1], day, L),
                    figures.satisfaction_distribution([1, 2, 3, 4, 5], L),
                    figures.nps_bar(1, 1, 1, L),
                    figures.questions_stacked(["a"], [[1, 1, 1, 1, 1]], L),
                    figures.trend_with_errors(["a"], [1.0], [0.5], L, "a", "a")):
            render.chart(fig, "warm-up", "")
        L.date(day)
    from . import display

    display.install()  # the chart template is built now, not while the report waits
    global warmed_up
    warmed_up = True


warmed_up = False  # set by warm_up(): the report kernel's start-up lines have run


def plotly_loader() -> str:
    """plotly.js, the draw helper and the report's stylesheet for a live JupyterLab session
    (exports have their own, and leave this out)."""
    from .display import lab_assets

    return lab_assets()


def _in_kernel() -> bool:
    """True in an IPython kernel (JupyterLab, Papermill); a plain Python has no display."""
    ipython = sys.modules.get("IPython")
    return ipython is not None and ipython.get_ipython() is not None


class ReportSections:
    """What every report's sections share: the params, the language, chart numbering."""

    def __init__(self, params, language: str | None, interactive: bool, loader, model,
                 sample: str = "") -> None:
        if not isinstance(params, model):
            if params in ("", None):  # the notebook's default: the bundled sample
                from .bundle import sample_params

                params = sample_params(sample) if sample else sample_params()
            params = loader(params, language=language or None)
        elif language:
            params.language = language
        self.params = params
        self.L: Lang = lang(params.language)
        self.interactive = interactive
        self._charts = 0
        self._values: list[tuple[str, object]] = []  # each chart's values, for the appendix
        self.data_lang: str | None = None  # the inputs' language, when not the report's
        if _in_kernel():
            from . import display

            display.install(self.L.code)
            if interactive:  # JupyterLab: plotly.js and the report's style, shown once
                display.show_lab_assets()

    def _set_data_lang(self, texts: list[str]) -> None:
        """The inputs' free text (titles, question labels, comments) decides their language;
        when it is not the report's, text from them is marked with its `lang`."""
        found = guess_language([t for t in texts if t])
        self.data_lang = found if found and found != self.L.code else None

    def _in(self, text: str) -> str:
        """Text read from the inputs or the params, marked with its language if it is not
        the report's."""
        return Foreign(text, self.data_lang) if self.data_lang and text else text

    @staticmethod
    def _handed_over(analysis, analyse, params):
        """The analysis the caller already made (an object, or the path of its pickle),
        else a new one: a report run reads and checks the data once, not once in the
        command and again in the kernel."""
        if not analysis:
            return analyse(params)
        if isinstance(analysis, str | Path):
            import pickle

            with open(analysis, "rb") as f:  # written by this run's own process
                return pickle.load(f)
        return analysis

    def _chart(self, fig: object, title: str) -> str:
        """Charts are numbered in page order, so the HTML is the same from run to run."""
        self._charts += 1
        self._values.append((title, fig))
        return render.chart(fig, f"chart-{self._charts}", title,
                            values_label=self.L.t("chart_data"),
                            values_caption=self.L.t("chart_data_caption", title=title),
                            category=self.L.t("category"))

    def chart_values(self) -> Fragment:
        """The appendix of the printed report: every chart's values as a table. On screen
        each chart carries its own table (collapsed), so this is not shown there (and not
        read twice by a screen reader); in print the charts stay uncluttered."""
        from .figures import describe

        if not self._values:
            return Fragment("")
        L = self.L
        tables = "".join(render.chart_values(describe(fig, L.t("category")),
                                             L.t("chart_data_caption", title=title))
                         for title, fig in self._values)
        return Fragment(render.section(
            "chart_values", L.t("chart_data_appendix"),
            render.paragraph(L.t("chart_data_intro"), "pr-note")
            + f'<div class="pr-values">{tables}</div>', new_page=True)
            .replace('class="pr-section pr-newpage"', 'class="pr-section pr-newpage pr-print"',
                     1))

    def _cover(self, kind: str, title: str, facts: list[tuple[str, str]]) -> Fragment:
        """The cover: what this is, its title, then label/value facts."""
        rows = "".join(f"<dt>{render.esc(k)}</dt><dd>{render.pieces([v])}</dd>"
                       for k, v in facts)
        return Fragment(
            '<header class="pr-cover"><div class="pr-kicker">'
            f'{render.esc(self.L.t(kind))}</div><h1>{render.pieces([title])}</h1>'
            f'<dl class="pr-facts">{rows}</dl></header>')

    def _contents(self, sections) -> Fragment:
        items = "".join(f'<li><a href="#{s}">{render.esc(self.L.t(s))}</a></li>'
                        for s in sections)
        return Fragment(f'<nav class="pr-toc"><h2>{render.esc(self.L.t("contents"))}</h2>'
                        f"<ol>{items}</ol></nav>")


class EventReport(ReportSections):
    """The sections of one forum's report, in the params' language.

    `report = EventReport("params/forum-2022.yaml")` reads and checks the exports named
    in the params (as `peakreport validate` does) and computes everything the report
    shows. Each section method returns a `Fragment` (HTML) that a cell shows by ending
    with it; the bundled notebook calls them in this order: `cover`, `contents`,
    `key_figures`, `audience`, `registrations_over_time`, `satisfaction`, `questions`,
    `comments`, `method`. Leave one out, call them in another order, or add your own
    cells between them.

    Parameters:
        params: the forum's params file (a path, relative to the working directory, which
            is the notebook's folder in JupyterLab), or "" for the bundled sample forum.
        language: "fr" or "en" to override the params' `language`; "" keeps it.
        interactive: True in JupyterLab: shows plotly.js and the report's stylesheet once,
            so that the notebook looks like the report. `peakreport run` passes False.
        analysis: what `peakreport run` hands the kernel (its own reading of the data),
            so the data are read once; leave it out.

    For custom analysis, without personal data:
        data: the report's aggregates (`content.ReportData`: counts per community,
            sector, size, département, the registrations timeline, satisfaction and NPS
            counts, questions, masked comments, data quality).
        metrics: metrics.json's content (a dict).
        registrations, attendees, responses: pandas DataFrames, one row per person or per
            response, with a pseudonymous `person` number instead of names and e-mail
            addresses, and no free text (see `frames`).
        L: the report's language (`L.t(key)`, `L.number(x)`, `L.percent(x)`, `L.date(d)`).
    """

    def __init__(self, params: str | Path | EventParams = "", language: str | None = None,
                 interactive: bool = True,
                 analysis: str | Path | ReportData | Analysis | None = None) -> None:
        super().__init__(params, language, interactive, load_params, EventParams)
        given = self._handed_over(analysis, _analyse, self.params)
        # what the run hands over is already the report's data; an analysis is turned
        # into it here (pandas is imported only then)
        self._analysis: Analysis | None = None if isinstance(given, ReportData) else given
        self.data: ReportData = (given if isinstance(given, ReportData)
                                 else _report_data(given, self.L))
        d = self.data
        self._set_data_lang([self.params.event.title, *(q.label for q in d.questions or []),
                             *(d.comments or []), *(r[0] for r in d.sectors or [])])

    # ------------------------------------------------------------------ data
    @property
    def metrics(self) -> dict:
        """metrics.json's content: the SPEC's metrics (null values have a reason in
        `data.reasons`)."""
        return self.data.metrics

    def analysis(self) -> Analysis:
        """The full analysis of the exports (pandas frames, personal data included: for
        checking, never for showing). A report run hands the kernel only the report's
        data, so the first call there reads the exports again (~1 s for the sample)."""
        if self._analysis is None:
            self._analysis = _analyse(self.params)
        return self._analysis

    @cached_property
    def registrations(self) -> pd.DataFrame:
        """One row per person who registered: `person` (a number, not an identity),
        `registered_at`, `registered`, `cancelled`, `attended`, `community`, `sector`,
        `company_size`, `departement`. No name, e-mail, organisation or postcode."""
        from .frames import people

        return people(self.analysis())

    @cached_property
    def attendees(self) -> pd.DataFrame:
        """`registrations` of the people who came, without the yes/no columns."""
        from .frames import attendees

        return attendees(self.analysis())

    @cached_property
    def responses(self) -> pd.DataFrame | None:
        """One row per survey response kept: `person` (when it matches a registration),
        `submitted_at`, `satisfaction` (1–5), `nps` (0–10), `would_join_next`,
        `community`, then one column per extra question (its label in the params); no
        free text. None without a survey."""
        from .frames import responses

        return responses(self.analysis())

    # ------------------------------------------------------------------ helpers

    def _has_survey(self) -> bool:
        return self.data.has_survey

    def _reason(self, key: str) -> str:
        why = self.data.reasons.get(key)
        return self.L.null_reason(why) if why else self.L.t("not_computable")

    # ------------------------------------------------------------------ sections
    def cover(self) -> Fragment:
        """The cover: title, date, venue, organiser, programme and funders (a new page
        in the PDF)."""
        L, ev = self.L, self.params.event
        rows = [(L.t("date"), L.date(ev.date))]
        for key, value in (("venue", ev.venue), ("organiser", ev.organiser),
                           ("programme", ev.programme)):
            if value:
                rows.append((L.t(key), self._in(value)))
        if ev.funders:
            rows.append((L.t("funders"), self._in(", ".join(ev.funders))))
        return self._cover("report_kind", self._in(ev.title), rows)

    def contents(self) -> Fragment:
        """The table of contents: a link to each section this forum has."""
        return self._contents(s for s in SECTIONS if self._section_present(s))

    def _section_present(self, s: str) -> bool:
        if s in ("satisfaction", "comments"):
            return self._has_survey()
        if s == "questions":
            return bool(self._has_survey() and self.data.questions)
        if s == "registrations_over_time":
            return self.data.timeline is not None
        return True

    def key_figures(self) -> Fragment:
        """Key-figure cards (attended, attendance rate, regional share, satisfaction, NPS,
        response rate), each against its target from the params' `targets:`."""
        L, m = self.L, self.metrics
        reg, aud, sur = m["registrations"], m["audience"], m["survey"]
        targets = m["targets"]

        def badge(key: str, fmt) -> tuple[bool | None, str]:
            t = targets.get(key)
            if not t:
                return None, ""
            return t["met"], f'{L.t("target")} {fmt(t["target"])}'

        def card(label, value, note, met, tgt):
            verdict = "" if met is None else L.t("met" if met else "not_met")
            return render.card(label, value, note, met, tgt, verdict)

        cards = []
        met, tgt = badge("attended", L.number)
        cards.append(card(L.t("attended"), L.number(reg["attended"]),
                                 f'{L.number(reg["registered"])} {L.t("registered").lower()}',
                                 met, tgt))
        met, tgt = badge("attendance_rate", L.percent)
        cards.append(card(L.t("attendance_rate"), L.percent(reg["attendance_rate"]),
                                 L.t("of_registered"), met, tgt))
        met, tgt = badge("regional_share", L.percent)
        share = aud["regional_share"]
        cards.append(card(
            L.t("regional_share"), L.percent(share),
            L.t("of_attendees") if share is not None else self._reason("audience.regional_share"),
            met, tgt))
        if sur:
            met, tgt = badge("satisfaction_mean", lambda x: L.number(x, 1))
            sat = sur["satisfaction_mean"]
            cards.append(card(
                L.t("satisfaction_mean"), L.number(sat, 1) if sat is not None else "–",
                L.t("out_of_5") if sat is not None else self._reason("survey.satisfaction_mean"),
                met, tgt))
            met, tgt = badge("nps", L.signed)
            nps = sur["nps"]
            note = (L.t("margin", moe=L.number(sur["nps_margin_of_error"]))
                    if nps is not None else self._reason("survey.nps"))
            cards.append(card(L.t("nps"), L.signed(nps), note, met, tgt))
            met, tgt = badge("response_rate", L.percent)
            rr = sur["response_rate"]
            cards.append(card(
                L.t("response_rate"), L.percent(rr),
                L.t("answers", n=L.number(sur["responses"])) if rr is not None
                else self._reason("survey.response_rate"), met, tgt))
        body = f'<div class="pr-cards">{"".join(cards)}</div>'
        if not sur:
            body += render.paragraph(L.t("no_survey"), "pr-note")
        return Fragment(render.section("key_figures", L.t("key_figures"), body))

    def audience(self) -> Fragment:
        """Who came: attendees by type of organisation, new against returning (when the
        params list earlier forums in `history`), sector, company size, département."""
        L, d = self.L, self.data
        parts = []
        counts = d.communities
        if counts is not None:
            parts.append(self._chart(figures.hbar(
                [L.t(c) for c in COMMUNITIES], [counts[c] for c in COMMUNITIES], L,
                L.t("by_community"), category=L.t("type_of_organisation"),
                colours=[figures.COMMUNITY_COLOURS[c] for c in COMMUNITIES]),
                L.t("by_community")))
        else:
            parts.append(render.paragraph(self._reason("audience.by_community"), "pr-note"))
        parts.extend(self._new_and_returning())
        for rows, key, head in ((d.sectors, "by_sector", "sector"),
                                (d.sizes, "by_size", "company_size")):
            if rows:
                parts.append(self._chart(figures.hbar(
                    [self._in(r[0]) for r in rows], [r[1] for r in rows], L, L.t(key),
                    colours=figures.PALETTE["secondary"], category=L.t(head)), L.t(key)))
        terr = d.territory
        if terr.rows:
            colours = [figures.PALETTE["primary"] if inside else figures.PALETTE["muted"]
                       for _, _, inside in terr.rows]
            parts.append(self._chart(figures.hbar(
                [r[0] for r in terr.rows], [r[1] for r in terr.rows], L, L.t("by_departement"),
                colours=colours, total=d.attended - terr.without_postcode,
                category=L.t("departement"), inside=[r[2] for r in terr.rows]),
                L.t("by_departement")))
        if terr.share is not None:
            parts.append(render.paragraph(L.t(
                "territory_note", share=L.percent(terr.share), name=terr.name or "",
                n=L.number(terr.without_postcode)), "pr-note"))
        return Fragment(render.section("audience", L.t("audience"), "".join(parts),
                                       new_page=True))

    def _new_and_returning(self) -> list[str]:
        """Where the params list earlier forums (`history`); nothing otherwise."""
        L, aud, history = self.L, self.metrics["audience"], self.data.history
        if history is None:
            return []
        if aud["returning_participants"] is None:
            return [render.paragraph(self._reason("audience.returning_participants"),
                                     "pr-note")]
        values = [aud["new_participants"], aud["returning_participants"]]
        return [self._chart(figures.hbar(
                    [L.t("new"), L.t("returning")], values, L, L.t("new_vs_returning"),
                    colours=[figures.PALETTE["secondary"], figures.PALETTE["primary"]],
                    category=L.t("participants")),
                    L.t("new_vs_returning")),
                '<p class="pr-note">' + render.pieces(parts(
                    L.t("history_note"), forums=self._in(", ".join(history)))) + "</p>"]

    def registrations_over_time(self) -> Fragment:
        """Cumulative registrations by day, the event day marked; empty without dates."""
        tl = self.data.timeline
        if tl is None:
            return Fragment("")
        fig = figures.cumulative_registrations(tl[0], tl[1], self.params.event.date, self.L)
        return Fragment(render.section(
            "registrations_over_time", self.L.t("registrations_over_time"),
            self._chart(fig, self.L.t("cumulative_registrations"))))

    def satisfaction(self) -> Fragment:
        """Satisfaction distribution with its mean and CSAT interval, the NPS with its
        margin of error, satisfaction by type of organisation (small groups shown as
        "< N"); empty without a survey."""
        if not self._has_survey():
            return Fragment("")
        L, d = self.L, self.data
        s = self.metrics["survey"]
        parts = []
        counts = d.satisfaction
        if counts:
            parts.append(self._chart(figures.satisfaction_distribution(counts, L),
                                     L.t("satisfaction_distribution")))
            ci = d.csat_interval
            sep = L.colon
            parts.append(render.paragraph(
                f'{L.t("satisfaction_mean")}{sep}{L.number(s["satisfaction_mean"], 1)} '
                f'{L.t("out_of_5")} ({L.t("answers", n=L.number(s["satisfaction_answers"]))}). '
                f'{L.t("csat")}{sep}{L.percent(s["csat"])} — '
                + L.t("interval", lo=L.percent(ci[0]), hi=L.percent(ci[1])) + ".", "pr-note"))
        else:
            parts.append(render.paragraph(self._reason("survey.satisfaction_mean"), "pr-note"))
        nps = d.nps
        if nps:
            parts.append(self._chart(figures.nps_bar(*nps, L), L.t("nps_distribution")))
            sep = L.colon
            parts.append(render.paragraph(
                f'{L.t("nps")}{sep}{L.signed(s["nps"])} ('
                f'{L.t("margin", moe=L.number(s["nps_margin_of_error"]))}, '
                f'{L.t("answers", n=L.number(s["nps_answers"]))}).', "pr-note"))
        else:
            parts.append(render.paragraph(self._reason("survey.nps"), "pr-note"))
        groups = d.by_community
        if groups:
            k = self.params.privacy.min_group_size
            rows = [[L.t(g.group),
                     L.t("suppressed", n=k) if g.suppressed else L.number(g.n),
                     L.t("suppressed", n=k) if g.suppressed else L.number(g.mean, 1),
                     L.t("suppressed", n=k) if g.suppressed else L.percent(g.csat)]
                    for g in groups]
            parts.append(render.table(
                [L.t("group"), L.t("respondents"), L.t("satisfaction_mean"), L.t("csat")],
                rows, numeric={1, 2, 3}, caption=L.t("satisfaction_by_community")))
        wj = s.get("would_join_next_share")
        if wj is not None:
            parts.append(render.card(L.t("would_join_next_share"), L.percent(wj),
                                     L.t("of_respondents")))
        return Fragment(render.section("satisfaction", L.t("satisfaction"), "".join(parts),
                                       new_page=True))

    def questions(self) -> Fragment:
        """The extra 1–5 questions named in the params (`survey.questions`): a stacked
        chart and a table; questions with too few answers suppressed."""
        if not self._has_survey() or not self.data.questions:
            return Fragment("")
        L = self.L
        qs = self.data.questions
        shown = [q for q in qs if not q.suppressed]
        parts = []
        if shown:
            parts.append(self._chart(figures.questions_stacked(
                [self._in(q.label) for q in shown], [q.distribution for q in shown], L),
                L.t("questions_chart")))
        k = self.params.privacy.min_group_size
        rows = [[self._in(q.label), L.t("suppressed", n=k) if q.suppressed else L.number(q.n),
                 L.t("suppressed", n=k) if q.suppressed else L.number(q.mean, 1)] for q in qs]
        parts.append(render.table([L.t("question"), L.t("respondents"), L.t("mean")], rows,
                                  numeric={1, 2}, caption=L.t("question_means")))
        return Fragment(render.section("questions", L.t("questions"), "".join(parts)))

    def comments(self) -> Fragment:
        """Selected comments, masked (e-mails, phones, links, participants' names) and in
        an order unrelated to submission; `privacy.comments: exclude` leaves them out."""
        if not self._has_survey():
            return Fragment("")
        L = self.L
        items = self.data.comments
        if items is None:
            body = render.paragraph(L.t("comments_excluded"), "pr-note")
        elif not items:
            body = render.paragraph(L.t("no_comments"), "pr-note")
        else:
            lang_attr = f' lang="{self.data_lang}"' if self.data_lang else ""
            quotes = "".join(f"<blockquote{lang_attr}>{render.esc(c)}</blockquote>"
                             for c in items)
            body = render.paragraph(L.t("comments_intro"), "pr-note") + (
                f'<div class="pr-quotes">{quotes}</div>')
        return Fragment(render.section("comments", L.t("comments"), body))

    def method(self) -> Fragment:
        """Data quality and method: rows read, kept and rejected per file with the
        reasons, metrics that could not be computed, definitions, the suppression rule."""
        L = self.L
        files = self.data.quality
        rows = [[L.t(f"{f.kind}_file"), f.name, L.number(f.rows_read), L.number(f.rows_kept),
                 L.number(f.rows_rejected), L.number(f.duplicates)] for f in files]
        parts = [render.table([L.t("file"), L.t("file_name"), L.t("rows_read"), L.t("rows_kept"),
                               L.t("rows_rejected"), L.t("duplicates")], rows,
                              numeric={2, 3, 4, 5}, caption=L.t("file_rows"))]
        reasons = [[L.t(f"{f.kind}_file"), L.reason(key), L.number(n)]
                   for f in files for key, n in f.reasons]
        if reasons:
            parts.append(render.table([L.t("file"), L.t("reason"), L.t("count")], reasons,
                                      numeric={2}, caption=L.t("rejections")))
        else:
            parts.append(render.paragraph(L.t("no_rejections")))
        nulls = self.data.reasons
        if nulls:
            items = "".join(f"<li>{render.esc(L.null_reason(v))}</li>"
                            for v in dict.fromkeys(nulls.values()))  # each reason once
            parts.append(f'<h3>{render.esc(L.t("not_computed"))}</h3><ul>{items}</ul>')
        if self.data.checks:
            items = "".join(f"<li>{render.esc(describe(c, L))}</li>" for c in self.data.checks)
            parts.append(f'<h3>{render.esc(L.t("data_warnings"))}</h3>'
                         f'<ul class="pr-warnings">{items}</ul>')
        terms = DEFINITIONS[L.code] + ([HISTORY_DEFINITION[L.code]] if self.data.history else [])
        defs = "".join(f"<li>{render.md_bold(d)}</li>" for d in terms)
        parts.append(f'<h3>{render.esc(L.t("definitions"))}</h3><ul class="pr-defs">{defs}</ul>')
        parts.append(render.paragraph(
            SUPPRESSION_RULE[L.code].format(n=self.params.privacy.min_group_size), "pr-note"))
        parts.append(render.paragraph(
            L.t("generated", date=L.date(dt.date.today())), "pr-footer"))
        # the charts' values close the printed report (see chart_values)
        return Fragment(render.section("method", L.t("method"), "".join(parts),
                                       new_page=True) + self.chart_values().html)


def _analyse(params: EventParams) -> Analysis:
    from .pipeline import analyse

    return analyse(params)


def _report_data(analysis: Analysis, L: Lang) -> ReportData:
    from .content import report_data

    return report_data(analysis, other=L.t("other"))
