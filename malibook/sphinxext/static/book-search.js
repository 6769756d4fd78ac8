/* The book's search box (malibook.sphinxext.search): Pagefind's results as the reader types, each
   linking to the block of the match. Pagefind is loaded when the box is first focused, never on
   page load. Opened from disk (file:), a browser refuses Pagefind its index: the box says so, and
   Enter still opens Sphinx's search page, which works from disk. */
(function () {
  "use strict";
  // The anchors the sources define for blocks (b115-p2, qa2021-q3): the same in both editions.
  var BLOCK_ID = /^(b115|qa2021)-[a-z0-9-]+$/;
  var MAX_PAGES = 6, MAX_BLOCKS = 3, BEFORE = 12, AFTER = 18;
  var pagefind = null, loading = null;

  function form() { return document.querySelector("form.book-search"); }
  function results() { return document.querySelector(".book-search__results"); }

  function say(text) {
    var box = results();
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "book-search__note";
    p.textContent = text;
    box.appendChild(p);
  }

  function load() {
    var f = form();
    if (location.protocol === "file:") {
      say(f.dataset.offline);
      return Promise.resolve(null);
    }
    if (!loading) {
      var root = new URL(f.dataset.siteRoot || "./", location.href);
      loading = import(new URL(f.dataset.bundle + "pagefind.js", root).href).then(function (module) {
        module.options({ baseUrl: root.pathname });
        pagefind = module;
        return module;
      }).catch(function () { say(f.dataset.failed); return null; });
    }
    return loading;
  }

  // The words around a match, with the matched words marked; built as text nodes, never as markup.
  function snippet(words, locations, at) {
    var p = document.createElement("p");
    var start = Math.max(0, at - BEFORE), end = Math.min(words.length, at + AFTER);
    if (start > 0) { p.appendChild(document.createTextNode("… ")); }
    for (var i = start; i < end; i++) {
      if (locations.indexOf(i) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
      p.appendChild(document.createTextNode(" "));
    }
    if (end < words.length) { p.appendChild(document.createTextNode("…")); }
    return p;
  }

  // The blocks of a page that hold matches: the last block anchor before each match.
  function blocks(data) {
    var anchors = (data.anchors || []).filter(function (a) { return BLOCK_ID.test(a.id); })
      .sort(function (a, b) { return a.location - b.location; });
    var found = [], seen = {};
    data.locations.slice().sort(function (a, b) { return a - b; }).forEach(function (at) {
      var anchor = null;
      anchors.forEach(function (a) { if (a.location <= at) { anchor = a; } });
      var key = anchor ? anchor.id : "";
      if (!seen[key]) {
        seen[key] = true;
        found.push({ id: key, at: at });
      }
    });
    return found.slice(0, MAX_BLOCKS);
  }

  function show(pages) {
    var box = results();
    box.textContent = "";
    if (!pages.length) { say(form().dataset.none); return; }
    var list = document.createElement("ol");
    pages.forEach(function (data) {
      var words = data.content.split(/\s+/);
      blocks(data).forEach(function (block) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = data.url.split("#")[0] + (block.id ? "#" + block.id : "");
        link.textContent = (data.meta && data.meta.title ? data.meta.title : data.url) + (block.id ? " · " + block.id : "");
        item.appendChild(link);
        item.appendChild(snippet(words, data.locations, block.at));
        list.appendChild(item);
      });
    });
    box.appendChild(list);
  }

  function search(query) {
    load().then(function (module) {
      if (!module) { return; }
      if (!query.trim()) { results().textContent = ""; return; }
      module.debouncedSearch(query, {}, 200).then(function (found) {
        if (!found) { return; }  // a later query replaced this one
        Promise.all(found.results.slice(0, MAX_PAGES).map(function (r) { return r.data(); })).then(show);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var f = form();
    if (!f) { return; }
    var input = f.querySelector("input[name=q]");
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", function () { search(input.value); });
    f.addEventListener("submit", function (event) {
      if (pagefind) {  // the results are already on screen: Enter opens the first one
        var first = results().querySelector("a");
        if (first) { event.preventDefault(); location.href = first.href; }
      }
    });
  });
})();
