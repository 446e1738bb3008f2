import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Web workers only (not management commands or tests): pay PDF start-up once, at boot.
from core.pdf import warm_up  # noqa: E402  (needs the apps loaded above)

warm_up()
