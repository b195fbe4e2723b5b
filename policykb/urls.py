"""URL routes of PolicyKB."""

from django.contrib import admin
from django.urls import include, path

from clauses import views
from policykb.health import healthz

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("", include("search.urls")),
    path("", include("search.entries.urls")),
    path("d/<slug:slug>/", views.document_page, name="document"),
    path("d/<slug:slug>/<path:clause_path>/", views.clause_page, name="clause"),
    path("admin/", admin.site.urls),
    path("api/", include("clauses.urls")),
]

handler400 = "policykb.errors.bad_request"
