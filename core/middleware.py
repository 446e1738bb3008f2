from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """A NUL byte in the query string would reach PostgreSQL as a 500; refuse it as a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.GET.urlencode() or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("NUL bytes are not allowed in the query string.")
        return self.get_response(request)
