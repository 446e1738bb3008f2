from django.urls import path

from . import views

app_name = "periodbonus"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("my/", views.MyBonusView.as_view(), name="my"),
    path("<int:pk>/", views.RoundView.as_view(), name="round"),
    path("<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
]
