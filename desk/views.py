"""Each role's home page: what needs their attention today."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .home import attention_for


@login_required
def home(request):
    today = timezone.localdate()
    return render(request, "desk/home.html", {"today": today, "panels": attention_for(request.user, today)})
