"""HTML pages of the knowledge base."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from clauses import selectors
from clauses.permalinks import key_from_path


def home(request):
    return render(request, "clauses/home.html", {"documents": selectors.document_list()})


def document_page(request, slug: str):
    document = selectors.document_detail(slug)
    if document is None:
        raise Http404("no such document")
    return render(request, "clauses/document.html", {"document": document})


def clause_page(request, slug: str, clause_path: str):
    key = key_from_path(clause_path)
    clause = selectors.clause_detail(slug, key) if key else None
    if clause is None:
        raise Http404("no such clause")
    return render(request, "clauses/clause.html", {"clause": clause, "document": clause.document})
