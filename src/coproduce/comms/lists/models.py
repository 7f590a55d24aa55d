"""The records of mailing lists (issue 14): a list by team or topic and who is on it, a message
written to a list (with its Easy Read and text versions), and one delivery record for each
person it goes to (or their carer), saying by which channel, in which version, and how it went."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from coproduce.core.models import TimeStamped

# Text messages are charged by the 153-character part: four parts at most, and room for the
# link to leave the list that is added to each text.
TEXT_LENGTH = 480
BODY_LENGTH = 10_000
SUBJECT_LENGTH = 150


class MailingList(TimeStamped):
    """A list of experts by team ("Adult Social Care") or topic ("Carers' news")."""

    name = models.CharField(max_length=120)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(max_length=120, blank=True)
    description = models.TextField(max_length=1000, blank=True)
    # Experts may join it themselves in the portal (they may always leave).
    open_to_join = models.BooleanField(default=True)
    # Also to Foundation Trust members who agreed to hear the trust's news by email: all
    # current members, or those of one constituency (null: every constituency). PROTECT: a
    # constituency taken away must never turn a list for one constituency into one for all.
    to_members = models.BooleanField(default=False)
    members_constituency = models.ForeignKey(
        "members.Constituency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="mailing_list_name_unique_any_case",
                violation_error_message="There is already a list with this name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def about(self) -> str:
        """The team or topic, in words."""
        return self.topic or (self.team.name if self.team else "")


class Member(models.Model):
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(
        "people.Expert", on_delete=models.CASCADE, related_name="mailing_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    # Who added them: null when they joined themselves.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "expert"], name="mailing_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.expert} on {self.mailing_list}"


class Message(TimeStamped):
    """A message to a list. Written as a draft, checked (who gets which version, who does not
    and why), then sent once: draft → queued → sending → sent, each move made only from the
    state before it (services.queue_message, tasks.send_message)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        QUEUED = "queued", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(max_length=SUBJECT_LENGTH)
    body = models.TextField(max_length=BODY_LENGTH)
    easy_read_body = models.TextField(max_length=BODY_LENGTH, blank=True)
    text_body = models.TextField(max_length=TEXT_LENGTH, blank=True)
    # A PDF sent with the message, and its Easy Read and large-print versions (documents.py).
    document = models.FileField(upload_to="mailing/documents/", max_length=200, blank=True)
    easy_read_document = models.FileField(
        upload_to="mailing/documents/", max_length=200, blank=True
    )
    large_print_document = models.FileField(
        upload_to="mailing/documents/", max_length=200, blank=True
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    # Goes up with every change to the words: sending says which revision was checked, so a
    # message changed in another tab since is checked again, not sent unseen.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class Version(models.TextChoices):
    STANDARD = "standard", "Standard"
    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"
    TEXT = "text", "Text message"


class Delivery(models.Model):
    """One copy of a message to one person: the expert, or their carer (`to_carer`), or a
    Foundation Trust member reached because the list also goes to members (`member`). Exactly
    one of `expert` and `member` is set; a member's copy is never a carer's."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"
        # Checked again at send time: they may no longer be contacted this way.
        NOT_SENT = "not_sent", "Not sent"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    expert = models.ForeignKey(
        "people.Expert",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mailing_deliveries",
    )
    member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    to_carer = models.BooleanField(default=False)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    version = models.CharField(max_length=12, choices=Version.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "expert", "to_carer"], name="mailing_delivery_once"
            ),
            models.UniqueConstraint(
                fields=["message", "member"],
                condition=Q(member__isnull=False),
                name="mailing_delivery_to_member_once",
            ),
            models.CheckConstraint(
                condition=Q(expert__isnull=False, member__isnull=True)
                | Q(expert__isnull=True, member__isnull=False, to_carer=False),
                name="mailing_delivery_expert_or_member",
                violation_error_message="A copy goes to an expert or to a member, not both",
            ),
        ]
        indexes = [
            models.Index(fields=["message", "status"]),
            models.Index(
                fields=["message", "id"],
                condition=Q(status="queued"),
                name="mailing_delivery_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        to = f"member {self.member_id}" if self.member_id else self.expert_id
        return f"{self.message} to {to}: {self.status}"
