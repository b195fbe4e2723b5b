"""URL routes of PolicyKB."""

from django.contrib import admin
from django.urls import include, path

from clauses import views
from search.entries.views import document_tasks
from policykb.health import healthz

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("", include("search.urls")),
    path("", include("search.entries.urls")),
    path("d/<slug:slug>/", views.document_page, name="document"),
    # Before the clause route, which would otherwise read "tasks.xlsx" as a clause's path.
    path("d/<slug:slug>/tasks.<str:extension>", document_tasks, name="document-tasks"),
    path("d/<slug:slug>/original", views.document_original, name="document-original"),
    path("d/<slug:slug>/<path:clause_path>/", views.clause_page, name="clause"),
    path("admin/", admin.site.urls),
    path("api/", include("clauses.urls")),
]

handler400 = "policykb.errors.bad_request"
