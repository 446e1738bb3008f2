from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Candidate, PanelScore, PromotionReview, RankChange


@admin.register(PromotionReview)
class PromotionReviewAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "target_rank", "seats", "effective_from", "status"]
    list_filter = ["kind", "status"]


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "review", "target_rank", "eligible", "panel_score", "decision", "appeal_outcome"]
    list_filter = ["decision", "review"]
    readonly_fields = ["evidence", "reasons", "eligible", "panel_score"]


@admin.register(PanelScore)
class PanelScoreAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "member", "score"]


@admin.register(RankChange)
class RankChangeAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "from_rank", "to_rank", "effective_from", "approved_by", "recorded_by"]
