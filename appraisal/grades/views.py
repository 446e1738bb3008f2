"""Pages for technical grade campaigns: one page per campaign, actions by role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from appraisal.errors import GradeErrorCode
from appraisal.models import CampaignStatus, GradeCampaign, PanelDecision
from core.errors import DomainError, PermissionDeniedError
from core.roles import has_role
from engineers.models import TechnicalGrade

from . import services as grades
from .selectors import visible_applications


class CampaignListView(LoginRequiredMixin, View):
    def get(self, request):
        today = timezone.localdate()
        return render(
            request,
            "kpi/campaigns.html",
            {
                "campaigns": GradeCampaign.objects.all(),
                "year": today.year,
                "half": 1 if today.month <= 6 else 2,
            },
        )

    def post(self, request):
        try:
            campaign = grades.campaign_open(
                user=request.user,
                year=int(request.POST.get("year", 0)),
                half=int(request.POST.get("half", 0)),
                name=request.POST.get("name", "").strip() or _("Technical grade campaign"),
            )
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", _("Check the year and half year.")))
            return redirect("kpi:campaigns")
        return redirect(campaign)


class CampaignView(LoginRequiredMixin, View):
    def get(self, request, pk):
        campaign = get_object_or_404(GradeCampaign, pk=pk)
        # Before the notice each sees what their role covers: engineers their own, a
        # department manager their departments', HR, the GM and supervisors all.
        applications = visible_applications(request.user).filter(campaign=campaign)
        mine = campaign.applications.filter(engineer__user=request.user).first()
        return render(
            request,
            "kpi/campaign.html",
            {
                "campaign": campaign,
                "applications": applications,
                "mine": mine,
                "labels": {a.pk: grades.reason_labels(a) for a in applications},
                "grades": [c for c in TechnicalGrade.choices if c[0]],
                "panel": has_role(request.user, *grades.PANEL),
                "today": timezone.localdate(),
            },
        )

    def post(self, request, pk):
        campaign = get_object_or_404(GradeCampaign, pk=pk)
        op = request.POST.get("op")
        application = None
        if request.POST.get("application"):
            application = get_object_or_404(
                visible_applications(request.user), pk=request.POST["application"], campaign=campaign
            )
        text = request.POST.get("text", "")
        try:
            if op == "apply":
                grades.application_submit(
                    user=request.user,
                    campaign=campaign,
                    target_grade=request.POST.get("target_grade", ""),
                    self_assessment=text,
                )
            elif op == "opinion":
                grades.supervisor_opinion(
                    user=request.user,
                    application=application,
                    opinion=text,
                    has_documents="has_documents" in request.POST,
                    has_key_accounts="has_key_accounts" in request.POST,
                )
            elif op in ("approve", "reject"):
                grades.panel_decide(user=request.user, application=application, approve=op == "approve", note=text)
            elif op == "publish":
                grades.campaign_publish(user=request.user, campaign=campaign)
            elif op == "appeal":
                grades.appeal_file(user=request.user, application=application, text=text)
            elif op in ("uphold", "dismiss"):
                grades.appeal_decide(user=request.user, application=application, uphold=op == "uphold", note=text)
            elif op == "close":
                n = grades.campaign_close(user=request.user, campaign=campaign)
                messages.success(request, _("%(n)d grade changes recorded.") % {"n": n})
            else:
                raise DomainError(GradeErrorCode.UNKNOWN_OP, _("Unknown action."))
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if op != "close":
                messages.success(request, _("Saved."))
        return redirect(campaign)


class NoticeView(LoginRequiredMixin, View):
    """公示: everyone sees the results once the notice is published."""

    def get(self, request, pk):
        campaign = get_object_or_404(GradeCampaign, pk=pk, status__in=[CampaignStatus.NOTICE, CampaignStatus.CLOSED])
        results = campaign.applications.filter(decision=PanelDecision.APPROVED).select_related("engineer__department")
        mine = campaign.applications.filter(engineer__user=request.user).first()
        return render(
            request,
            "kpi/notice.html",
            {"campaign": campaign, "results": results, "mine": mine, "today": timezone.localdate()},
        )
