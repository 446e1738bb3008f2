from django.urls import path

from . import views

app_name = "attendance"
urlpatterns = [
    path("", views.attendance_home, name="home"),
    path("grid/", views.GridView.as_view(), name="grid"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("my/", views.MyAttendanceView.as_view(), name="my"),
]
