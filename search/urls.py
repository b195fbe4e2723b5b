"""Routes of the search: the officials' page, its JSON twin, the CSV and Excel exports and the
responsibility matrix (``search.views``)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="page"),
    path("api/search/", views.search_api, name="api"),
    path("api/search/export.csv", views.search_csv, name="export"),
    path("api/search/export.xlsx", views.search_xlsx, name="export-xlsx"),
    path("matrix/", views.matrix_page, name="matrix"),
    path("api/matrix/", views.matrix_api, name="matrix-api"),
    path("api/matrix/export.xlsx", views.matrix_xlsx, name="matrix-xlsx"),
]
