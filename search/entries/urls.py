"""Routes of the entries' pages and their JSON twins (``search.entries.views``)."""

from django.urls import path

from . import views

app_name = "entries"
urlpatterns = [
    path("departments/", views.department_list, name="departments"),
    path("departments/<str:slug>/", views.department_page, name="department"),
    path("departments/<str:slug>/tasks.<str:extension>", views.department_tasks, name="department-tasks"),
    path("regions/", views.region_list, name="regions"),
    path("regions/<str:slug>/", views.region_page, name="region"),
    path("industries/", views.industry_list, name="industries"),
    path("industries/<str:slug>/", views.industry_page, name="industry"),
    path("api/departments/", views.department_list, name="api-departments"),
    path("api/departments/<str:slug>/", views.department_page, name="api-department"),
    path("api/regions/", views.region_list, name="api-regions"),
    path("api/regions/<str:slug>/", views.region_page, name="api-region"),
    path("api/industries/", views.industry_list, name="api-industries"),
    path("api/industries/<str:slug>/", views.industry_page, name="api-industry"),
]
