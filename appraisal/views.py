"""/kpi/ itself: each role lands on the KPI page it works in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from core.roles import Role, has_role, reads_company_wide


@login_required
def kpi_home(request):
    """HR and supervisors fill the grid; managers read the summaries; engineers their own month."""
    user = request.user
    if has_role(user, Role.HR_CLERK, Role.SUPERVISOR):
        return redirect("kpi:grid")
    if has_role(user, Role.DEPT_MANAGER, Role.GENERAL_MANAGER):
        return redirect("kpi:summary_department")
    if has_role(user, Role.ENGINEER) or not reads_company_wide(user):
        return redirect("kpi:my")
    return redirect("kpi:summary_department")
