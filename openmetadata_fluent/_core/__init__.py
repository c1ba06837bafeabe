"""The entity core: everything every OpenMetadata entity type shares, written once.

An entity type is described by an ``EntitySpec`` (``spec.py``); ``EntityOperations``
(``operations.py``) gives it every call, each sent through one ``_request`` choke point.
Paths (``paths.py``), query parameters (``query.py``), pages and the Java lister
(``pages.py``), finders, fluent entities and delete requests (``fluent.py``) and bulk
outcomes (``bulk.py``) are the parts it is built from.
"""
