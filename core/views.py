"""Home page per role and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .home import attention_for


@login_required
def home(request):
    today = timezone.localdate()
    return render(request, "core/home.html", {"today": today, "panels": attention_for(request.user, today)})


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
