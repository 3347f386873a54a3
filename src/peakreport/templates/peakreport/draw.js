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
        function () { self.drawn += 1; },
        function (err) { self.failed += 1; console.error(err); }
      );
    } catch (err) {
      self.failed += 1;
      console.error(err);
    }
  },
  ready: function () {
    var images = Array.prototype.every.call(document.images, function (i) { return i.complete; });
    return images && this.drawn + this.failed >= document.querySelectorAll(".pr-chart").length;
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
