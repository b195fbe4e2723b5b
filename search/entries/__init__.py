"""A page for every department, region and industry: the clauses it is responsible for or concerns.

- ``lookup``: which entry a slug names (or where a merged one went).
- ``filters``: the page's filters, read and resolved as search resolves them.
- ``tasks``: a department's clauses, by role, from the database (lead first within each document).
- ``tagged``: a region's or an industry's clauses, from the index (with its roll-ups).
- ``views`` / ``urls``: the pages and their JSON twins.
"""
