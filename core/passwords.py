"""A password validator Django lacks: several kinds of character, so 'zhangsan88' is refused."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, capitals, digits, anything else."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def _classes(self, password: str) -> int:
        found = {i for ch in password for i, chars in enumerate(CLASSES) if ch in chars}
        others = any(not any(ch in chars for chars in CLASSES) for ch in password)
        return len(found) + others

    def validate(self, password, user=None):
        if self._classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("Use at least %(n)d of: lower-case letters, capitals, digits, other characters.") % {
            "n": self.min_classes
        }
