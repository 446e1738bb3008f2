"""Writes of welfare and honours: only HR clerks give things (never to themselves), each in one transaction
with its history row.

- `grant_record`: one engineer, any kind but a certificate (certificates come from an approved honour);
- `batch_issue`: a holiday gift or health check to a whole department at once: every engineer on the
  payroll that day gets one, the others (hired later, left earlier, the issuer themself) are skipped and
  listed on the batch; all or nothing;
- `certificates_issue`: an approved honour's certificate for each of its members (once: again returns the
  same certificates);
- `work_start_set`: when an engineer's cumulative service began (what paid annual leave counts from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from appraisal.models import Award, AwardStatus
from appraisal.models.awards import PENALTY_KINDS
from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Department, Engineer
from incentives.money import to_money

from .errors import WelfareErrorCode
from .models import BATCH_KINDS, Grant, GrantBatch, GrantKind, WorkStart


def _require_hr(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(WelfareErrorCode.ROLE, _("Only an HR clerk records welfare and honours."))


def on_payroll(engineer: Engineer, day: date) -> bool:
    return engineer.hire_date <= day and (engineer.leaving_date is None or engineer.leaving_date >= day)


def _value(amount) -> Decimal | None:
    return None if amount in (None, "") else to_money(amount, field="value_amount")


def grant_record(*, user, engineer: Engineer, kind: str, given_on: date, reason: str, value_amount=None) -> Grant:
    """Record one thing given to one engineer (a trophy, a gift, a health check, other)."""
    _require_hr(user)
    if kind == GrantKind.CERTIFICATE:
        raise DomainError(
            WelfareErrorCode.CERTIFICATE_BY_HONOUR,
            _("A certificate is printed from an approved honour: issue it from the honour's line."),
            field="kind",
        )
    if kind not in GrantKind.values:
        raise DomainError(WelfareErrorCode.NOT_BATCH_KIND, _("Choose what was given."), field="kind")
    with transaction.atomic():
        engineer = Engineer.objects.select_for_update().get(pk=engineer.pk)
        if engineer.user_id is not None and engineer.user_id == user.pk:
            raise PermissionDeniedError(
                WelfareErrorCode.OWN, _("You cannot record something given to yourself."), field="engineer"
            )
        if not on_payroll(engineer, given_on):
            raise DomainError(
                WelfareErrorCode.NOT_ON_PAYROLL,
                _("%(name)s is not on the payroll on %(day)s.") % {"name": engineer.name, "day": given_on.isoformat()},
                field="given_on",
            )
        grant = Grant(
            engineer=engineer,
            kind=kind,
            given_on=given_on,
            reason=reason.strip(),
            value_amount=_value(value_amount),
            issued_by=user,
        )
        grant._history_user = user
        grant.save()
        return grant


@dataclass
class BatchResult:
    batch: GrantBatch
    grants: list[Grant] = field(default_factory=list)

    @property
    def skipped(self) -> list[dict]:
        return self.batch.skipped


def batch_issue(
    *, user, department: Department, kind: str, given_on: date, reason: str, value_amount=None
) -> BatchResult:
    """A holiday gift or a health check to everyone in `department` on the payroll on `given_on`, at once.

    Those not on the payroll that day (hired after it, left before it) and the issuer themself are skipped
    and listed on the batch with why; nothing is written unless every grant is."""
    _require_hr(user)
    if kind not in BATCH_KINDS:
        raise DomainError(
            WelfareErrorCode.NOT_BATCH_KIND,
            _("Only a holiday gift or a health check is given to a whole department."),
            field="kind",
        )
    value = _value(value_amount)
    with transaction.atomic():
        # The department's engineers, locked: a second issue waits and sees the first's grants.
        engineers = list(
            Engineer.objects.select_for_update().filter(department=department).order_by("employee_no", "pk")
        )
        given, skipped = [], []
        for e in engineers:
            why = None
            if e.hire_date > given_on:
                why = _("hired %(day)s") % {"day": e.hire_date.isoformat()}
            elif e.leaving_date and e.leaving_date < given_on:
                why = _("left %(day)s") % {"day": e.leaving_date.isoformat()}
            elif e.user_id is not None and e.user_id == user.pk:
                why = _("the issuer: another HR clerk records it")
            if why:
                skipped.append({"engineer": e.pk, "employee_no": e.employee_no, "name": e.name, "why": str(why)})
            else:
                given.append(e)
        if not given:
            raise DomainError(
                WelfareErrorCode.NOBODY,
                _("Nobody in %(department)s is on the payroll on %(day)s: nothing was given.")
                % {"department": department.name, "day": given_on.isoformat()},
                field="given_on",
            )
        batch = GrantBatch(
            department=department,
            kind=kind,
            given_on=given_on,
            reason=reason.strip(),
            value_amount=value,
            issued_by=user,
            skipped=skipped,
        )
        batch._history_user = user
        batch.save()
        grants = []
        for e in given:
            g = Grant(
                engineer=e,
                kind=kind,
                given_on=given_on,
                reason=batch.reason,
                value_amount=value,
                issued_by=user,
                batch=batch,
            )
            g._history_user = user
            g.save()
            grants.append(g)
        return BatchResult(batch, grants)


def certificates_issue(*, user, award: Award, given_on: date) -> list[Grant]:
    """An approved honour's certificate for each member (the members' own are issued by another clerk).

    Idempotent: a member who has the honour's certificate keeps it; the others get theirs."""
    _require_hr(user)
    with transaction.atomic():
        award = Award.objects.select_for_update().get(pk=award.pk)
        if award.kind in PENALTY_KINDS:
            raise DomainError(WelfareErrorCode.NOT_AN_HONOUR, _("A penalty has no certificate."))
        if award.status != AwardStatus.APPROVED:
            raise DomainError(
                WelfareErrorCode.NOT_APPROVED, _("Only an approved honour has certificates: it is not approved yet.")
            )
        members = list(award.members.order_by("employee_no"))
        if any(m.user_id is not None and m.user_id == user.pk for m in members):
            raise PermissionDeniedError(
                WelfareErrorCode.OWN, _("The honour names you: another HR clerk issues its certificates.")
            )
        have = {g.engineer_id: g for g in Grant.objects.filter(award=award, kind=GrantKind.CERTIFICATE)}
        out = []
        for m in members:
            if m.pk in have:
                out.append(have[m.pk])
                continue
            g = Grant(
                engineer=m,
                kind=GrantKind.CERTIFICATE,
                given_on=given_on,
                reason=award.reason[:200],
                issued_by=user,
                award=award,
            )
            g._history_user = user
            g.save()
            out.append(g)
        return out


def work_start_set(*, user, engineer: Engineer, started_on: date, note: str = "") -> WorkStart:
    """When the engineer's cumulative service began (at most their hire date here)."""
    _require_hr(user)
    if started_on > engineer.hire_date:
        raise DomainError(
            WelfareErrorCode.WORK_START_AFTER_HIRE,
            _("Cumulative service begins on or before the hire date here (%(day)s).")
            % {"day": engineer.hire_date.isoformat()},
            field="started_on",
        )
    with transaction.atomic():
        row = WorkStart.objects.select_for_update().filter(engineer=engineer).first()
        if row is None:
            row = WorkStart(engineer=engineer)
        row.started_on, row.note = started_on, note.strip()
        row._history_user = user
        row.save()
        return row
