"""Pages: the ladder (everyone), reviews and competitions (HR runs them, the panel scores, the general manager
decides), a candidate's evidence, the public notice (公示)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import CareerRank, Department, TechnicalGrade

from . import selectors
from . import services as careers
from .errors import CareerErrorCode
from .models import Candidate, Decision, PanelScore, ReviewKind, ReviewStatus


def _act(request, fn, success: str | None = None):
    """Run a service; a refusal of role is a 403, a broken rule a message on the page."""
    try:
        result = fn()
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, success or _("Saved."))
    return result


class LadderView(LoginRequiredMixin, View):
    """The ladder in force, each rung's requirements and post wage: everyone reads it (seed 001 职业规划)."""

    def get(self, request):
        today = timezone.localdate()
        policy = selectors.career_policy_or_none(today)
        engineer = getattr(request.user, "engineer", None)
        ranks, grades = dict(CareerRank.choices), dict(TechnicalGrade.choices)
        return render(
            request,
            "careers/ladder.html",
            {
                "policy": policy,
                "rungs": [(ranks[r.code], r, grades[r.min_technical_grade]) for r in policy.rungs] if policy else [],
                "engineer": engineer,
                "mine": selectors.visible_candidates(request.user).filter(engineer__user=request.user)
                if engineer
                else [],
                "changes": selectors.visible_rank_changes(request.user).filter(engineer__user=request.user)
                if engineer
                else [],
                "open_reviews": selectors.visible_reviews(request.user).filter(status=ReviewStatus.OPEN),
            },
        )


class ReviewListView(LoginRequiredMixin, View):
    def get(self, request):
        qs = selectors.visible_reviews(request.user)
        status = request.GET.get("status", "")
        if status in ReviewStatus.values:
            qs = qs.filter(status=status)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "careers/reviews.html",
            {
                "page": page,
                "status": status,
                "statuses": ReviewStatus.choices,
                "kinds": ReviewKind.choices,
                "ranks": [c for c in CareerRank.choices if c[0] != CareerRank.ASSISTANT],
                "departments": Department.objects.all(),
                "today": timezone.localdate(),
            },
        )

    def post(self, request):
        try:
            effective = date.fromisoformat(request.POST.get("effective_from", ""))
            seats = int(request.POST["seats"]) if request.POST.get("seats") else None
        except ValueError:
            messages.error(request, _("Check the date and the number of open posts."))
            return redirect("careers:reviews")
        dept = request.POST.get("department")
        review = _act(
            request,
            lambda: careers.review_open(
                user=request.user,
                kind=request.POST.get("kind", ""),
                name=request.POST.get("name", ""),
                effective_from=effective,
                target_rank=request.POST.get("target_rank", ""),
                seats=seats,
                department=Department.objects.filter(pk=dept).first() if dept and dept.isdigit() else None,
            ),
        )
        return redirect(review) if review else redirect("careers:reviews")


class ReviewView(LoginRequiredMixin, View):
    def get(self, request, pk):
        review = get_object_or_404(selectors.visible_reviews(request.user), pk=pk)
        candidates = selectors.visible_candidates(request.user).filter(review=review)
        if review.kind == ReviewKind.COMPETITION:
            candidates = selectors.ranked(candidates)
        mine = review.candidates.filter(engineer__user=request.user).first()
        return render(
            request,
            "careers/review.html",
            {
                "review": review,
                "candidates": candidates,
                "mine": mine,
                "nominable": selectors.nominable_engineers(request.user).exclude(promotion_candidacies__review=review)
                if review.status == ReviewStatus.OPEN
                else [],
                "approved": review.candidates.filter(decision=Decision.APPROVED).count(),
                "labels": {c.pk: careers.reason_labels(c) for c in candidates},
                "can_apply": review.status == ReviewStatus.OPEN and hasattr(request.user, "engineer") and mine is None,
                # The close waits for the appeal window to end (the service refuses it before): no button till then.
                "can_close": review.status == ReviewStatus.NOTICE and timezone.localdate() > review.notice_until,
            },
        )

    def post(self, request, pk):
        review = get_object_or_404(selectors.visible_reviews(request.user), pk=pk)
        op, text = request.POST.get("op"), request.POST.get("text", "")
        if op == "apply":
            _act(request, lambda: careers.candidate_add(user=request.user, review=review, statement=text))
        elif op == "nominate":
            engineer = get_object_or_404(selectors.nominable_engineers(request.user), pk=request.POST.get("engineer"))
            _act(
                request,
                lambda: careers.candidate_add(user=request.user, review=review, statement=text, engineer=engineer),
            )
        elif op == "publish":
            _act(request, lambda: careers.review_publish(user=request.user, review=review))
        elif op == "close":
            n = _act(
                request, lambda: careers.review_close(user=request.user, review=review), _("Rank changes recorded.")
            )
            if n is not None:
                messages.info(request, _("%(n)d rank changes recorded.") % {"n": n})
        else:
            messages.error(request, _("Unknown action."))
        return redirect(review)


class CandidateView(LoginRequiredMixin, View):
    """A candidate's evidence and the panel's scores; the engineer sees their own, the panel acts here."""

    def get(self, request, pk):
        candidate = get_object_or_404(selectors.visible_candidates(request.user), pk=pk)
        panel = selectors.sits_on_panel(request.user, candidate) and candidate.engineer.user_id != request.user.pk
        scores = PanelScore.objects.filter(candidate=candidate).select_related("member")
        # A candidate sees the panel's mean, not who gave what; the panel, HR and general managers see each score.
        sees_scores = panel or has_role(request.user, Role.HR_CLERK, Role.GENERAL_MANAGER)
        today = timezone.localdate()
        return render(
            request,
            "careers/candidate.html",
            {
                "c": candidate,
                "review": candidate.review,
                "rows": selectors.evidence_rows(candidate),
                "labels": careers.reason_labels(candidate),
                "scores": scores if sees_scores else [],
                "my_score": scores.filter(member=request.user).first(),
                "panel": panel,
                "gm": has_role(request.user, Role.GENERAL_MANAGER)
                and candidate.engineer.user_id != request.user.pk
                and candidate.nominated_by_id != request.user.pk,
                "own": candidate.engineer.user_id == request.user.pk,
                "may_appeal": candidate.engineer.user_id == request.user.pk
                and candidate.review.status == ReviewStatus.NOTICE
                and today <= candidate.review.notice_until
                and not candidate.appeal_outcome,
            },
        )

    def post(self, request, pk):
        candidate = get_object_or_404(selectors.visible_candidates(request.user), pk=pk)
        op, text = request.POST.get("op"), request.POST.get("text", "")
        if op == "score":
            try:
                score = Decimal(request.POST.get("score", ""))
            except InvalidOperation:
                messages.error(request, _("A score is from 0 to 100, at most two decimals."))
                return redirect(candidate)
            _act(
                request, lambda: careers.panel_score(user=request.user, candidate=candidate, score=score, comment=text)
            )
        elif op in ("approve", "reject"):
            _act(
                request,
                lambda: careers.candidate_decide(
                    user=request.user, candidate=candidate, approve=op == "approve", note=text
                ),
            )
        elif op == "appeal":
            _act(request, lambda: careers.appeal_file(user=request.user, candidate=candidate, text=text))
        elif op in ("uphold", "dismiss"):
            _act(
                request,
                lambda: careers.appeal_decide(user=request.user, candidate=candidate, uphold=op == "uphold", note=text),
            )
        else:
            messages.error(request, DomainError(CareerErrorCode.UNKNOWN_OP, _("Unknown action.")).message)
        return redirect(candidate)


class NoticeView(LoginRequiredMixin, View):
    """公示: once published, everyone sees who is promoted to what, from when."""

    def get(self, request, pk):
        review = get_object_or_404(
            selectors.visible_reviews(request.user), pk=pk, status__in=[ReviewStatus.NOTICE, ReviewStatus.CLOSED]
        )
        results = Candidate.objects.filter(review=review, decision=Decision.APPROVED).select_related(
            "engineer__department"
        )
        mine = review.candidates.filter(engineer__user=request.user).first()
        return render(
            request,
            "careers/notice.html",
            {"review": review, "results": results, "mine": mine, "today": timezone.localdate()},
        )
