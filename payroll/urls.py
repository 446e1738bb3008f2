from django.urls import path

from . import bank_views, delivery_views, views

app_name = "payroll"
urlpatterns = [
    path("", views.payroll_home, name="home"),
    path("periods/", views.PeriodListView.as_view(), name="periods"),
    path("periods/<int:pk>/", views.PeriodDetailView.as_view(), name="period"),
    path("periods/<int:pk>/progress/", views.PeriodProgressView.as_view(), name="progress"),
    path("periods/<int:pk>/payroll.xlsx", views.PeriodExportView.as_view(), name="export"),
    path("periods/<int:pk>/bank/", bank_views.BankFileView.as_view(), name="bank_file"),
    path("periods/<int:pk>/pdf/<int:number>/", views.PeriodPdfView.as_view(), name="period_pdf"),
    path("periods/<int:pk>/pdf/<int:number>/status/", views.PeriodPdfStatusView.as_view(), name="period_pdf_status"),
    path("payslips/", views.PayslipListView.as_view(), name="payslips"),
    path("payslips/<int:pk>/", views.PayslipDetailView.as_view(), name="payslip"),
    path("payslips/<int:pk>/pdf/", views.PayslipPdfView.as_view(), name="payslip_pdf"),
    path("appeals/", views.AppealsView.as_view(), name="appeals"),
    # Delivery after the close: HR publishes, engineers read and confirm (payroll/delivery.py).
    path("periods/<int:pk>/delivery/", delivery_views.DeliveryView.as_view(), name="delivery"),
    path("periods/<int:pk>/receipts.xlsx", delivery_views.DeliveryExportView.as_view(), name="delivery_export"),
    path("payslips/<int:pk>/read/", delivery_views.PayslipReadView.as_view(), name="payslip_read"),
    path("payslips/<int:pk>/confirm/", delivery_views.PayslipConfirmView.as_view(), name="payslip_confirm"),
]
