from django.db import migrations

CODES = ["pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"]


def add_values(apps, schema_editor):
    value_model = apps.get_model("courses", "BerAkhlakValue")
    for code in CODES:
        value_model.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_initial")]

    operations = [migrations.RunPython(add_values, migrations.RunPython.noop)]
