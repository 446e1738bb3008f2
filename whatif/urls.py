from django.urls import path

from . import views

app_name = "whatif"
urlpatterns = [
    path("versions/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("<int:pk>/", views.SimulationView.as_view(), name="simulation"),
    path("<int:pk>/progress/", views.ProgressView.as_view(), name="progress"),
    path("<int:pk>/what-if.xlsx", views.ExportView.as_view(), name="export"),
]
