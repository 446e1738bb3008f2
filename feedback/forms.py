from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Category, FeedbackStatus
from .selectors import RULE_CHOICES, document_choices
from .services import TEXT_MAX


class FeedbackForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    document_no = forms.ChoiceField(label=_("policy document"))
    rule = forms.ChoiceField(label=_("rule"), required=False)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX)
    anonymous = forms.BooleanField(
        label=_("Anonymous to managers"),
        required=False,
        help_text=_(
            "Nobody sees your name on any page, not even the supervision group; you see your suggestion and the answer."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_no"].choices = document_choices(timezone.localdate())
        self.fields["rule"].choices = [("", _("the document as a whole")), *RULE_CHOICES]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("decision"), choices=[c for c in FeedbackStatus.choices if c[0] != FeedbackStatus.OPEN]
    )
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX)
