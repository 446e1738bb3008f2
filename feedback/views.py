"""Pages of the supervision of the scheme: suggestions and complaints, the supervision group, the yearly review.
Thin: reads through selectors (out of scope → 404), writes through services (a refusal is shown, nothing saved)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.forms import style_form
from core.roles import Role, has_role

from . import selectors as sel
from . import services
from .forms import AnswerForm, FeedbackForm
from .models import FeedbackStatus, SupervisionMember

PAGE = 50


def _feedback(request, pk):
    return get_object_or_404(sel.visible_feedback(request.user), pk=pk)


def _review(request, pk):
    return get_object_or_404(sel.visible_reviews(request.user), pk=pk)


class FeedbackListView(LoginRequiredMixin, View):
    """The group, HR, general managers and finance see every suggestion (filters: status, category, year);
    everyone sees their own first."""

    def get(self, request):
        reads_all = sel.reads_all_feedback(request.user)
        qs = sel.visible_feedback(request.user)
        status, category, year = (request.GET.get(k, "") for k in ("status", "category", "year"))
        if status in FeedbackStatus.values:
            qs = qs.filter(status=status)
        if category in ("suggestion", "complaint"):
            qs = qs.filter(category=category)
        if year.isdigit():
            start, end = sel.year_bounds(int(year))
            qs = qs.filter(created_at__gte=start, created_at__lt=end)
        page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "feedback/list.html",
            {
                "page": page,
                "reads_all": reads_all,
                "mine": sel.my_feedback(request.user)[:20] if reads_all else None,
                "counts": sel.feedback_counts(sel.visible_feedback(request.user)),
                "statuses": FeedbackStatus.choices,
                "chosen": {"status": status, "category": category, "year": year},
                "is_member": sel.is_group_member(request.user),
                "rules": dict(sel.RULE_CHOICES),
            },
        )


class FeedbackNewView(LoginRequiredMixin, View):
    def get(self, request):
        form = FeedbackForm(initial={"document_no": "FS-MS-KF-13"})
        style_form(form)
        return render(request, "feedback/new.html", {"form": form})

    def post(self, request):
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback = services.feedback_submit(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(next(iter(exc.fields), None), exc.message)
            else:
                messages.success(request, _("Thank you: the supervision group will answer here and on your home."))
                return redirect("feedback:detail", pk=feedback.pk)
        style_form(form)
        return render(request, "feedback/new.html", {"form": form}, status=400)


class FeedbackDetailView(LoginRequiredMixin, View):
    """One suggestion: the answer, or the answer form for a member of the group; the author marks the answer read."""

    def _page(self, request, feedback, form=None, status=200):
        refusal = services.answer_refusal(request.user, feedback)
        if form is None and refusal is None:
            form = AnswerForm(initial={"status": FeedbackStatus.ANSWERED, "answer": feedback.answer})
        if form is not None:
            style_form(form)
        return render(
            request,
            "feedback/detail.html",
            {
                "f": feedback,
                "form": form if refusal is None else None,
                "is_author": feedback.author_id == request.user.pk,
                "rule_words": sel.rule_words(feedback.rule) if feedback.rule else "",
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(request, _feedback(request, pk))

    def post(self, request, pk):
        feedback = _feedback(request, pk)
        action = request.POST.get("action")
        try:
            if action == "read":
                services.feedback_mark_read(user=request.user, feedback=feedback)
                return redirect("feedback:detail", pk=pk)
            if action != "answer":
                raise Http404
            form = AnswerForm(request.POST)
            if not form.is_valid():
                return self._page(request, feedback, form, status=400)
            services.feedback_answer(user=request.user, feedback=feedback, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("feedback:detail", pk=pk)
        messages.success(request, _("Answer saved: the author sees it on their home."))
        return redirect("feedback:detail", pk=pk)


class GroupView(LoginRequiredMixin, View):
    """The supervision group: every signed-in user sees who is in it (and who was); HR or a general manager
    adds and removes members."""

    def get(self, request):
        return self._page(request)

    def _page(self, request, status=200):
        manages = sel.manages_group(request.user)
        members = list(sel.group_members())
        candidates = []
        if manages:
            seated = {m.user_id for m in members}
            candidates = [
                u
                for u in get_user_model().objects.filter(is_active=True).order_by("username")
                if u.pk not in seated and not u.is_superuser
            ]
        return render(
            request,
            "feedback/group.html",
            {
                "members": members,
                "past": sel.group_history(),
                "manages": manages,
                "candidates": candidates,
                "reads_all": sel.reads_all_feedback(request.user),
            },
            status=status,
        )

    def post(self, request):
        if not sel.manages_group(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "add":
                member = get_object_or_404(get_user_model(), pk=_int(request.POST.get("user")), is_active=True)
                services.member_add(user=request.user, member=member)
                messages.success(request, _("Added to the supervision group."))
            elif action == "remove":
                seat = get_object_or_404(SupervisionMember, pk=_int(request.POST.get("seat")))
                services.member_remove(user=request.user, seat=seat)
                messages.success(request, _("Removed from the supervision group."))
            else:
                raise Http404
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("feedback:group")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


class ReviewListView(LoginRequiredMixin, View):
    def get(self, request):
        if not sel.reads_all_feedback(request.user):
            raise PermissionDenied
        return self._page(request)

    def _page(self, request, error="", status=200):
        today = timezone.localdate()
        reviews = list(sel.visible_reviews(request.user))
        taken = {r.year for r in reviews}
        return render(
            request,
            "feedback/reviews.html",
            {
                "reviews": reviews,
                "may_start": has_role(request.user, Role.HR_CLERK),
                "years": [y for y in range(today.year, today.year - 5, -1) if y not in taken],
                "error": error,
            },
            status=status,
        )

    def post(self, request):
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        try:
            review = services.review_start(user=request.user, year=_int(request.POST.get("year")))
        except DomainError as exc:
            return self._page(request, error=exc.message, status=400)
        messages.success(request, _("Review started; the revision draft is open."))
        return redirect("feedback:review", pk=review.pk)


class ReviewDetailView(LoginRequiredMixin, View):
    """The year's feedback beside what each rule cost that year, the revision draft, and the conclusion."""

    def get(self, request, pk):
        return self._page(request, _review(request, pk))

    def _page(self, request, review, status=200):
        feedback = sel.feedback_of_year(review.year)
        costs = sel.review_costs(review)
        return render(
            request,
            "feedback/review.html",
            {
                "review": review,
                "feedback": feedback,
                "counts": sel.feedback_counts(feedback),
                "costs": costs,
                "months": sel.closed_months(review.year),
                "may_close": services.close_refusal(request.user, review) is None,
                "rules": dict(sel.RULE_CHOICES),
                "sections": sel.section_totals(costs),
            },
            status=status,
        )

    def post(self, request, pk):
        review = _review(request, pk)
        try:
            services.review_close(user=request.user, review=review, conclusion=request.POST.get("conclusion", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("feedback:review", pk=pk)
        messages.success(request, _("Review closed with its conclusion."))
        return redirect("feedback:review", pk=pk)
