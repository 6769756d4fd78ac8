"""What a release publishes: the version and release date (``version``), the citation formats
(``citation_formats``), the record of releases (``record``), the versioned site (``versioned_site``),
``.zenodo.json`` (``zenodo``) and the French edition's configuration (``french_edition``)."""
