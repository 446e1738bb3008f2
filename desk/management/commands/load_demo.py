from datetime import date

from django.core.management.base import BaseCommand, CommandError

from desk.demo import DemoRefused, build_demo_company


class Command(BaseCommand):
    help = "Build (or rebuild) the deterministic demo company: departments, crews, engineers, work orders, logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2009)
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Anchor date (YYYY-MM-DD)")

    def handle(self, *args, seed, today, **options):
        try:
            summary = build_demo_company(seed=seed, today=today)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Demo company: {summary.departments} departments, {summary.crews} crews, "
            f"{summary.engineers} engineers, {summary.work_orders} work orders, "
            f"{summary.service_requests} customer requests."
        )
        self.stdout.write("Demo logins (user / password / role):")
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:<11} {password}  {role}")
