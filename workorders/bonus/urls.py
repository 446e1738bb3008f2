from django.urls import path

from . import views

app_name = "bonus"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/approve/", views.BulkApproveView.as_view(), name="bulk_approve"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EditView.as_view(), name="edit"),
    path("<int:pk>/transition/", views.TransitionView.as_view(), name="transition"),
    path("workorder/<int:pk>/propose/<str:kind>/", views.ProposeView.as_view(), name="propose"),
    path("workorder/<int:pk>/preview/", views.IndividualPreviewView.as_view(), name="preview"),
    path("workorder/<int:pk>/crew/", views.CrewView.as_view(), name="crew"),
    path("workorder/<int:pk>/crew/self-assessment/", views.SelfAssessmentView.as_view(), name="self_assessment"),
    path("workorder/<int:pk>/crew/inspection/<str:role>/", views.InspectionView.as_view(), name="inspection"),
]
