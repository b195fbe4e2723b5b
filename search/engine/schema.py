"""The Whoosh schema: only what searching, filtering, sorting and showing need.

haystack's stock schema stores and indexes everything: the clause text
stored twice (stored field and sort column), every facet twice (the plain
field and its ``_exact`` twin, both stored and with length columns), and an
unindexed ``CharField`` such as ``payload`` analysed word by word with
positions. At 100,000 clauses that is most of the build time and index size.
Here each field is written once, in the form it is used:

- ``django_id``: stored only (haystack indexed a term per clause for it);
- the document field (``text``), and any other field given an analyzer
  (``context``): analysed with positions (phrases) and lengths (BM25), not
  stored — a result shows ``payload``; its words are read through
  ``WordPositions``, the same postings with less overhead;
- facet fields (``region_exact``…): keywords for filters and facet counts;
  their plain twins (``region``) are not written at all; other lists of
  values (``responsible``) are keywords too;
- integers (``issued``, ``position``): columns only, for the date and
  reading-order sorts;
- fields marked ``indexed=False`` (``payload``): stored only.
"""

from __future__ import annotations

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.fields import FacetField
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, KEYWORD, STORED, TEXT, Schema
from whoosh.fields import ID as WhooshId
from whoosh.formats import Positions

# Position lists already encoded (the encoding depends on nothing else): most words
# of a clause occur once, at one of a few hundred positions.
_encoded: dict[tuple[int, ...], bytes] = {}
_ENCODED_LIMIT = 100_000


class WordPositions(Positions):
    """Whoosh's ``Positions`` postings, read from the analyzer's ``word_positions`` when it has one.

    The postings (words, counts, weights, encoded positions) are exactly
    ``Positions.word_values``'s (tested); only Whoosh's token objects and
    filter generators are skipped, and a position list already encoded once
    is not pickled again.
    """

    def word_values(self, value, analyzer, **kwargs):
        word_positions = getattr(analyzer, "word_positions", None)
        if word_positions is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, found in word_positions(value, mode=kwargs.get("mode", "")).items():
            yield word, len(found), float(len(found)) * boost, self._encode(found)

    def _encode(self, positions: list[int]) -> bytes:
        key = tuple(positions)
        encoded = _encoded.get(key)
        if encoded is None:
            encoded = self.encode(positions)
            if len(_encoded) < _ENCODED_LIMIT:
                _encoded[key] = encoded
        return encoded


def build(fields: dict) -> tuple[str, Schema]:
    """``(content field name, schema)`` for haystack's index fields, as ``build_schema`` returns."""
    # A result needs the model and pk stored; only the id is searched (updates and
    # deletes go by it), and the model name for haystack's clear(models=...).
    schema_fields = {ID: WhooshId(stored=True, unique=True), DJANGO_CT: WhooshId(stored=True),
                     DJANGO_ID: STORED()}
    content_field = ""
    faceted = {field.get_facet_for_name() for field in fields.values() if isinstance(field, FacetField)}
    for name, field in fields.items():
        if name in faceted:
            continue  # its _exact twin is the one filtered and counted
        if field.document or (field.field_type == "string" and field.indexed and field.analyzer is not None):
            if field.document:
                content_field = field.index_fieldname
            text = TEXT(analyzer=field.analyzer, phrase=True, stored=False, field_boost=field.boost)
            text.format = WordPositions(field_boost=field.boost)
            schema_fields[field.index_fieldname] = text
        elif isinstance(field, FacetField) or (field.is_multivalued and field.indexed):
            # Keywords, matched whole (a facet's _exact twin, or a list a query matches such as
            # ``responsible``). Scorable for its length column: without one, Whoosh's commit
            # checks the disk for the column at every posting it writes.
            schema_fields[field.index_fieldname] = KEYWORD(commas=True, scorable=True, stored=False)
        elif field.field_type == "integer":
            # Only sorted by, never searched: a column, without NUMERIC's eight range terms per value.
            schema_fields[field.index_fieldname] = COLUMN(NumericColumn("i"))
        elif not field.indexed:
            schema_fields[field.index_fieldname] = STORED()
        else:
            raise ValueError(f"search.engine.schema has no rule for the index field {name!r} ({field.field_type})")
    return content_field, Schema(**schema_fields)


def written_fields(schema: Schema) -> frozenset[str]:
    """The prepared values a writer passes on; the others (plain facet twins) are dropped."""
    return frozenset(schema.names())
