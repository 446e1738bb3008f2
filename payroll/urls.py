from django.urls import path

from . import policy_views, views

app_name = "payroll"
urlpatterns = [
    path("periods/", views.PeriodListView.as_view(), name="periods"),
    path("periods/<int:pk>/", views.PeriodDetailView.as_view(), name="period"),
    path("periods/<int:pk>/progress/", views.PeriodProgressView.as_view(), name="progress"),
    path("periods/<int:pk>/payroll.xlsx", views.PeriodExportView.as_view(), name="export"),
    path("periods/<int:pk>/pdf/<str:department>/", views.PeriodPdfView.as_view(), name="period_pdf"),
    path("payslips/", views.PayslipListView.as_view(), name="payslips"),
    path("payslips/<int:pk>/", views.PayslipDetailView.as_view(), name="payslip"),
    path("payslips/<int:pk>/pdf/", views.PayslipPdfView.as_view(), name="payslip_pdf"),
    path("appeals/", views.AppealsView.as_view(), name="appeals"),
    path("policies/", policy_views.PolicyListView.as_view(), name="policies"),
    path("policies/revise/", policy_views.PolicyReviseView.as_view(), name="policy_revise"),
    path("policies/<int:pk>/", policy_views.PolicyDetailView.as_view(), name="policy"),
    path("policies/<int:pk>/pdf/", policy_views.PolicyPdfView.as_view(), name="policy_pdf"),
]
