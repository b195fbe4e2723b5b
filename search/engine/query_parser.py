"""Whoosh's query parser, with the two rewrites every parsed query gets.

- ``*`` parses to ``Every("text")``, which walks every term's postings;
  ``Every()`` just lists documents.
- A word of the content field that the index does not hold as a term
  wherever it is printed (the field analyzer's ``indexed_whole`` says which:
  a single character, a string outside the dictionary) becomes
  ``Containing``: every term that contains it (锂 finds 锂电材料), or for
  two characters or more, that OR ``Spanning``: the runs of terms that
  print it across their boundary (小微 finds 中小 / 微 / 企业).

Quoted phrases are ``AdjacentPhrase``: each word where the one before ends.

haystack's own search path parses with this parser too, so both paths
evaluate the same query.
"""

from __future__ import annotations

from whoosh.qparser import FuzzyTermPlugin, QueryParser
from whoosh.query import Every, Or, Term

from .containing import Containing
from .printed import AdjacentPhrase, Spanning


class ClauseQueryParser(QueryParser):
    def __init__(self, fieldname, schema, **options):
        super().__init__(fieldname, schema=schema, **{"phraseclass": AdjacentPhrase, **options})
        self.add_plugins([FuzzyTermPlugin])  # as haystack's parser has it

    def parse(self, text, normalize=True, debug=False):
        parsed = super().parse(text, normalize=normalize, debug=debug)
        return None if parsed is None else parsed.accept(self._rewrite)

    def dictionary(self) -> object:
        """Changes whenever ``_rewrite`` may rewrite a word differently (``ChineseAnalyzer.dictionary``)."""
        dictionary = getattr(self._content_analyzer(), "dictionary", None)
        return dictionary() if dictionary else None

    def _content_analyzer(self):
        field = self.schema[self.fieldname] if self.schema and self.fieldname in self.schema else None
        return getattr(field, "analyzer", None)

    def _rewrite(self, node):
        if isinstance(node, Every) and node.fieldname:
            return Every()
        if type(node) is Term and node.fieldname == self.fieldname:
            indexed_whole = getattr(self._content_analyzer(), "indexed_whole", None)
            if indexed_whole and not indexed_whole(node.text):
                containing = Containing(node.fieldname, node.text, boost=node.boost)
                if len(node.text) < 2:
                    return containing
                return Or([containing, Spanning(node.fieldname, node.text, boost=node.boost)])
        return node
