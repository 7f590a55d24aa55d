from django.db import models
from django.db.models import QuerySet

from coproduce.audit.models import AuditEvent, RecordView


def history_of(instance: models.Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        subject_model=instance._meta.label_lower, subject_id=str(instance.pk)
    ).select_related("actor")


def views_of(instance: models.Model) -> QuerySet[RecordView]:
    return RecordView.objects.filter(
        subject_model=instance._meta.label_lower, subject_id=str(instance.pk)
    )
