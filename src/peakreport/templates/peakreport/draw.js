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
    return this.drawn + this.failed >= document.querySelectorAll(".pr-chart").length;
  }
};
