"""``search.engine.similar``: columns decoded at once as Whoosh reads them one by one; candidates leave out
deleted documents and the excluded group."""

from __future__ import annotations

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.index import create_in

from search.engine.similar import SimilarReader, field_lengths, numeric_column


def _index(tmp_path):
    index = create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), pk=STORED(), body=TEXT,
                                            group=COLUMN(NumericColumn("i"))))
    with index.writer() as writer:
        for number in range(500):
            words = ["common"] * (1 + number % 4) + ["rare"] * (number % 50 == 0) + ["filler"] * (number % 7)
            # Group 0 is the column's default: the last documents' values are not written at all.
            writer.add_document(id=str(number), pk=number, body=" ".join(words),
                                group=number // 10 if number < 480 else 0)
    with index.writer() as writer:
        writer.delete_by_term("id", "100")
    return index


def test_columns_and_lengths_equal_whooshs_reads(tmp_path):
    with _index(tmp_path).searcher() as searcher:
        reader = searcher.reader()
        assert numeric_column(reader, "group").tolist() == list(reader.column_reader("group"))
        assert field_lengths(reader, "body").tolist() == [reader.doc_field_length(docnum, "body", 0)
                                                          for docnum in range(reader.doc_count_all())]


def test_candidates_leave_out_deleted_documents_and_the_excluded_group(tmp_path):
    index = _index(tmp_path)
    with SimilarReader(index.searcher(), fieldname="body", group_field="group", id_field="pk") as reader:
        found = [int(reader.identifier(docnum)) for docnum in reader.candidates({"rare": 1.0}, excluding_group=15,
                                                                                limit=100)]
        # rare is in 0, 50, 100 (deleted), 150 (group 15), … 450.
        assert sorted(found) == [0, 50, 200, 250, 300, 350, 400, 450]
        assert reader.document_frequency("rare") == 10  # Whoosh counts a deleted document until a merge
        assert len(reader.candidates({"common": 1.0}, excluding_group=-1, limit=7)) == 7
