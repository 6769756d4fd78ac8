"""Running the notebooks anywhere: myst-nb's ``glue`` or its stand-in (``glue``), the guarded Colab
install cell (``colab``), and the one way the project executes a notebook (``execution``)."""
