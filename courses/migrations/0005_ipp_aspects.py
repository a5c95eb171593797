from django.db import migrations

CODES = ["inovasi", "konsultasi", "sarana", "sistem_informasi", "profesionalisme"]


def add_aspects(apps, schema_editor):
    aspect_model = apps.get_model("courses", "IppAspectTag")
    for code in CODES:
        aspect_model.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_page_types_blocks_ipp_sections")]

    operations = [migrations.RunPython(add_aspects, migrations.RunPython.noop)]
