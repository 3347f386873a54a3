"""What every report's sections share: params, language, chart numbering, the cover.

`EventReport` and `ProgrammeReport` are `ReportSections`; `warm_up` readies a report
kernel while it waits for its run.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..i18n import Foreign, Lang, guess_language, lang
from . import figures, fragments
from .fragments import Fragment


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
                    figures.trend_with_errors(["a"], [1.0], [0.5], L, "a", "a"),
                    figures.ranked_means(["a"], [3.0], [(2.5, 3.5)], L, "a")):
            fragments.chart(fig, "warm-up", "")
        L.date(day)
    from . import display, maps

    display.install()  # the chart template is built now, not while the report waits
    maps.geometry("departements")  # and the map's shapes read
    maps.geometry("regions")
    global warmed_up
    warmed_up = True


warmed_up = False  # set by warm_up(): the report kernel's start-up lines have run


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
                from ..bundle import sample_params

                params = sample_params(sample) if sample else sample_params()
            params = loader(params, language=language or None)
        elif language:
            params.language = language
        self.params = params
        self.L: Lang = lang(params.language)
        self.interactive = interactive
        self._charts = 0
        # each chart's (title, figure or text alternative, the cell that showed it), for
        # the appendix; see display.remember
        self._values: list[tuple[str, object, object]] = []
        self.data_lang: str | None = None  # the inputs' language, when not the report's
        if _in_kernel():
            from . import display

            display.install(self.L.code, self._values)  # custom charts join the appendix
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
        from .display import remember

        self._charts += 1
        remember(self._values, title, fig)
        return fragments.chart(fig, f"chart-{self._charts}", title,
                            values_label=self.L.t("chart_data"),
                            values_caption=self.L.t("chart_data_caption", title=title),
                            category=self.L.t("category"))

    def end(self) -> Fragment:
        """The report's close, for the notebook's last cell: the sign-off (the date the
        report was made) and, in print, the appendix of every chart's values — the
        report's own charts and those of the custom cells above it, in page order. What a
        cell shows after it comes after the appendix."""
        L = self.L
        return Fragment(fragments.paragraph(L.t("generated", date=L.date(dt.date.today())),
                                            "pr-footer") + self.chart_values().html)

    def _map(self, m: object, title: str, map_id: str) -> str:
        """A map (`maps.choropleth`), numbered with the charts; its values join theirs in
        the printed appendix."""
        from .display import remember
        from .maps import svg

        self._charts += 1
        remember(self._values, title, m)
        cid = f"chart-{self._charts}"
        return fragments.map_chart(m, cid, svg(m, map_id, f"{cid}-summary"), title,
                                   credit=self.L.t("map_credit"),
                                   legend_label=self.L.t("map_legend"),
                                   values_label=self.L.t("chart_data"),
                                   values_caption=self.L.t("chart_data_caption", title=title))

    def chart_values(self) -> Fragment:
        """The appendix of the printed report: every chart's values as a table. On screen
        each chart carries its own table (collapsed), so this is not shown there (and not
        read twice by a screen reader); in print the charts stay uncluttered."""
        from .figures import describe

        if not self._values:
            return Fragment("")
        L = self.L
        tables = "".join(fragments.chart_values(describe(fig, L.t("category"), L),
                                             L.t("chart_data_caption", title=title))
                         for title, fig, _ in self._values)
        return Fragment(fragments.section(
            "chart_values", L.t("chart_data_appendix"),
            fragments.paragraph(L.t("chart_data_intro"), "pr-note")
            + f'<div class="pr-values">{tables}</div>', new_page=True)
            .replace('class="pr-section pr-newpage"', 'class="pr-section pr-newpage pr-print"',
                     1))

    def _cover(self, kind: str, title: str, facts: list[tuple[str, str]]) -> Fragment:
        """The cover: what this is, its title, then label/value facts."""
        rows = "".join(f"<dt>{fragments.esc(k)}</dt><dd>{fragments.pieces([v])}</dd>"
                       for k, v in facts)
        return Fragment(
            '<header class="pr-cover"><div class="pr-kicker">'
            f'{fragments.esc(self.L.t(kind))}</div><h1>{fragments.pieces([title])}</h1>'
            f'<dl class="pr-facts">{rows}</dl></header>')

    def _contents(self, sections) -> Fragment:
        items = "".join(f'<li><a href="#{s}">{fragments.esc(self.L.t(s))}</a></li>'
                        for s in sections)
        return Fragment(f'<nav class="pr-toc"><h2>{fragments.esc(self.L.t("contents"))}</h2>'
                        f"<ol>{items}</ol></nav>")
