from django.urls import path

from . import views

app_name = "pay"
urlpatterns = [
    path("engineer/<int:pk>/", views.PayPanelView.as_view(), name="engineer"),
    path("engineer/<int:pk>/history/", views.PayHistoryView.as_view(), name="history"),
    path("engineer/<int:pk>/schemes/new/", views.SchemeNewView.as_view(), name="scheme_new"),
    path("schemes/<int:pk>/edit/", views.SchemeEditView.as_view(), name="scheme_edit"),
    path("schemes/<int:pk>/delete/", views.SchemeDeleteView.as_view(), name="scheme_delete"),
    path("engineer/<int:pk>/claims/new/", views.ClaimNewView.as_view(), name="claim_new"),
    path("claims/<int:pk>/end/", views.ClaimEndView.as_view(), name="claim_end"),
    path("claims/<int:pk>/delete/", views.ClaimDeleteView.as_view(), name="claim_delete"),
    path("engineer/<int:pk>/bank-account/", views.BankAccountView.as_view(), name="bank_account"),
    path("engineer/<int:pk>/bonus-tax/", views.BonusTaxView.as_view(), name="bonus_tax"),
]
