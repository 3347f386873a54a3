"""render: every data string escaped; chart specs cannot close their script element."""

from __future__ import annotations

import plotly.graph_objects as go

from peakreport.notebook.fragments import card, chart, esc, md_bold, table


def test_esc_covers_html_attributes_and_template_syntax():
    assert esc('<img src=x onerror="alert(1)">') == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
    assert esc("{{7*7}} {% x %}") == "&#123;&#123;7*7&#125;&#125; &#123;% x %&#125;"


def test_md_bold_escapes_before_adding_markup():
    assert md_bold("**Taux** <b>x</b>") == "<strong>Taux</strong> &lt;b&gt;x&lt;/b&gt;"


def test_chart_json_cannot_end_the_script_element():
    fig = go.Figure(go.Bar(x=[1], y=["</script><script>alert(1)</script>"]))
    out = chart(fig, "chart-1", "t")
    body = out.split("<script>", 1)[1]
    assert body.count("</script>") == 1  # only the element's own end tag
    assert body.count("<script>") == 0


def test_table_and_card_escape_cells():
    html = table(["<h>"], [["<td onclick=x>"]])
    assert "<h>" not in html and "&lt;td onclick=x&gt;" in html
    assert "&lt;b&gt;" in card("<b>", "1", status=True, target="t")
