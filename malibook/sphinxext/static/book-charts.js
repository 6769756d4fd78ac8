/* Draws the book's interactive charts (malibook.sphinxext.charts) with the vega-embed of
   book-vega.js. Each chart's static image stays in the page and is hidden only once the chart has
   rendered, so a chart that fails leaves the static figure, and nothing is logged. Links in a chart
   (a click on a mark opens the paragraph that states it) are relative to the book's root. */
(function () {
  "use strict";
  function drawCharts() {
    if (typeof window.vegaEmbed !== "function") {
      return;
    }
    var root = document.documentElement.dataset.content_root || "";
    document.querySelectorAll(".book-chart").forEach(function (box) {
      var view = box.querySelector(".book-chart-view");
      var source = box.querySelector("script.book-chart-spec");
      var spec;
      try {
        spec = JSON.parse(source.textContent);
      } catch (error) {
        box.classList.add("book-chart-failed");
        return;
      }
      window.vegaEmbed(view, spec, {
        actions: false,
        renderer: "svg",
        loader: {baseURL: root, target: "_self"},
        tooltip: {theme: "light"}
      }).then(function () {
        box.classList.add("book-chart-live");
      }).catch(function () {
        view.replaceChildren();
        box.classList.add("book-chart-failed");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
