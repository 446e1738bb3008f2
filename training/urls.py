from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="sessions"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_new"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("attendance/<int:pk>/paid-training/", views.PaidTrainingLinkView.as_view(), name="paid_training_link"),
    path("courses/", views.CourseListView.as_view(), name="courses"),
    path("certificates/", views.CertificateListView.as_view(), name="certificates"),
    path("certificates/new/", views.CertificateCreateView.as_view(), name="certificate_new"),
    path("rewards/", views.RewardListView.as_view(), name="rewards"),
    path("rewards/<int:pk>/", views.RewardDetailView.as_view(), name="reward"),
    path("engineer/<int:pk>/", views.EngineerTrainingView.as_view(), name="engineer"),
]
