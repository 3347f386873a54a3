"""What the report notebook calls: one method per section, each returning HTML.

The notebook stays thin (a parameters cell, then one call per section); this
module turns the aggregates of `measure.aggregates` into figures and escaped HTML. Each
section is a `Fragment`, which Jupyter displays as HTML and nbconvert exports.

A custom report is a copy of the notebook with cells added (`peakreport notebook new`):
a report object made in a kernel also sets the kernel up (`display.install`) so that
what those cells show the ordinary way — a plotly figure, a pandas table, Markdown —
reaches report.html and report.pdf in the report's style. For custom analysis,
`EventReport` gives the report's aggregates (`data`, `metrics`) and row-level frames
without personal data (`registrations`, `attendees`, `responses`).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import (
    CHANGE_DEFINITION,
    DEFINITIONS,
    HISTORY_DEFINITION,
    HYBRID_DEFINITION,
    SUPPRESSION_RULE,
    Lang,
    parts,
)
from ..i18n import parts as parts_of
from ..measure.aggregates import ReportData
from ..measure.sanity import describe
from ..params import COMMUNITIES, EventParams, load_params
from ..territory import DEPARTEMENTS
from . import changes, figures, fragments, maps
from .fragments import Fragment
from .sections import ReportSections

if TYPE_CHECKING:
    import pandas as pd

    from ..measure.analysis import Analysis

SECTIONS = ("key_figures", "highlights", "change", "audience", "registrations_over_time",
            "satisfaction", "questions", "sessions", "breakdown", "themes", "comments",
            "method")


class EventReport(ReportSections):
    """The sections of one forum's report, in the params' language.

    `report = EventReport("params/forum-2022.yaml")` reads and checks the exports named
    in the params (as `peakreport validate` does) and computes everything the report
    shows. Each section method returns a `Fragment` (HTML) that a cell shows by ending
    with it; the bundled notebook calls them in this order: `cover`, `contents`,
    `key_figures`, `highlights`, `change`, `audience`, `registrations_over_time`,
    `satisfaction`, `questions`, `sessions`, `breakdown`, `themes`, `comments`, `method`,
    and last `end` (the sign-off, and in print the appendix of every chart's values). Leave
    one out, call them in another order, or add your own cells between them; keep `end()`
    last.

    Parameters:
        params: the forum's params file (a path, relative to the working directory, which
            is the notebook's folder in JupyterLab), or "" for the bundled sample forum.
        language: "fr" or "en" to override the params' `language`; "" keeps it.
        interactive: True in JupyterLab: shows plotly.js and the report's stylesheet once,
            so that the notebook looks like the report. `peakreport run` passes False.
        analysis: what `peakreport run` hands the kernel (its own reading of the data),
            so the data are read once; leave it out.

    For custom analysis, without personal data:
        data: the report's aggregates (`measure.aggregates.ReportData`: counts per community,
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

    @property
    def communities(self) -> dict[str, int] | None:
        """Attendees per type of organisation under the report's labels, in the report's
        order (`{"Entreprises": 57, "Formation": 19, …}`): what its chart shows, ready
        for a custom one. `data.communities` holds the same counts by code (`company`,
        `training`…), as metrics.json does; `L.t(code)` gives any code's label."""
        counts = self.data.communities
        if counts is None:
            return None
        return {self.L.t(c): counts[c] for c in COMMUNITIES if c in counts}

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
        `registered_at`, `registered`, `cancelled`, `attended`, `community` (the report's
        label: "Entreprises"), `sector`, `company_size`, `departement` ("Isère (38)"), and
        the codes `community_code` ("company") and `departement_code` ("38") for
        filtering. No name, e-mail, organisation or postcode."""
        from .frames import people

        return people(self.analysis(), self.L)

    @cached_property
    def attendees(self) -> pd.DataFrame:
        """`registrations` of the people who came, without the yes/no columns."""
        from .frames import attendees

        return attendees(self.analysis(), self.L)

    @cached_property
    def responses(self) -> pd.DataFrame | None:
        """One row per survey response kept: `person` (when it matches a registration),
        `submitted_at`, `satisfaction` (1–5), `nps` (0–10), `would_join_next`,
        `community` (the report's label), one column per extra question (its label in the
        params), then `community_code`; no free text. None without a survey."""
        from .frames import responses

        return responses(self.analysis(), self.L)

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
        if s == "sessions":
            return bool(self._has_survey() and self.data.sessions)
        if s == "breakdown":
            return bool(self.data.breakdowns)
        if s == "themes":
            return self._has_survey() and self.data.themes is not None
        if s == "registrations_over_time":
            return self.data.timeline is not None
        if s == "highlights":
            return bool(self.metrics.get("highlights"))
        if s == "change":
            return bool(self.metrics.get("change"))
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

        def card(key, label, value, note, met, tgt):
            verdict = "" if met is None else L.t("met" if met else "not_met")
            return fragments.card(label, value, note, met, tgt, verdict,
                                  changes.trend(m.get("change"), key, m["event"]["date"], L))

        cards = []
        met, tgt = badge("attended", L.number)
        cards.append(card("registrations.attended", L.t("attended"), L.number(reg["attended"]),
                          f'{L.number(reg["registered"])} {L.t("registered").lower()}',
                          met, tgt))
        met, tgt = badge("attendance_rate", L.percent)
        cards.append(card("registrations.attendance_rate", L.t("attendance_rate"),
                          L.percent(reg["attendance_rate"]), L.t("of_registered"), met, tgt))
        met, tgt = badge("regional_share", L.percent)
        share = aud["regional_share"]
        cards.append(card(
            "audience.regional_share", L.t("regional_share"), L.percent(share),
            L.t("of_attendees") if share is not None else self._reason("audience.regional_share"),
            met, tgt))
        if sur:
            met, tgt = badge("satisfaction_mean", lambda x: L.number(x, 1))
            sat = sur["satisfaction_mean"]
            cards.append(card(
                "survey.satisfaction_mean", L.t("satisfaction_mean"),
                L.number(sat, 1) if sat is not None else "–",
                L.t("out_of_5") if sat is not None else self._reason("survey.satisfaction_mean"),
                met, tgt))
            met, tgt = badge("nps", L.signed)
            nps = sur["nps"]
            note = (L.t("margin", moe=L.number(sur["nps_margin_of_error"]))
                    if nps is not None else self._reason("survey.nps"))
            cards.append(card("survey.nps", L.t("nps"), L.signed(nps), note, met, tgt))
            met, tgt = badge("response_rate", L.percent)
            rr = sur["response_rate"]
            cards.append(card(
                "survey.response_rate", L.t("response_rate"), L.percent(rr),
                L.t("answers", n=L.number(sur["responses"])) if rr is not None
                else self._reason("survey.response_rate"), met, tgt))
        body = f'<div class="pr-cards">{"".join(cards)}</div>'
        if reg.get("attended_online") is not None:  # a hybrid forum: one line
            parts = [L.t("onsite_online", onsite=L.number(reg["attended_onsite"]),
                         online=L.number(reg["attended_online"]))]
            if reg["unregistered_attendees"]:
                parts.append(L.t("unregistered_attendees",
                                 n=L.number(reg["unregistered_attendees"])))
            colon, sep = (" : ", " ; ") if L.code == "fr" else (": ", "; ")
            body += fragments.paragraph(L.t("attended") + colon + sep.join(parts), "pr-note")
        if not sur:
            body += fragments.paragraph(L.t("no_survey"), "pr-note")
        return Fragment(fragments.section("key_figures", L.t("key_figures"), body))

    def highlights(self) -> Fragment:
        """What the numbers mean, in up to five sentences (metrics.json's `highlights`:
        targets met or missed, significant changes, groups that really differ, the largest
        audience group); empty when nothing holds."""
        L = self.L
        items = self.metrics.get("highlights") or []
        if not items:
            return Fragment("")
        lis = "".join(f"<li>{fragments.esc(h['text'])}</li>" for h in items)
        return Fragment(fragments.section("highlights", L.t("highlights"),
                                          f'<ul class="pr-highlights">{lis}</ul>'))

    def change(self) -> Fragment:
        """The change since the previous forum (when the params list earlier forums in
        `history`) as a table: both values, the change, the smallest change the samples
        could detect, and its reading in words; empty without history."""
        L, m = self.L, self.metrics
        out = ""
        ch = m.get("change")
        if ch:
            forum = changes.forum_name(ch, m["event"]["date"], L)
            prev, now = ch["previous_event"]["date"][:4], m["event"]["date"][:4]
            if prev == now:
                prev, now = L.t("previous_forum"), self.params.event.title
            table = fragments.table(
                [L.t("indicator"), prev, now, L.t("delta"), L.t("detectable"), L.t("reading")],
                changes.rows(ch, m, L), numeric={1, 2, 3, 4},
                caption=L.t("change_caption", forum=forum))
            out += fragments.section("change", L.t("change"), table + fragments.paragraph(
                L.t("change_note"), "pr-note"))
        return Fragment(out)

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
            parts.append(fragments.paragraph(self._reason("audience.by_community"), "pr-note"))
        parts.extend(self._new_and_returning())
        for rows, key, head in ((d.sectors, "by_sector", "sector"),
                                (d.sizes, "by_size", "company_size")):
            if rows:
                parts.append(self._chart(figures.hbar(
                    [self._in(r[0]) for r in rows], [r[1] for r in rows], L, L.t(key),
                    colours=figures.PALETTE["secondary"], category=L.t(head)), L.t(key)))
        terr = d.territory
        if terr.counts:
            parts.append(self._map(maps.choropleth(
                "departements", terr.counts, L, unit=L.t("map_unit"), territory=terr.codes,
                territory_name=terr.name, category=L.t("departement")),
                L.t("territory_map"), "territory-map"))
        if terr.share is not None:
            parts.append(fragments.paragraph(L.t(
                "territory_note", share=L.percent(terr.share), name=terr.name or "",
                n=L.number(terr.without_postcode)), "pr-note"))
        # no forced page break: the section follows on (a forced break left most of a page
        # blank whenever the section before it ended high on its page)
        return Fragment(fragments.section("audience", L.t("audience"), "".join(parts)))

    def _new_and_returning(self) -> list[str]:
        """Where the params list earlier forums (`history`); nothing otherwise."""
        L, aud, history = self.L, self.metrics["audience"], self.data.history
        if history is None:
            return []
        if aud["returning_participants"] is None:
            return [fragments.paragraph(self._reason("audience.returning_participants"),
                                     "pr-note")]
        values = [aud["new_participants"], aud["returning_participants"]]
        # the chart and the note that defines "returning": printed together
        return ['<div class="pr-keep">', self._chart(figures.hbar(
                    [L.t("new"), L.t("returning")], values, L, L.t("new_vs_returning"),
                    colours=[figures.PALETTE["secondary"], figures.PALETTE["primary"]],
                    category=L.t("participants")),
                    L.t("new_vs_returning")),
                '<p class="pr-note">' + fragments.pieces(parts(
                    L.t("history_note"), forums=self._in(", ".join(history)))) + "</p>",
                "</div>"]

    def registrations_over_time(self) -> Fragment:
        """Cumulative registrations by day, the event day marked; empty without dates."""
        tl = self.data.timeline
        if tl is None:
            return Fragment("")
        fig = figures.cumulative_registrations(tl[0], tl[1], self.params.event.date, self.L)
        return Fragment(fragments.section(
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
            parts.append(fragments.paragraph(
                f'{L.t("satisfaction_mean")}{sep}{L.number(s["satisfaction_mean"], 1)} '
                f'{L.t("out_of_5")} ({L.t("answers", n=L.number(s["satisfaction_answers"]))}). '
                f'{L.t("csat")}{sep}{L.percent(s["csat"])} — '
                + L.t("interval", lo=L.percent(ci[0]), hi=L.percent(ci[1])) + ".", "pr-note"))
        else:
            parts.append(fragments.paragraph(self._reason("survey.satisfaction_mean"), "pr-note"))
        nps = d.nps
        if nps:
            parts.append(self._chart(figures.nps_bar(*nps, L), L.t("nps_distribution")))
            sep = L.colon
            parts.append(fragments.paragraph(
                f'{L.t("nps")}{sep}{L.signed(s["nps"])} ('
                f'{L.t("margin", moe=L.number(s["nps_margin_of_error"]))}, '
                f'{L.t("answers", n=L.number(s["nps_answers"]))}).', "pr-note"))
        else:
            parts.append(fragments.paragraph(self._reason("survey.nps"), "pr-note"))
        last = []  # the section's closing table and card: printed together, never one alone
        groups = d.by_community
        if groups:
            k = self.params.privacy.min_group_size
            rows = [[L.t(g.group),
                     L.t("suppressed", n=k) if g.suppressed else L.number(g.n),
                     L.t("suppressed", n=k) if g.suppressed else L.number(g.mean, 1),
                     L.t("suppressed", n=k) if g.suppressed else L.percent(g.csat)]
                    for g in groups]
            last.append(fragments.table(
                [L.t("group"), L.t("respondents"), L.t("satisfaction_mean"), L.t("csat")],
                rows, numeric={1, 2, 3}, caption=L.t("satisfaction_by_community")))
        wj = s.get("would_join_next_share")
        if wj is not None:
            last.append(fragments.card(L.t("would_join_next_share"), L.percent(wj),
                                       L.t("of_respondents")))
        if last:
            parts.append(f'<div class="pr-keep">{"".join(last)}</div>')
        return Fragment(fragments.section("satisfaction", L.t("satisfaction"), "".join(parts)))

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
        parts.append(fragments.table([L.t("question"), L.t("respondents"), L.t("mean")], rows,
                                  numeric={1, 2}, caption=L.t("question_means")))
        return Fragment(fragments.section("questions", L.t("questions"), "".join(parts)))

    def sessions(self) -> Fragment:
        """The grid questions that rate sessions, workshops or speakers (`survey.sessions`):
        per question, the sessions ranked by mean score with their 95 % intervals, and a
        table with respondents, mean, interval, top-2 share and "did not attend" answers;
        sessions rated by fewer than `privacy.min_group_size` respondents shown as "< N".
        Empty without a grid."""
        if not self._has_survey() or not self.data.sessions:
            return Fragment("")
        L, k = self.L, self.params.privacy.min_group_size
        hide = L.t("suppressed", n=k)
        parts = []
        many = len(self.data.sessions) > 1
        for i, g in enumerate(self.data.sessions, 1):
            shown = sorted((s for s in g.sessions if s["mean"] is not None),
                           key=lambda s: -s["mean"])
            hidden = [s for s in g.sessions if s["mean"] is None]
            # the question as the survey asked it, marked with its language; the chart's and
            # table's captions are the report's own words (numbered when there are several)
            parts.append(f"<h3>{fragments.pieces([self._in(g.label)])}</h3>")
            number = f" ({i})" if many else ""
            if shown:
                title = L.t("sessions_chart", low=g.low, high=g.high) + number
                parts.append(self._chart(figures.ranked_means(
                    [self._in(s["session"]) for s in shown], [s["mean"] for s in shown],
                    [tuple(s["ci95"]) if s["ci95"] else None for s in shown], L, title,
                    low=g.low, high=g.high), title))
            rows = []
            for s in (*shown, *hidden):
                ci = s["ci95"]
                rows.append([self._in(s["session"]),
                             hide if s["mean"] is None else L.number(s["respondents"]),
                             hide if s["mean"] is None else L.number(s["mean"], 1),
                             hide if s["mean"] is None else
                             (f"{L.number(ci[0], 1)} – {L.number(ci[1], 1)}" if ci else "–"),
                             hide if s["mean"] is None else L.percent(s["top2_share"]),
                             L.number(s["not_attended"])])
            a, b = g.high - 1, g.high
            parts.append(fragments.table(
                [L.t("session"), L.t("respondents"), L.t("mean"), L.t("interval_header"),
                 L.t("top2_header", a=a, b=b), L.t("not_attended")], rows,
                numeric={1, 2, 3, 4, 5},
                caption=L.t("sessions_table") + number))
        parts.append(fragments.paragraph(L.t("sessions_note", n=k), "pr-note"))
        return Fragment(fragments.section("sessions", L.t("sessions"), "".join(parts)))

    def breakdown(self) -> Fragment:
        """Registered, attended, attendance rate and satisfaction per group of each
        registration column named in the params (`report.breakdown`); groups under the
        small-group rule shown as "< N". Empty when the params name none."""
        if not self.data.breakdowns:
            return Fragment("")
        L, k = self.L, self.params.privacy.min_group_size
        hide = L.t("suppressed", n=k)
        linked = self.data.breakdown_linked
        parts = []
        for b in self.data.breakdowns:
            name = L.t(FIELD_HEADS[b.field]) if b.field else self._in(b.entry)
            rows = []
            for r in b.rows:
                label = self._group_label(b.field, r["group"])
                if r["registered"] is None:
                    rows.append([label, hide, hide, hide, *([hide, hide] if linked else [])])
                    continue
                row = [label, L.number(r["registered"]), L.number(r["attended"]),
                       L.percent(r["attendance_rate"])]
                if linked:
                    small = r["respondents"] is None
                    row += [hide if small else (L.number(r["satisfaction_mean"], 1)
                                                if r["satisfaction_mean"] is not None else "–"),
                            hide if small else L.number(r["respondents"])]
                rows.append(row)
            head = [name, L.t("registered"), L.t("attended"), L.t("attendance_rate")]
            if linked:
                head += [L.t("satisfaction_mean"), L.t("respondents")]
            parts.append(fragments.table(head, rows, numeric=set(range(1, len(head))),
                                         caption=L.t("breakdown_table", name=name)))
        if not linked and self._has_survey():
            parts.append(fragments.paragraph(L.t("breakdown_unlinked"), "pr-note"))
        parts.append(fragments.paragraph(L.t("breakdown_note", n=k), "pr-note"))
        return Fragment(fragments.section("breakdown", L.t("breakdown"), "".join(parts)))

    def _group_label(self, field: str | None, group: str | None) -> str:
        if group is None:
            return self.L.t("unknown")
        if field == "community":
            return self.L.t(group)
        if field == "departement":
            return f"{DEPARTEMENTS.get(group, group)} ({group})"
        return self._in(group)

    def themes(self) -> Fragment:
        """What the comments speak of: themes from a bundled French/English dictionary (or
        the params' `survey.themes`), ranked by the number of comments, each with one or
        two masked quotes; themes in fewer than `privacy.min_group_size` comments shown as
        "< N". No word cloud, no sentiment score. Empty without a comment question."""
        if not self._has_survey() or self.data.themes is None:
            return Fragment("")
        L, k = self.L, self.params.privacy.min_group_size
        n = self.metrics["comments"]["count"]
        if not n:
            return Fragment(fragments.section("themes", L.t("themes"), fragments.paragraph(
                L.t("no_comments"), "pr-note")))
        parts = [fragments.paragraph(L.t("themes_intro", n=L.number(n), k=k), "pr-note")]
        stats = self.data.themes
        shown = [t for t in stats if t.count is not None]
        if shown:
            fig = figures.hbar([t.name for t in shown], [t.count for t in shown], L,
                               L.t("themes_chart"), total=n, axis_title=L.t("comments_header"),
                               category=L.t("theme"), colours=figures.PALETTE["secondary"])
            fig._pr_alt.summary = parts_of(L.t("sum_themes"), total=L.number(n),
                                           top=shown[0].name, n=L.number(shown[0].count),
                                           p=L.percent(shown[0].share))
            parts.append(self._chart(fig, L.t("themes_chart")))
        # the shown themes' figures are the chart's values; the others are named, "< N"
        few = [t.name for t in stats if t.count is None]
        if few:
            parts.append(fragments.paragraph(
                L.t("themes_few", n=k, names=", ".join(few)), "pr-note"))
        if not stats:
            parts.append(fragments.paragraph(L.t("no_themes"), "pr-note"))
        lang_attr = f' lang="{self.data_lang}"' if self.data_lang else ""
        for t in shown:
            if t.quotes:
                quotes = "".join(f"<blockquote{lang_attr}>{fragments.esc(q)}</blockquote>"
                                 for q in t.quotes)
                parts.append(f'<div class="pr-theme"><h3>{fragments.esc(t.name)}</h3>'
                             f'<div class="pr-quotes">{quotes}</div></div>')
        return Fragment(fragments.section("themes", L.t("themes"), "".join(parts)))

    def comments(self) -> Fragment:
        """Selected comments, masked (e-mails, phones, links, participants' names) and in
        an order unrelated to submission; `privacy.comments: exclude` leaves them out."""
        if not self._has_survey():
            return Fragment("")
        L = self.L
        items = self.data.comments
        if items is None:
            body = fragments.paragraph(L.t("comments_excluded"), "pr-note")
        elif not items:
            body = fragments.paragraph(L.t("no_comments"), "pr-note")
        else:
            lang_attr = f' lang="{self.data_lang}"' if self.data_lang else ""
            quotes = "".join(f"<blockquote{lang_attr}>{fragments.esc(c)}</blockquote>"
                             for c in items)
            body = fragments.paragraph(L.t("comments_intro"), "pr-note") + (
                f'<div class="pr-quotes">{quotes}</div>')
        return Fragment(fragments.section("comments", L.t("comments"), body))

    def method(self) -> Fragment:
        """Data quality and method: rows read, kept and rejected per file with the
        reasons, metrics that could not be computed, definitions, the suppression rule."""
        L = self.L
        files = self.data.quality
        rows = [[L.t(f"{f.kind}_file"), f.name, L.number(f.rows_read), L.number(f.rows_kept),
                 L.number(f.rows_rejected), L.number(f.duplicates)] for f in files]
        parts = [fragments.table([L.t("file"), L.t("file_name"), L.t("rows_read"), L.t("rows_kept"),
                               L.t("rows_rejected"), L.t("duplicates")], rows,
                              numeric={2, 3, 4, 5}, caption=L.t("file_rows"))]
        reasons = [[L.t(f"{f.kind}_file") + (f" ({f.name})" if f.kind == "attendance" else ""),
                    L.reason(key), L.number(n)] for f in files for key, n in f.reasons]
        if reasons:
            parts.append(fragments.table([L.t("file"), L.t("reason"), L.t("count")], reasons,
                                      numeric={2}, caption=L.t("rejections")))
        else:
            parts.append(fragments.paragraph(L.t("no_rejections")))
        # a forum without attendance lists is not a hybrid one: nothing to say about it
        nulls = {k: v for k, v in self.data.reasons.items() if v != "no_attendance_list"}
        if nulls:
            items = "".join(f"<li>{fragments.esc(L.null_reason(v))}</li>"
                            for v in dict.fromkeys(nulls.values()))  # each reason once
            parts.append(f'<h3>{fragments.esc(L.t("not_computed"))}</h3><ul>{items}</ul>')
        if self.data.checks:
            items = "".join(f"<li>{fragments.esc(describe(c, L))}</li>" for c in self.data.checks)
            parts.append(f'<h3>{fragments.esc(L.t("data_warnings"))}</h3>'
                         f'<ul class="pr-warnings">{items}</ul>')
        terms = DEFINITIONS[L.code] + ([HISTORY_DEFINITION[L.code]] if self.data.history else [])
        if self.metrics["registrations"].get("unregistered_attendees") is not None:
            terms.append(HYBRID_DEFINITION[L.code])  # a forum with attendance lists
        if self.metrics.get("change"):
            terms.append(CHANGE_DEFINITION[L.code])
        defs = "".join(f"<li>{fragments.md_bold(d)}</li>" for d in terms)
        parts.append(f'<h3>{fragments.esc(L.t("definitions"))}</h3><ul class="pr-defs">{defs}</ul>')
        parts.append(fragments.paragraph(
            SUPPRESSION_RULE[L.code].format(n=self.params.privacy.min_group_size), "pr-note"))
        # the sign-off and the charts' values close the report: `end()`, after custom cells
        return Fragment(fragments.section("method", L.t("method"), "".join(parts)))


# the heading of a breakdown by a canonical field
FIELD_HEADS = {"community": "type_of_organisation", "sector": "sector",
                "company_size": "company_size", "departement": "departement",
                "postcode": "postcode_head", "organisation": "organisation_head"}


def _analyse(params: EventParams) -> Analysis:
    from ..measure.analysis import analyse

    return analyse(params)


def _report_data(analysis: Analysis, L: Lang) -> ReportData:
    from ..measure.aggregates import report_data

    return report_data(analysis, other=L.t("other"))
