"""What the programme notebook calls: one method per section of the programme report."""

from __future__ import annotations

from pathlib import Path

from ..i18n import (
    CHANGE_DEFINITION,
    DEFINITIONS,
    HYBRID_DEFINITION,
    PROGRAMME_DEFINITIONS,
    SUPPRESSION_RULE,
)
from ..i18n import parts as parts_of
from ..measure.aggregates import quality
from ..measure.programme import ProgrammeAnalysis, analyse_programme, cumulative, retention
from ..params import COMMUNITIES, ProgrammeParams, load_programme_params
from ..territory import DEPARTEMENTS, territory_codes, territory_label
from . import changes, figures, fragments, maps
from .event import FIELD_HEADS as _FIELD_HEADS
from .fragments import Fragment
from .sections import ReportSections

SECTIONS = ("key_figures", "trends", "participants_section", "mix", "coverage", "themes",
            "breakdown", "method")


class ProgrammeReport(ReportSections):
    """The sections of the programme report, in the programme params' language.

    `report = ProgrammeReport("params/peak-3.yaml")` analyses every forum the programme
    params list, each exactly as for its own report. The sections, in the bundled
    notebook's order: `cover`, `contents`, `key_figures`, `trends`, `participants`,
    `mix`, `coverage`, `themes`, `breakdown`, `method`, and last `end` (the sign-off and
    the printed appendix of chart values); each returns a `Fragment` that a cell shows
    by ending with it.
    `params`, `language`, `interactive` and `analysis` are as for `EventReport` ("" is
    the sample programme).

    For custom analysis: `metrics` (the programme's metrics.json), `labels` (each forum's
    label in the charts, its year when the years differ), `attendances` (one row per
    person and forum attended, people numbered, no personal data), and `analysis` (the
    full analysis, personal data included: for checking, never for showing).
    """

    def __init__(self, params: str | Path | ProgrammeParams = "", language: str | None = None,
                 interactive: bool = True,
                 analysis: str | Path | ProgrammeAnalysis | None = None) -> None:
        super().__init__(params, language, interactive, load_programme_params, ProgrammeParams,
                         sample="peak-3.yaml")
        self.analysis: ProgrammeAnalysis = self._handed_over(analysis, analyse_programme,
                                                             self.params)
        self.names = [a.params.event.date.year for a in self.analysis.forums]
        self.labels = [str(y) for y in self.names]
        if len(set(self.labels)) < len(self.labels):  # two forums in one year
            self.labels = [a.params.event.id for a in self.analysis.forums]
        self._set_data_lang([self.params.programme.title,
                             *(a.params.event.title for a in self.analysis.forums)])

    @property
    def metrics(self) -> dict:
        """The programme's metrics.json content: totals, per-forum metrics, targets."""
        return self.analysis.metrics

    @property
    def attendances(self):
        """A pandas DataFrame: `person` (the same number in every forum), `forum` (its
        label), `community` and `departement` in the report's words ("Entreprises",
        "Isère (38)"), then their codes `community_code` and `departement_code`; one row
        per person and forum attended."""
        from .frames import attendances

        return attendances(self.analysis, self.labels, self.L)

    def cover(self) -> Fragment:
        """The cover: the programme's title, its forums with their dates, the funders."""
        L, p = self.L, self.params.programme
        forums = ", ".join(f"{a.params.event.title} ({L.date(a.params.event.date)})"
                           for a in self.analysis.forums)
        rows = [(L.t("forums"), self._in(forums))]
        if p.funders:
            rows.append((L.t("funders"), self._in(", ".join(p.funders))))
        return self._cover("programme_report_kind", self._in(p.title), rows)

    def contents(self) -> Fragment:
        """The table of contents."""
        t = self.metrics["totals"]
        return self._contents(s for s in SECTIONS
                              if (s != "themes" or t.get("comments"))
                              and (s != "breakdown" or t.get("breakdown")))

    def key_figures(self) -> Fragment:
        """Programme totals against targets: unique participants and organisations,
        attendances, regional share, pooled satisfaction and NPS."""
        L, t = self.L, self.metrics["totals"]
        targets = self.metrics["targets"]

        def badge(key, fmt):
            x = targets.get(key)
            return (None, "") if not x else (x["met"], f'{L.t("target")} {fmt(x["target"])}')

        cards = []
        for key, value, note, fmt in (
            ("unique_participants", L.number(t["unique_participants"]),
             f'{len(self.analysis.forums)} {L.t("forums").lower()}', L.number),
            ("unique_organisations", L.number(t["unique_organisations"]), "", L.number),
            ("attendances", L.number(t["attended"]), "", L.number),
            ("regional_share", L.percent(t["regional_share"]), L.t("unique_participants"
                                                                    ).lower(), L.percent),
            ("satisfaction_mean", L.number(t["satisfaction_mean"], 1), L.t("out_of_5"),
             lambda x: L.number(x, 1)),
            ("nps", L.signed(t["nps"]), L.t("margin", moe=L.number(t["nps_margin_of_error"]))
             if t["nps"] is not None else "", L.signed),
        ):
            met, tgt = badge(key, fmt)
            verdict = "" if met is None else L.t("met" if met else "not_met")
            cards.append(fragments.card(L.t(key), value, note, met, tgt, verdict))
        body = (f'<div class="pr-cards">{"".join(cards)}</div>'
                + fragments.paragraph(L.t("pooled_note"), "pr-note"))
        return Fragment(fragments.section("key_figures", L.t("key_figures"), body))

    def trends(self) -> Fragment:
        """Per forum: registered and attended, satisfaction, NPS with its margin of error
        (error bars), and the same as a table."""
        L, forums = self.L, self.metrics["forums"]
        reg = [f["registrations"]["registered"] for f in forums]
        att = [f["registrations"]["attended"] or 0 for f in forums]
        parts = [self._chart(figures.grouped_bars(
            self.labels, {L.t("registered"): reg, L.t("attended"): att}, L,
            L.t("registered_attended"), colours=[figures.PALETTE["light"],
                                                 figures.PALETTE["primary"]],
            y_title=L.t("people")), L.t("registered_attended"))]
        sats = [(f["survey"] or {}).get("satisfaction_mean") for f in forums]
        parts.append(self._chart(figures.lines(
            self.labels, {L.t("satisfaction_mean"): sats}, L, L.t("satisfaction_trend"),
            colours=[figures.PALETTE["secondary"]], y_range=(1, 5.4)),
            L.t("satisfaction_trend")))
        nps = [(f["survey"] or {}).get("nps") for f in forums]
        moe = [(f["survey"] or {}).get("nps_margin_of_error") for f in forums]
        parts.append(self._chart(figures.trend_with_errors(
            self.labels, nps, moe, L, L.t("nps_trend"), "NPS"), L.t("nps_trend")))
        rows = []
        for label, f in zip(self.labels, forums, strict=True):
            s = f["survey"] or {}
            rows.append([label, L.number(f["registrations"]["registered"]),
                         L.number(f["registrations"]["attended"]),
                         L.percent(f["registrations"]["attendance_rate"]),
                         L.number(s.get("satisfaction_mean"), 1),
                         f'{L.signed(s.get("nps"))} ± {L.number(s.get("nps_margin_of_error"))}'
                         if s.get("nps") is not None else "–"])
        parts.append(fragments.table(
            [L.t("forum"), L.t("registered"), L.t("attended"), L.t("attendance_rate"),
             L.t("satisfaction_mean"), "NPS"], rows, numeric={1, 2, 3, 4, 5},
            caption=L.t("forum_figures")))
        parts.append(self._changes())
        return Fragment(fragments.section("trends", L.t("trends"), "".join(parts)))

    def _changes(self) -> str:
        """Each forum against the one before it, as each forum's report says it: the change,
        the smallest change the samples could detect, and up / down / stable in words."""
        L, forums = self.L, self.metrics["forums"]
        pairs = [(i, f["change"]) for i, f in enumerate(forums) if f.get("change")]
        if not pairs:
            return ""
        rows = []
        for key in changes.KEYS:
            cells = [changes.cell(ch[key], key, L) if ch.get(key) else "–" for _, ch in pairs]
            if any(c != "–" for c in cells):
                rows.append([L.t(key.split(".")[1]), *cells])
        head = [L.t("indicator"), *(f"{self.labels[i - 1]} → {self.labels[i]}"
                                    for i, _ in pairs)]
        return (fragments.table(head, rows, caption=L.t("changes_caption"))
                + fragments.paragraph(L.t("change_note"), "pr-note"))

    def participants(self) -> Fragment:
        """New against returning participants per forum, cumulative unique participants
        and organisations, who came back the next year by type of organisation."""
        L, forums = self.L, self.metrics["forums"]
        n = len(forums)
        parts = [self._chart(figures.grouped_bars(
            self.labels, {L.t("new"): [f["new_participants"] for f in forums],
                          L.t("returning"): [f["returning_participants"] for f in forums]},
            L, L.t("new_vs_returning"), colours=[figures.PALETTE["secondary"],
                                                 figures.PALETTE["primary"]],
            stacked=True, y_title=L.t("people")), L.t("new_vs_returning"))]
        cum = cumulative(self.analysis.attendance, n)
        parts.append(self._chart(figures.lines(
            self.labels, {L.t("unique_participants"): [c[0] for c in cum],
                          L.t("unique_organisations"): [c[1] for c in cum]}, L,
            L.t("cumulative_unique"), colours=[figures.PALETTE["primary"],
                                               figures.PALETTE["accent"]]),
            L.t("cumulative_unique")))
        ret = retention(self.analysis.attendance, n)
        if ret:
            head = [L.t("forum")] + [L.t(c) for c in COMMUNITIES] + [L.t("total")]
            rows = []
            for r in ret:
                cells = [f"{self.labels[r['from']]} → {self.labels[r['to']]}"]
                for c in COMMUNITIES:
                    back, of = r["by_community"][c]
                    cells.append(f"{L.number(back)} / {L.number(of)}" if of else "–")
                cells.append(f"{L.number(r['back'])} / {L.number(r['of'])} "
                             f"({L.percent(r['back'] / r['of'] if r['of'] else None)})")
                rows.append(cells)
            parts.append(fragments.table(head, rows, numeric=set(range(1, len(head))),
                                      caption=L.t("retention")))
        return Fragment(fragments.section("participants_section", L.t("participants_section"),
                                       "".join(parts)))

    def mix(self) -> Fragment:
        """The audience mix (types of organisation) of each forum, as shares."""
        L, forums = self.L, self.metrics["forums"]
        series = {}
        for c in COMMUNITIES:
            shares = []
            for f in forums:
                by = f["audience"]["by_community"] or {}
                total = sum(by.values())
                shares.append(by.get(c, 0) / total if total else 0)
            series[L.t(c)] = shares
        fig = figures.grouped_bars(self.labels, series, L, L.t("mix_chart"),
                                   colours=[figures.COMMUNITY_COLOURS[c] for c in COMMUNITIES],
                                   stacked=True, percent=True)
        return Fragment(fragments.section("mix", L.t("mix"), self._chart(fig, L.t("mix_chart"))))

    def coverage(self) -> Fragment:
        """Attendees by département (the ten most frequent) for each forum."""
        L = self.L
        att = self.analysis.attendance
        top = att["departement"].dropna().value_counts().head(10).index
        rows = []
        for code in top:
            sel = att[att["departement"] == code]
            counts = [int((sel["forum"] == i).sum()) for i in range(len(self.labels))]
            rows.append([f"{DEPARTEMENTS.get(code, code)} ({code})",
                         *[L.number(c) for c in counts]])
        body = self._maps() + fragments.paragraph(L.t("coverage_note"), "pr-note") + (
            fragments.table([L.t("departement"), *self.labels], rows,
                            numeric=set(range(1, len(self.labels) + 1)),
                            caption=L.t("coverage_table")))
        share = self.metrics["totals"]["regional_share"]
        if share is not None:
            body += fragments.paragraph(f'{L.t("regional_share")}{L.colon}{L.percent(share)}',
                                     "pr-note")
        return Fragment(fragments.section("coverage", L.t("coverage"), body))

    def themes(self) -> Fragment:
        """Comment themes over every forum's comments: a chart of the themes summed, and a
        table of each theme per forum ("< N" where a forum's count is under the small-group
        rule) with the programme's total and share. Empty without comments."""
        L, k = self.L, self.params.privacy.min_group_size
        c = self.metrics["totals"].get("comments")
        if not c:
            return Fragment("")
        hide = L.t("suppressed", n=k)
        parts = [fragments.paragraph(L.t("themes_programme_intro", n=L.number(c["count"]), k=k),
                                     "pr-note")]
        shown = [t for t in c["themes"] if t["count"] is not None]
        if shown:
            fig = figures.hbar([t["theme"] for t in shown], [t["count"] for t in shown], L,
                               L.t("themes_chart"), total=c["count"],
                               axis_title=L.t("comments_header"), category=L.t("theme"),
                               colours=figures.PALETTE["secondary"])
            fig._pr_alt.summary = parts_of(
                L.t("sum_themes"), total=L.number(c["count"]), top=shown[0]["theme"],
                n=L.number(shown[0]["count"]), p=L.percent(shown[0]["share"]))
            parts.append(self._chart(fig, L.t("themes_chart")))
        per_forum = []
        for f in self.metrics["forums"]:
            counts = {t["key"]: t["count"] for t in (f.get("comments") or {}).get("themes", [])}
            per_forum.append((f.get("comments") is not None, counts))
        rows = []
        for t in c["themes"]:
            cells = [t["theme"]]
            hidden = {i for i, (has, counts) in enumerate(per_forum)
                      if has and t["key"] in counts and counts[t["key"]] is None}
            found = {i: counts.get(t["key"], 0) for i, (has, counts) in enumerate(per_forum)
                     if has and i not in hidden}
            if len(hidden) == 1 and t["count"] is not None:
                # the total minus the others would give the hidden count: hide one more
                shown_at = [i for i, x in found.items() if x]
                if shown_at:
                    hidden.add(min(shown_at, key=lambda i: (found[i], i)))
            for i, (has, _counts) in enumerate(per_forum):
                cells.append("–" if not has else hide if i in hidden else L.number(found[i]))
            cells += [hide if t["count"] is None else L.number(t["count"]),
                      hide if t["count"] is None else L.percent(t["share"])]
            rows.append(cells)
        head = [L.t("theme"), *self.labels, L.t("total"), L.t("share_of_comments")]
        parts.append(fragments.table(head, rows, numeric=set(range(1, len(head))),
                                     caption=L.t("themes_table")))
        return Fragment(fragments.section("themes", L.t("themes"), "".join(parts)))

    def breakdown(self) -> Fragment:
        """Each breakdown the forums' params ask for (`report.breakdown`), its groups summed
        over the forums that ask for it: registrations, attendances, attendance rate and
        pooled satisfaction; small groups "< N". Empty when no forum asks for one."""
        L, k = self.L, self.params.privacy.min_group_size
        b = self.metrics["totals"].get("breakdown")
        if not b:
            return Fragment("")
        from ..measure.breakdown import resolve
        from ..measure.metrics import linkable

        hide = L.t("suppressed", n=k)
        parts = []
        for entry, groups in b.items():
            asked = [(lab, f) for lab, f in zip(self.labels, self.analysis.forums, strict=True)
                     if entry in f.params.report.breakdown]
            kind, name = resolve(entry, asked[0][1].registrations)
            head_name = L.t(_FIELD_HEADS[name]) if kind == "field" else self._in(entry)
            forums = [lab for lab, _ in asked]
            linked = any(linkable(f.survey, f.responses, f.people) for _, f in asked)
            rows = []
            for r in groups:
                label = (L.t("unknown") if r["group"] is None else
                         L.t(r["group"]) if kind == "field" and name == "community" else
                         f"{DEPARTEMENTS.get(r['group'], r['group'])} ({r['group']})"
                         if kind == "field" and name == "departement" else self._in(r["group"]))
                if r["registered"] is None:
                    rows.append([label, hide, hide, hide, hide])
                    continue
                sat = r["satisfaction_mean"]
                rows.append([label, L.number(r["registered"]), L.number(r["attended"]),
                             L.percent(r["attendance_rate"]),
                             L.number(sat, 1) if sat is not None else
                             hide if linked and r["respondents"] is None else "–"])
            parts.append(fragments.table(
                [head_name, L.t("registrations_total"), L.t("attendances"),
                 L.t("attendance_rate"), L.t("satisfaction_mean")], rows, numeric={1, 2, 3, 4},
                caption=L.t("breakdown_programme_table", name=head_name,
                            forums=", ".join(forums))))
        parts.append(fragments.paragraph(L.t("breakdown_programme_note", n=k), "pr-note"))
        return Fragment(fragments.section("breakdown", L.t("breakdown"), "".join(parts)))

    def _maps(self) -> str:
        """Unique participants (each at the département of their latest forum) by region
        and by département, over all the forums."""
        L = self.L
        att = self.analysis.attendance
        latest = att.sort_values("forum", kind="stable").drop_duplicates("identity",
                                                                          keep="last")
        by_dep = {str(c): int(n) for c, n in latest["departement"].dropna().value_counts()
                  .items()}
        if not by_dep:
            return ""
        regions = maps.geometry("regions")["regions"]
        region_of = {d: code for code, r in regions.items() for d in r["departements"]}
        region_of["20"] = region_of.get("2A", "20")  # Corsica, département unknown
        by_region: dict[str, int] = {}
        for dep, n in by_dep.items():
            code = region_of.get(dep, dep)
            by_region[code] = by_region.get(code, 0) + n
        codes = territory_codes(self.params.territory) or frozenset()
        name = territory_label(self.params.territory)
        in_regions = frozenset(code for code, r in regions.items()
                               if codes and set(r["departements"]) <= codes)
        unit = L.t("map_unit_people")
        return (self._map(maps.choropleth("regions", by_region, L, unit=unit,
                                          territory=in_regions, territory_name=name,
                                          category=L.t("region")),
                          L.t("regions_map"), "regions-map")
                + self._map(maps.choropleth("departements", by_dep, L, unit=unit,
                                            territory=codes, territory_name=name,
                                            category=L.t("departement")),
                            L.t("departements_map"), "territory-map"))

    def method(self) -> Fragment:
        """Rows read, kept and rejected per forum and file, rejection reasons summed over
        the forums, definitions, the suppression rule."""
        L = self.L
        # a hybrid forum's attendance lists get their own columns (summed over its lists),
        # so that the rejections below add up with the rows above
        hybrid = any(a.people.lists for a in self.analysis.forums)
        width = 9 if hybrid else 6
        rows, totals = [], [0] * width
        for label, a in zip(self.labels, self.analysis.forums, strict=True):
            q = quality(a)
            r = next(f for f in q if f.kind == "registrations")
            s = next((f for f in q if f.kind == "survey"), None)
            vals = [r.rows_read, r.rows_kept, r.rows_rejected,
                    s.rows_read if s else 0, s.rows_kept if s else 0, s.rows_rejected if s else 0]
            if hybrid:
                lists = [f for f in q if f.kind == "attendance"]
                vals += [sum(f.rows_read for f in lists), sum(f.rows_kept for f in lists),
                         sum(f.rows_rejected for f in lists)]
            totals = [t + v for t, v in zip(totals, vals, strict=True)]
            rows.append([label, *[L.number(v) for v in vals]])
        rows.append([L.t("total"), *[L.number(v) for v in totals]])
        head = [L.t("forum")]
        for kind in ("registrations_file", "survey_file",
                     *(["attendance_file"] if hybrid else [])):
            head += [f'{L.t(kind)}{L.colon}{L.t("rows_read").lower()}', L.t("rows_kept"),
                     L.t("rows_rejected")]
        parts = [fragments.table(head, rows, numeric=set(range(1, width + 1)),
                              caption=L.t("rows_per_forum"))]
        reasons: dict[str, int] = {}
        for a in self.analysis.forums:
            for f in quality(a):
                for key, n in f.reasons:
                    reasons[key] = reasons.get(key, 0) + n
        if reasons:
            parts.append(fragments.table([L.t("reason"), L.t("count")],
                                      [[L.reason(k), L.number(n)] for k, n in reasons.items()],
                                      numeric={1}, caption=L.t("rejections")))
        terms = PROGRAMME_DEFINITIONS[L.code] + DEFINITIONS[L.code]
        if len(self.analysis.forums) > 1:
            terms = [*terms, CHANGE_DEFINITION[L.code]]  # the trends say each forum's change
        if hybrid:
            terms = [*terms, HYBRID_DEFINITION[L.code]]
        defs = "".join(f"<li>{fragments.md_bold(d)}</li>" for d in terms)
        parts.append(f'<h3>{fragments.esc(L.t("definitions"))}</h3><ul class="pr-defs">{defs}</ul>')
        parts.append(fragments.paragraph(
            SUPPRESSION_RULE[L.code].format(n=self.params.privacy.min_group_size), "pr-note"))
        # the sign-off and the charts' values close the report: `end()`, after custom cells
        return Fragment(fragments.section("method", L.t("method"), "".join(parts),
                                          new_page=True))
