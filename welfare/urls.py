from django.urls import path

from . import views

app_name = "welfare"
urlpatterns = [
    path("", views.welfare_home, name="home"),
    path("grants/<int:pk>/", views.grant_detail, name="grant"),
    path("grants/<int:pk>/certificate.pdf", views.grant_certificate, name="certificate"),
    path("record/", views.grant_record, name="record"),
    path("department/", views.batch_issue, name="batch_issue"),
    path("department/<int:pk>/", views.batch_detail, name="batch"),
    path("honours/<int:pk>/certificates/", views.certificates_issue, name="certificates_issue"),
    path("leave/", views.leave_list, name="leave"),
    path("leave/<int:pk>/", views.leave_detail, name="leave_detail"),
]
