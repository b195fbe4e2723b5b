"""HTML pages of the knowledge base."""

from __future__ import annotations

from django.shortcuts import render

from clauses import selectors


def home(request):
    return render(request, "clauses/home.html", {"documents": selectors.document_list()})
