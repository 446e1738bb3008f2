"""Migrate, load the demo company when the database is empty, print the logins, serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from desk.demo import DEMO_PASSWORD, USERS
from engineers.models import Department


class Command(BaseCommand):
    help = "Bring up Incentive Desk with the demo company on the embedded default and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--reset", action="store_true", help="rebuild the demo company even if data exists")
        parser.add_argument("--no-serve", action="store_true", help="prepare only; do not start the server")

    def handle(self, *args, addr, reset, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if reset or not Department.objects.exists():
            call_command("load_demo", stdout=self.stdout)
        else:
            self.stdout.write("Existing data kept (use --reset to rebuild the demo company).")
            self.stdout.write("Demo logins (user / password / role):")
            for username, role_label, _name, _role in [*USERS, ("admin", "系统管理员", None, None)]:
                self.stdout.write(f"  {username:<11} {DEMO_PASSWORD}  {role_label}")
        self.stdout.write(
            self.style.SUCCESS(f"\nIncentive Desk (激励台) is at http://{addr}/  — log in as hr / {DEMO_PASSWORD}\n")
        )
        if not no_serve:
            call_command("runserver", addr, use_reloader=False)
