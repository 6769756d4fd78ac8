/* Draws the book's interactive charts (malibook.sphinxext.interactive_charts) with the vega-embed of
   book-vega.js. Each chart's static image stays in the page and is hidden only once the chart has
   rendered, so a chart that fails leaves the static figure, and nothing is logged. Links in a chart
   (a click on a mark opens the paragraph that states it) are relative to the book's root. On a
   phone, labels and legends give the plot the width (fitToWidth). */
(function () {
  "use strict";
  // Below this width (a phone), the axis labels and legends would take most of a chart's width.
  var NARROW = 600;

  /* On a narrow screen: the y axis's labels cut to a quarter of the width (their full text is in the
     tooltips and the table view) and every legend under the plot, so that the plot keeps most of
     the width, one entry a line. The spec is changed in place, before it is drawn. */
  function fitToWidth(spec, width) {
    if (width >= NARROW) {
      return spec;
    }
    var limit = Math.round(width / 4);
    (function walk(node, key) {
      if (Array.isArray(node)) {
        node.forEach(function (item) { walk(item, key); });
        return;
      }
      if (!node || typeof node !== "object") {
        return;
      }
      Object.keys(node).forEach(function (name) {
        var value = node[name];
        if (name === "values" || name === "datasets" || !value || typeof value !== "object") {
          return;
        }
        if (name === "axis" && key === "y") {
          value.labelLimit = Math.min(value.labelLimit || limit, limit);
        } else if (name === "legend") {
          value.orient = "bottom";
        }
        walk(value, name);
      });
    })(spec, "");
    var config = spec.config || {};
    config.legend = Object.assign({orient: "bottom", direction: "vertical", columns: 1, labelLimit: width - 60},
                                  config.legend);
    config.axisY = Object.assign({labelLimit: limit}, config.axisY);
    spec.config = config;
    return spec;
  }

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
      window.vegaEmbed(view, fitToWidth(spec, view.clientWidth), {
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
