/* peakreport: draws every chart of the page with the inline plotly.js and counts them, so
   that the PDF printer can wait until all charts are drawn (not for a fixed delay). */
window.peakreport = window.peakreport || {
  drawn: 0,
  failed: 0,
  draw: function (id, spec) {
    var self = this;
    var el = document.getElementById(id);
    var config = { displayModeBar: false, responsive: true, displaylogo: false };
    try {
      Plotly.newPlot(el, spec.data, spec.layout, config).then(
        function () { self.hide(el); self.drawn += 1; },
        function (err) { self.failed += 1; console.error(err); }
      );
    } catch (err) {
      self.failed += 1;
      console.error(err);
    }
  },
  /* The drawing is one image named by the chart's summary and pointing to its values
     table: plotly.js's main SVG gets role="img" (its bars, axes and labels are then not
     read one by one, and the tagged PDF has one figure per chart, the summary as its
     alternative text); its other SVG layers are hidden from assistive technology; and so is
     the off-screen SVG in which plotly.js measures text (else read as a nameless image). */
  hide: function (el) {
    el.querySelectorAll("svg").forEach(function (svg, i) {
      if (i === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-labelledby", el.id + "-summary");
        svg.setAttribute("aria-details", el.id + "-values");
      } else { svg.setAttribute("aria-hidden", "true"); }
    });
    var tester = document.getElementById("js-plotly-tester");
    if (tester) { tester.setAttribute("aria-hidden", "true"); }
  },
  ready: function () {
    var images = Array.prototype.every.call(document.images, function (i) { return i.complete; });
    /* maps are inline SVG (maps.py): nothing to wait for */
    var charts = document.querySelectorAll(".pr-chart:not(.pr-map)").length;
    return images && this.drawn + this.failed >= charts;
  },
  /* The PDF printer's page, while the notebook runs: draw one chart of each kind the
     reports use, off screen, and throw them away, so that the first report is drawn with
     plotly.js's code already compiled. */
  warmUp: function () {
    var box = document.createElement("div");
    box.style.cssText = "position:absolute;left:-10000px;top:0;width:680px";
    document.body.appendChild(box);
    var axes = { automargin: true, gridcolor: "#e4e7eb" };
    var text = { text: ["1 (10 %)", "2 (20 %)"], textposition: "outside", cliponaxis: false,
                 hoverinfo: "skip" };
    var charts = [
      [[Object.assign({ type: "bar", orientation: "h", x: [1, 2], y: ["a", "b"] }, text)], {}],
      [[Object.assign({ type: "bar", x: ["a", "b"], y: [1, 2] }, text)], {}],
      [[{ type: "scatter", mode: "lines", x: ["2021-10-01", "2021-12-01"], y: [1, 9],
          fill: "tozeroy", line: { shape: "hv" } }],
       { shapes: [{ type: "line", x0: "2021-12-01", x1: "2021-12-01", y0: 0, y1: 1,
                    yref: "paper" }],
         annotations: [{ x: "2021-12-01", y: 1, yref: "paper", text: "x", showarrow: false }] }],
      [[{ type: "bar", orientation: "h", x: [0.4], y: [""], name: "a", text: ["40 %"],
          textposition: "inside" },
        { type: "bar", orientation: "h", x: [0.6], y: [""], name: "b", text: ["60 %"],
          textposition: "inside" }],
       { barmode: "stack", showlegend: true, legend: { orientation: "h", y: -0.3 } }],
      [[{ type: "scatter", mode: "lines+markers+text", x: ["2020", "2021"], y: [10, 20],
          text: ["+10", "+20"], error_y: { type: "data", array: [5, 6], visible: true } }],
       { xaxis: Object.assign({ type: "category" }, axes) }]
    ];
    var drawn = charts.map(function (c) {
      var el = document.createElement("div");
      box.appendChild(el);
      var layout = Object.assign({ height: 220, separators: ",\u202f", xaxis: axes,
                                   yaxis: axes, title: { text: "x" } }, c[1]);
      return Plotly.newPlot(el, c[0], layout, { displayModeBar: false });
    });
    function clear() {
      box.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.purge(el); });
      box.remove();
    }
    return Promise.all(drawn).then(function () { clear(); return true; },
                                   function () { clear(); return false; });
  },
  /* The PDF printer's page: show another report (its HTML without this library) in place
     of the current one, as loading it would, but keeping plotly.js parsed and compiled.
     Navigating to each report instead costs about twice the CPU per PDF. */
  show: function (html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var scripts = Array.prototype.slice.call(doc.querySelectorAll("script"));
    document.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.purge(el); });
    document.documentElement.lang = doc.documentElement.lang;
    /* the previous report's head goes; the page's own (plotly.js and the styles it
       adds to the head) stays */
    (this.head || []).forEach(function (el) { el.remove(); });
    this.head = Array.prototype.slice.call(doc.head.children);
    this.head.forEach(function (el) { document.head.appendChild(document.adoptNode(el)); });
    document.body.replaceWith(document.adoptNode(doc.body));
    this.drawn = 0;
    this.failed = 0;
    /* parsed scripts do not run: run them in document order, as a page load would */
    var head = this.head;
    scripts.forEach(function (old) {
      var s = document.createElement("script");
      s.textContent = old.textContent;
      old.replaceWith(s);
      if (head.indexOf(old) >= 0) { head[head.indexOf(old)] = s; }
    });
  }
};
