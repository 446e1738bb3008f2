from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("", views.PolicyListView.as_view(), name="policies"),
    path("revise/", views.PolicyReviseView.as_view(), name="policy_revise"),
    path("revise/<str:document_no>/", views.PolicyReviseView.as_view(), name="document_revise"),
    path("cities/new/", views.CityAddView.as_view(), name="city_add"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="policy"),
    path("<int:pk>/pdf/", views.PolicyPdfView.as_view(), name="policy_pdf"),
]
