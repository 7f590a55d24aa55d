"""Every part of the product that keeps records about an expert adds them to the download
for a subject access request: a new app that forgets fails here."""

from django.apps import apps

from coproduce.core.subject_access import collectors
from coproduce.people.models import Expert


def test_every_app_with_records_about_experts_has_a_collector():
    collecting = {module.__name__.rsplit(".", 1)[0] for module in collectors()}
    holding = {
        model._meta.app_config.name
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is Expert
        and (field.many_to_one or field.one_to_one)
        and model._meta.app_config.name.startswith("coproduce.")
    }
    assert holding, "some app should keep records about experts"
    assert holding <= collecting, f"no personal_data.py in {sorted(holding - collecting)}"
