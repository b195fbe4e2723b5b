"""Pure parsing of policy documents: text in, dataclasses out.

Nothing in this package imports Django. Each module is one stage of the
ingestion pipeline (see ``pipeline.py`` for the order) and is tested on
literal strings in ``tests/clauses/parsing/``.
"""
