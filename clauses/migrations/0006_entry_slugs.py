"""Gazetteer entries get a slug, the address of their page (``SluggedEntry``).

Existing rows are given theirs in the order they were made, so the first of
two names that read alike (山西省 before 陕西省) keeps the bare pinyin.
"""

from django.db import migrations, models

from clauses.parsing.slugs import ENTRY_SLUG_LENGTH, entry_slug


def _qualifiers(model_name, row, names):
    if model_name == "region":
        return [row.code, names.get(row.parent_id, "")]
    if model_name == "department":
        return [names.get(row.jurisdiction_id, "")]
    return [names.get(row.parent_id, "")]


def give_slugs(apps, schema_editor):
    region_names = dict(apps.get_model("clauses", "Region").objects.values_list("pk", "name"))
    for model_name in ("region", "department", "industry"):
        model = apps.get_model("clauses", model_name)
        names = dict(model.objects.values_list("pk", "name")) if model_name == "industry" else region_names
        taken: set[str] = set()
        rows = list(model.objects.order_by("pk"))
        for row in rows:
            row.slug = entry_slug(row.name, _qualifiers(model_name, row, names), taken, fallback=model_name)
            taken.add(row.slug)
        model.objects.bulk_update(rows, ["slug"], batch_size=500)


def _slug_field(**options):
    return models.SlugField(max_length=ENTRY_SLUG_LENGTH, editable=False, **options)


class Migration(migrations.Migration):

    dependencies = [
        ("clauses", "0005_county_regions"),
    ]

    operations = [
        # Unindexed until it is filled: a SlugField's own index, then the unique one, would both make
        # PostgreSQL's "…_like" index of one name.
        *[migrations.AddField(model_name=name, name="slug", field=_slug_field(null=True, db_index=False))
          for name in ("department", "industry", "region")],
        migrations.RunPython(give_slugs, migrations.RunPython.noop),
        *[migrations.AlterField(model_name=name, name="slug", field=_slug_field(unique=True))
          for name in ("department", "industry", "region")],
        migrations.CreateModel(
            name="EntryRedirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model", models.CharField(max_length=20)),
                ("slug", models.SlugField(max_length=ENTRY_SLUG_LENGTH)),
                ("target_slug", models.SlugField(max_length=ENTRY_SLUG_LENGTH)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("model", "slug"), name="unique_entry_redirect")],
            },
        ),
    ]
