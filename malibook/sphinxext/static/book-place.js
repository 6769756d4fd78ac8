/* Keeps the reader's place across the language switcher and the version switcher
   (malibook.sphinxext.bilingual, malibook.publishing.versioned_site): their links lead to the same page in the
   other edition or version, and this script adds the anchor of the block the reader is at, so that
   "Français" from qa-2021.html#qa2021-p5 opens the French page at qa2021-p5. Only the anchors the
   sources define, such as (qa2021-p5)=, are used: they are the same in every edition and version,
   where the headings' own anchors are not. Without JavaScript the links still lead to the page. */
(function () {
  "use strict";
  var LINKS = ".book-language-switcher, .book-version-switcher a, .book-version-banner a";

  // The explicit anchor of a section: the empty element Sphinx puts before its heading.
  function label(section) {
    for (var node = section.firstElementChild; node; node = node.nextElementSibling) {
      if (node.tagName === "SPAN" && node.id && !node.firstChild) {
        return node.id;
      }
      if (/^H[1-6]$/.test(node.tagName)) {
        break;
      }
    }
    return null;
  }

  function labelled(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      var id = node.tagName === "SECTION" ? label(node) : null;
      if (id) {
        return id;
      }
    }
    return null;
  }

  // The place: the address's anchor while its target is in the window, else the last labelled
  // section that starts in the top third of the window (none: the top of the page).
  function place() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.top < window.innerHeight && box.bottom > -window.innerHeight / 3) {
        return target.tagName === "SECTION" || target.tagName === "SPAN" ? labelled(target) || target.id
          : target.id;
      }
    }
    var found = null;
    var limit = window.innerHeight / 3;
    document.querySelectorAll("article section").forEach(function (section) {
      if (section.getBoundingClientRect().top <= limit && label(section)) {
        found = label(section);
      }
    });
    return found;
  }

  function update() {
    var anchor = place();
    document.querySelectorAll(LINKS).forEach(function (link) {
      if (!link.dataset.bookPage) {
        link.dataset.bookPage = link.getAttribute("href").split("#")[0];
      }
      link.setAttribute("href", link.dataset.bookPage + (anchor ? "#" + encodeURIComponent(anchor) : ""));
    });
  }

  var pending = false;
  function later() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        update();
      });
    }
  }

  function start() {
    update();
    window.addEventListener("scroll", later, {passive: true});
    window.addEventListener("hashchange", update);
    window.addEventListener("resize", later);
    // Right before the link is followed, whatever the last scroll event left.
    document.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest(LINKS)) {
        update();
      }
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
