from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

from core import views as core_views
from desk import views as desk_views
from servicedesk import views as servicedesk_views

api_patterns = [
    path("", include("engineers.apis")),
    path("", include("paysetup.apis")),
    path("", include("appraisal.scorecards.apis")),
    path("", include("appraisal.awards.apis")),
    path("", include("periodbonus.apis")),
    path("", include("careers.apis")),
    path("", include("payroll.apis")),
    path("", include("attendance.apis")),
    path("", include("workorders.apis")),
    path("", include("workorders.bonus.apis")),
    path("", include("servicedesk.apis")),
    path("", include("feedback.apis")),
    path("", include("welfare.apis")),
    path("", include("commission.apis")),
    path("", include("training.apis")),
    path("token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script under the CSP.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", desk_views.home, name="home"),
    path("engineers/", include("engineers.urls")),
    path("pay/", include("paysetup.urls")),
    path("workorders/", include("workorders.urls")),
    path("bonus/", include("workorders.bonus.urls")),
    path("service/", include("servicedesk.urls")),
    # The customer's survey: public (no login), a signed token in the link.
    path("s/<str:token>/", servicedesk_views.survey, name="survey"),
    path("training/", include("training.urls")),
    path("kpi/", include("appraisal.urls")),
    path("periodbonus/", include("periodbonus.urls")),
    path("careers/", include("careers.urls")),
    path("attendance/", include("attendance.urls")),
    path("welfare/", include("welfare.urls")),
    path("commission/", include("commission.urls")),
    path("payroll/policies/", include("policies.urls")),
    path("payroll/", include("payroll.urls")),
    path("feedback/", include("feedback.urls")),
    path("whatif/", include("whatif.urls")),
]
