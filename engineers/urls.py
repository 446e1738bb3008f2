from django.urls import path

from . import views

app_name = "engineers"
urlpatterns = [
    path("", views.EngineerListView.as_view(), name="list"),
    path("<int:pk>/", views.EngineerDetailView.as_view(), name="detail"),
    path("crews/", views.CrewListView.as_view(), name="crew_list"),
    path("crews/<int:pk>/", views.CrewDetailView.as_view(), name="crew_detail"),
]
