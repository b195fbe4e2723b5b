"""Whoosh's query parser: the fields a word is looked for in, and the two rewrites every parsed query gets.

A word or phrase typed without a field matches the content field and each
field of ``also_searched`` (Whoosh's ``MultifieldPlugin``), a match there
weighted as given (``ordering.Ordering.also_searched``).

- ``*`` parses to ``Every("text")``, which walks every term's postings;
  ``Every()`` just lists documents.
- A word of a text field that the index does not hold as a term wherever
  it is printed (the field analyzer's ``indexed_whole`` says which: a single
  character, a string outside the dictionary) becomes ``Containing``: every
  term that contains it (锂 finds 锂电材料), or for two characters or more,
  that OR ``Spanning``: the runs of terms that print it across their
  boundary (小微 finds 中小 / 微 / 企业).

A term of a field in ``constant_scored`` (a department's lead or co
keyword) becomes ``ConstantScore``: its match adds its boost, not a
BM25 score that would depend on how common the department is.

Quoted phrases are ``AdjacentPhrase``: each word where the one before ends.
A string typed without quotes that the analyzer cuts into several words
(海关信用等级 → 海关 / 信用 / 等级) matches wherever all its words are, and
where they are printed together (as the phrase) it counts twice: the clause
that says what was typed comes before one that has its words apart.

haystack's own search path parses with this parser too, so both paths
evaluate the same query.
"""

from __future__ import annotations

from whoosh.qparser import FuzzyTermPlugin, MultifieldPlugin, QueryParser
from whoosh.query import Every, Or, Term

from .constant_score import ConstantScore
from .containing import Containing
from .printed import AdjacentPhrase, Spanning


class ClauseQueryParser(QueryParser):
    def __init__(self, fieldname, schema, also_searched: dict[str, float] | None = None,
                 constant_scored: frozenset[str] = frozenset(), **options):
        super().__init__(fieldname, schema=schema, **{"phraseclass": AdjacentPhrase, **options})
        self.constant_scored = constant_scored
        self.add_plugins([FuzzyTermPlugin])  # as haystack's parser has it
        also = {name: weight for name, weight in (also_searched or {}).items() if schema and name in schema}
        if also:
            self.add_plugin(MultifieldPlugin([fieldname, *also], fieldboosts={fieldname: 1.0, **also}))

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        words = super().multitoken_query(spec, texts, fieldname, termclass, boost)
        field = self._field(fieldname)
        if spec.lower() != "default" or field is None or not field.format or not field.format.supports("positions"):
            return words
        return Or([words, self.phraseclass(fieldname, texts, boost=boost)])

    def parse(self, text, normalize=True, debug=False):
        parsed = super().parse(text, normalize=normalize, debug=debug)
        return None if parsed is None else parsed.accept(self._rewrite)

    def dictionary(self) -> object:
        """Changes whenever ``_rewrite`` may rewrite a word differently (``ChineseAnalyzer.dictionary``)."""
        dictionary = getattr(self._content_analyzer(), "dictionary", None)
        return dictionary() if dictionary else None

    def _content_analyzer(self):
        return self._analyzer(self.fieldname)

    def _field(self, fieldname):
        return self.schema[fieldname] if self.schema and fieldname in self.schema else None

    def _analyzer(self, fieldname):
        field = self._field(fieldname)
        return getattr(field, "analyzer", None)

    def _rewrite(self, node):
        if isinstance(node, Every) and node.fieldname:
            return Every()
        if type(node) is Or and node.subqueries and all(isinstance(sub, Every) for sub in node.subqueries):
            return Every()  # ``*`` in every searched field: everything, once
        if type(node) is Term and node.fieldname in self.constant_scored:
            return ConstantScore(Term(node.fieldname, node.text), score=node.boost)
        if type(node) is Term:
            indexed_whole = getattr(self._analyzer(node.fieldname), "indexed_whole", None)
            if indexed_whole and not indexed_whole(node.text):
                containing = Containing(node.fieldname, node.text, boost=node.boost)
                if len(node.text) < 2:
                    return containing
                return Or([containing, Spanning(node.fieldname, node.text, boost=node.boost)])
        return node
