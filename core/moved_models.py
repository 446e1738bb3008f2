"""Migration support for models that moved from one app to another with their tables.

The content types (and so permissions and admin log entries) follow the model to its
new app label, instead of being left behind as stale rows beside fresh ones.
"""

from django.db import migrations


def content_types_follow(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    names = [m.lower() for m in models]

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        taken = set(ContentType.objects.filter(app_label=new_app, model__in=names).values_list("model", flat=True))
        ContentType.objects.filter(app_label=old_app, model__in=set(names) - taken).update(app_label=new_app)

    def backwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=new_app, model__in=names).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards, elidable=True)
