from django.urls import path

from . import views

app_name = "commission"
urlpatterns = [
    path("", views.home, name="home"),
    path("pickups/", views.grid, name="grid"),
    path("import/", views.import_view, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("settle/", views.settle, name="settle"),
    path("settlements/<int:pk>/", views.settlement, name="settlement"),
    path("franchisees/", views.franchisees, name="franchisees"),
    path("franchisees/<int:pk>/", views.franchisee, name="franchisee"),
    path("staff/", views.staff, name="staff"),
]
