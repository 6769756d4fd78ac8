"""The QA harnesses the tests and ``make bench`` use, kept out of the installed package: the built
site's link checker (``sitecheck``), Lighthouse over the served book (``lighthouse``, which needs
``node_modules/``) and the French catalogues' checker (``catalogues``)."""
