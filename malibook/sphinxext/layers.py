"""Reader layers: on a page of blocks (the document chapters), a switch to read the retelling alone,
with the annotations, or with the data boxes too.

The switch is a labelled group of three radio buttons (keyboard operable as any radio group), written
by the build before the first block in the language of the edition. The layers are the containers
``malibook.sphinxext.blocks`` gives each block (``retelling``, ``annotation``, ``block-data``). A short
script in the page's head reads the reader's last choice from localStorage and sets it on the
``<html>`` element before the page is drawn, so that hidden layers never flash; it then keeps the
radio buttons and the stored choice in step. ``static/book-layers.css`` hides the layers the choice
leaves out, on screen only: print shows every layer, and the PDF, which is not HTML, is untouched.
Without JavaScript the switch is not shown, and every layer is.
"""
from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from malibook.sphinxext.blocks import BLOCK_CLASS

STORAGE_KEY = "book-layers"
LAYERS = ("retelling", "annotations", "all")  # the choices, from the fewest layers to all
WORDS = {
    "en": {"legend": "Show", "retelling": "Retelling only", "annotations": "With annotations",
           "all": "With annotations and data"},
    "fr": {"legend": "Afficher", "retelling": "La restitution seule", "annotations": "Avec les annotations",
           "all": "Avec les annotations et les données"},
}
# Runs in the head, before the page is drawn: the stored choice (else every layer) on <html>, then,
# once the switch exists, its radio buttons set from it and saving each change.
HEAD_SCRIPT = """(function () {
  var key = "KEY", choices = CHOICES, root = document.documentElement, stored = null;
  try { stored = window.localStorage.getItem(key); } catch (error) {}
  root.setAttribute("data-book-layers", choices.indexOf(stored) >= 0 ? stored : "all");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name=" + key + "]").forEach(function (input) {
      input.checked = input.value === root.getAttribute("data-book-layers");
      input.addEventListener("change", function () {
        root.setAttribute("data-book-layers", input.value);
        try { window.localStorage.setItem(key, input.value); } catch (error) {}
      });
    });
  });
})();""".replace("KEY", STORAGE_KEY).replace("CHOICES", "[" + ", ".join(f'"{layer}"' for layer in LAYERS) + "]")


class layer_switch(nodes.General, nodes.Element):
    """The switch, written from the edition's words (no text node, so that search does not index it)."""


def visit_layer_switch(translator, node) -> None:
    words = WORDS[node["language"]]
    choices = "".join(
        f'<label><input type="radio" name="{STORAGE_KEY}" value="{layer}"{" checked" if layer == "all" else ""}>'
        f" {html.escape(words[layer])}</label>" for layer in LAYERS)
    translator.body.append(f'<fieldset class="book-layers"><legend>{html.escape(words["legend"])}</legend>'
                           f"{choices}</fieldset>\n")
    raise nodes.SkipNode


def has_blocks(doctree: nodes.Node) -> bool:
    return any(BLOCK_CLASS in section["classes"] for section in doctree.findall(nodes.section))


class AddLayerSwitch(SphinxPostTransform):
    """Put the switch before the first block of a page of blocks."""

    # Not the EPUB: the switch needs the page's script, which the EPUB leaves out.
    builders = ("html", "dirhtml", "singlehtml")
    formats = ("html",)
    default_priority = 900

    def run(self, **kwargs) -> None:
        first = next((section for section in self.document.findall(nodes.section)
                      if BLOCK_CLASS in section["classes"]), None)
        if first is not None:
            language = self.config.language if self.config.language in WORDS else "en"
            first.parent.insert(first.parent.index(first), layer_switch(language=language))


def _add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and has_blocks(doctree):
        app.add_js_file(None, body=HEAD_SCRIPT)
        app.add_css_file("book-layers.css")


def setup(app: Sphinx) -> None:
    app.add_node(layer_switch, html=(visit_layer_switch, None))
    app.add_post_transform(AddLayerSwitch)
    # Before theme._clean_page (priority 1), which rebuilds the page's list of scripts.
    app.connect("html-page-context", _add_page_assets, priority=0)
