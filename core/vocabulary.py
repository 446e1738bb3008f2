"""The policy's words, once: KPI dimensions and sources, grades, honours, crew inspection categories.

Lazy, so each is translated when shown (in the reader's language), never when a module is imported.
Codes are the engine's; a code not listed here shows as itself.
"""

from django.utils.translation import gettext_lazy as _

KPI_DIMENSIONS = {
    "attitude": _("Work attitude"),
    "skill": _("Professional skill"),
    "efficiency": _("Efficiency"),
    "customer": _("Customer satisfaction"),
    "cost": _("Cost control"),
}
KPI_SOURCES = {
    "self": _("Self-assessment"),
    "peer": _("Peer review"),
    "customer": _("Customer evaluation"),
    "supervisor": _("Supervisor evaluation"),
}
GRADES = {
    "junior": _("Junior"),
    "intermediate": _("Intermediate"),
    "senior": _("Senior"),
    "principal": _("Principal"),
}
HONOURS = {
    "excellent_individual_month": _("Excellent individual of the month"),
    "innovation": _("Innovation award"),
    "annual_advanced_individual": _("Advanced individual of the year"),
    "excellent_team_month": _("Excellent team of the month"),
    "target_achieved": _("Target achieved award"),
    "innovation_team": _("Innovation team"),
}
CREW_CATEGORIES = {
    "safety": _("Safety"),
    "quality": _("Quality"),
    "communication": _("Communication"),
    "rules": _("Rules and discipline"),
}
ANNUAL_AWARDS = {"safety": _("Annual safety award"), "quality": _("Annual quality award")}


def label(vocabulary: dict, code: str) -> str:
    return str(vocabulary.get(code, code))
