from django.urls import path

from clauses import api

app_name = "clauses"
urlpatterns = [
    path("documents/", api.document_list, name="document-list"),
    path("documents/<slug:slug>/", api.document_detail, name="document-detail"),
]
