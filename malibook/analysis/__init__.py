"""What the notebooks compute and draw, each function tested in tests/: the timeline
(``timeline``), the actor networks (``network``), the documents' structure (``documents``), the
per-block data boxes and actor lists of the chapters (``annotations``), tables as Markdown
(``tables``) and the figures' style (``figures``)."""
