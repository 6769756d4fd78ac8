"""What the notebooks compute and draw, each function tested in tests/: the timeline
(``timeline``), the actor networks (``network``), the documents' structure (``documents``), the
per-block data boxes and actor lists of the chapters (``annotations``), tables as Markdown
(``tables``) and the figures' style (``figures``)."""

# The MIME type of the interactive charts' outputs (``charts.BookFigure``). Here, not in ``charts``, so
# that the book's build finds the charts among the outputs without importing altair and pandas.
CHART_MIMETYPE = "application/vnd.vegalite.v6+json"
