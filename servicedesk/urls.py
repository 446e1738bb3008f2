from django.urls import path

from . import views

app_name = "servicedesk"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.LogView.as_view(), name="log"),
    path("my/", views.MyRequestsView.as_view(), name="my"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("<int:pk>/assign/", views.AssignView.as_view(), name="assign"),
    path("<int:pk>/transition/", views.TransitionView.as_view(), name="transition"),
]
