/* Draws the book's interactive charts (malibook.sphinxext.interactive_charts) with the vega-embed of
   book-vega.js. Each chart's static image stays in the page and is hidden only once the chart has
   rendered, so a chart that fails leaves the static figure, and nothing is logged. Links in a chart
   (a click on a mark opens the paragraph that states it) are relative to the book's root. On a
   phone, labels and legends give the plot the width (fitToWidth).
   book-vega.js (300 kB compressed, and seconds of a phone's processor) is fetched only once the page
   has loaded and the reader has scrolled, pointed or touched (whenReady), and then only
   when a chart comes within a screen of the viewport, and each chart is drawn then: a reader who
   does not scroll to a chart sees its static image and pays nothing for it (docs/performance.md). */
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

  // The bundle's address, relative to this script (data-vega, set by malibook.sphinxext.charts).
  var script = document.currentScript;
  var bundle = script && script.dataset.vega ? new URL(script.dataset.vega, script.src).href : null;
  var loading = null;

  function loadVega() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (typeof window.vegaEmbed === "function") {
          resolve();
          return;
        }
        if (!bundle) {
          reject(new Error("no bundle"));
          return;
        }
        var element = document.createElement("script");
        element.src = bundle;
        element.onload = function () { resolve(); };
        element.onerror = reject;
        document.head.appendChild(element);
      });
    }
    return loading;
  }

  function drawChart(box) {
    var view = box.querySelector(".book-chart-view");
    var source = box.querySelector("script.book-chart-spec");
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      box.classList.add("book-chart-failed");
      return;
    }
    loadVega().then(function () {
      return window.vegaEmbed(view, fitToWidth(spec, view.clientWidth), {
        actions: false,
        renderer: "svg",
        loader: {baseURL: root, target: "_self"},
        tooltip: {theme: "light"}
      });
    }).then(function () {
      box.classList.add("book-chart-live");
    }).catch(function () {
      view.replaceChildren();
      box.classList.add("book-chart-failed");
    });
  }

  var root = document.documentElement.dataset.content_root || "";

  function drawCharts() {
    var boxes = document.querySelectorAll(".book-chart");
    if (!("IntersectionObserver" in window)) {
      boxes.forEach(drawChart);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          drawChart(entry.target);
        }
      });
    }, {rootMargin: "100% 0px"});
    boxes.forEach(function (box) { observer.observe(box); });
  }
  /* Charts are drawn once the page has loaded (its first figure's static image included) and the
     reader scrolls, points, touches, clicks or types: the chart only adds what a pointer or a finger
     can use (tooltips, links, zoom), and its bundle and drawing (seconds of a phone's processor)
     would otherwise compete with that image, the page's largest element, for the phone's bandwidth
     and processor. */
  function whenReady(start) {
    var events = ["scroll", "wheel", "pointerdown", "pointermove", "touchstart", "keydown"];
    var options = {passive: true};
    var started = false;
    function go() {
      if (started) {
        return;
      }
      started = true;
      events.forEach(function (name) { window.removeEventListener(name, go, options); });
      start();
    }
    function listen() {
      events.forEach(function (name) { window.addEventListener(name, go, options); });
    }
    if (document.readyState === "complete") {
      listen();
    } else {
      window.addEventListener("load", listen);
    }
  }
  whenReady(drawCharts);
})();
