"""The API's router: object ids in URLs are numbers, so `/api/x/null,null/` is a 404, never a 500."""

from rest_framework.routers import DefaultRouter


class IdRouter(DefaultRouter):
    def get_lookup_regex(self, viewset, lookup_prefix=""):
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", "[0-9]+")  # DRF's default would take any text
        return f"(?P<{lookup_prefix}{kwarg}>{value})"
