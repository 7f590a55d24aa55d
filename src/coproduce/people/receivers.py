"""What the register does when another app tells it something (coproduce.people.signals)."""

from coproduce.people import services


def record_privacy_notice(sender, *, expert, version: str, signed_at, actor, **kwargs) -> None:
    """An expert signed a version of the privacy notice: it becomes the version on their
    record, with when they acknowledged it."""
    services.acknowledge_privacy_notice(
        actor=actor, expert=expert, version=version, acknowledged_at=signed_at
    )
