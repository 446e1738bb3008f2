from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RejectNulBytesMiddleware:
    """A NUL byte in the query string would reach PostgreSQL as a 500; refuse it as a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.GET.urlencode() or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("NUL bytes are not allowed in the query string.")
        return self.get_response(request)


class ChineseFirstLocaleMiddleware:
    """Chinese unless the user chose another language in the page (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an
    English-configured office PC would show English; our users expect Chinese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
