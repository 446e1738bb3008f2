from django.urls import path

from . import views

app_name = "workorders"
urlpatterns = [
    path("", views.WorkOrderListView.as_view(), name="list"),
    path("new/", views.WorkOrderEditView.as_view(), name="create"),
    path("engineer/<int:pk>/", views.EngineerWorkOrdersView.as_view(), name="engineer_orders"),
    path("crew/<int:pk>/", views.CrewWorkOrdersView.as_view(), name="crew_orders"),
    path("<int:pk>/", views.WorkOrderDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.WorkOrderEditView.as_view(), name="edit"),
    path("<int:pk>/forms.pdf", views.WorkOrderFormsPdfView.as_view(), name="forms_pdf"),
    path("import/", views.WorkOrderImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("rates/", views.RateTableListView.as_view(), name="rate_table_list"),
    path("rates/new/", views.RateTableCreateView.as_view(), name="rate_table_create"),
    path("rates/<int:pk>/", views.RateTableDetailView.as_view(), name="rate_table_detail"),
    path("rates/<int:pk>/copy/", views.RateTableCopyView.as_view(), name="rate_table_copy"),
]
