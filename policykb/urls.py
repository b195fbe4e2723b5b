"""URL routes of PolicyKB."""

from django.contrib import admin
from django.urls import include, path

from clauses import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("api/", include("clauses.urls")),
]
