"""One API error shape: {"code", "message", "fields"} for domain and engine errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import CommonErrorCode, ConflictError, DomainError, PermissionDeniedError
from incentives.errors import IncentiveError


def exception_handler(exc, context):
    if isinstance(exc, PermissionDeniedError):
        return Response({"code": exc.code, "message": str(exc.message), "fields": exc.fields}, status=403)
    if isinstance(exc, ConflictError):
        return Response(
            {"code": exc.code, "message": str(exc.message), "fields": exc.fields}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DomainError):
        return Response(
            {"code": exc.code, "message": str(exc.message), "fields": exc.fields},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IncentiveError):
        return Response({"code": exc.code, "message": exc.message, "fields": exc.params}, status=400)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {
                "code": CommonErrorCode.IN_USE,
                "message": _("It is still referred to by other records (%(n)d), so it cannot be deleted.")
                % {"n": len(exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects)},
                "fields": {},
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        return Response({"code": CommonErrorCode.INVALID, "message": "; ".join(exc.messages), "fields": {}}, status=400)
    if isinstance(exc, Http404):
        # DRF would pass on Django's English "No StudyReward matches the given query." (a model's class name, in
        # any language): say DRF's own "Not found.", translated, instead.
        exc = NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        detail = response.data.get("detail")
        response.data = {
            "code": getattr(detail, "code", CommonErrorCode.INVALID),
            "message": str(detail) if detail else _("Some values are not valid: see each field's message."),
            "fields": {k: v for k, v in response.data.items() if k != "detail"},
        }
    return response
