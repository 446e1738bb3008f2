from django.urls import path

from .awards import views as award_views
from .grades import views as grade_views
from .scorecards import views
from .summaries import views as summary_views
from .views import kpi_home

app_name = "kpi"
urlpatterns = [
    path("", kpi_home, name="home"),
    path("grid/", views.GridView.as_view(), name="grid"),
    path("grid/prepare/", views.GridPrepareView.as_view(), name="grid_prepare"),
    path("grid/save/", views.GridSaveView.as_view(), name="grid_save"),
    path("grid/export.xlsx", views.GridExportView.as_view(), name="grid_export"),
    path("grid/import/", views.GridImportView.as_view(), name="grid_import"),
    path("grid/submit/", views.GridSubmitView.as_view(), name="grid_submit"),
    path("my/", views.MyMonthView.as_view(), name="my"),
    path("scorecards/<int:pk>/", views.ScorecardDetailView.as_view(), name="scorecard"),
    path("summary/", summary_views.DepartmentSummaryView.as_view(), name="summary_department"),
    path(
        "summary/department/<int:pk>/<int:year>/q<int:quarter>.pdf",
        summary_views.QuarterReportPdfView.as_view(),
        name="quarter_report",
    ),
    path("summary/engineer/<int:pk>/", summary_views.EngineerSummaryView.as_view(), name="summary_engineer"),
    path("grades/", grade_views.CampaignListView.as_view(), name="campaigns"),
    path("grades/<int:pk>/", grade_views.CampaignView.as_view(), name="campaign"),
    path("grades/<int:pk>/notice/", grade_views.NoticeView.as_view(), name="notice"),
    path("awards/", award_views.AwardListView.as_view(), name="awards"),
    path("awards/<int:pk>/", award_views.AwardDetailView.as_view(), name="award"),
]
