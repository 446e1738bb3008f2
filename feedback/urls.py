from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.FeedbackListView.as_view(), name="list"),
    path("new/", views.FeedbackNewView.as_view(), name="new"),
    path("<int:pk>/", views.FeedbackDetailView.as_view(), name="detail"),
    path("group/", views.GroupView.as_view(), name="group"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review"),
]
