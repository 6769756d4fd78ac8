"""Release and site tooling: the version and release date (``release``, standard library only, run
by the Makefile), the versioned site (``versions``) and the built site's link checker (``sitecheck``)."""
