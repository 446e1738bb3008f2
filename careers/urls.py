from django.urls import path

from . import views

app_name = "careers"
urlpatterns = [
    path("", views.LadderView.as_view(), name="ladder"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("reviews/<int:pk>/notice/", views.NoticeView.as_view(), name="notice"),
    path("candidates/<int:pk>/", views.CandidateView.as_view(), name="candidate"),
]
