/* Previews (malibook.sphinxext.previews): a link or name with a preview names it in aria-describedby;
   the preview, written by the build, waits hidden at the end of the page. This shows it beside the
   link while the pointer is over the link or the preview, or while the link has keyboard focus, and
   Escape closes it. No library: the previews are plain text, and placing a box under or over its
   link is all the positioning they need. */
(function () {
  "use strict";
  var GAP = 6, MARGIN = 8, DELAY = 200;
  var shown = null, timer = null;

  function anchorOf(target) {
    return target && target.closest ? target.closest('[aria-describedby^="book-tip-"]') : null;
  }

  function place(anchor, tip) {
    var box = anchor.getBoundingClientRect();
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - width - MARGIN));
    var top = box.bottom + GAP;
    if (top + height > window.innerHeight - MARGIN && box.top - GAP - height >= MARGIN) {
      top = box.top - GAP - height;  // above the link when there is no room below
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function hide() {
    window.clearTimeout(timer);
    if (shown) {
      shown.tip.hidden = true;
      shown = null;
    }
  }

  function hideSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, DELAY);  // time to move the pointer onto the preview
  }

  function show(anchor) {
    window.clearTimeout(timer);
    var tip = document.getElementById(anchor.getAttribute("aria-describedby"));
    if (!tip || (shown && shown.anchor === anchor)) {
      return;
    }
    hide();
    tip.hidden = false;
    place(anchor, tip);
    shown = {anchor: anchor, tip: tip};
  }

  function start() {
    var store = document.querySelector(".book-tips");
    if (!store) {
      return;
    }
    document.body.appendChild(store);  // out of the article: no ancestor can clip or move it
    document.addEventListener("mouseover", function (event) {
      var anchor = anchorOf(event.target);
      if (anchor) {
        show(anchor);
      } else if (shown && shown.tip.contains(event.target)) {
        window.clearTimeout(timer);
      }
    });
    document.addEventListener("mouseout", function (event) {
      if (anchorOf(event.target) || (shown && shown.tip.contains(event.target))) {
        hideSoon();
      }
    });
    document.addEventListener("focusin", function (event) {
      var anchor = anchorOf(event.target);
      if (anchor) {
        show(anchor);
      }
    });
    document.addEventListener("focusout", function (event) {
      if (shown && anchorOf(event.target) === shown.anchor) {
        hide();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && shown) {
        hide();
      }
    });
    window.addEventListener("scroll", function () {
      if (shown) {
        place(shown.anchor, shown.tip);
      }
    }, {passive: true});
    window.addEventListener("resize", hide);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
