"""The choices an election is made of."""

from django.db import models


class Method(models.TextChoices):
    FPTP = "fptp", "First past the post"
    STV = "stv", "Single transferable vote"


class Status(models.TextChoices):
    """Where an election is. The allowed moves are `MOVES` below, and nowhere else."""

    DRAFT = "draft", "Draft"
    NOMINATIONS = "nominations", "Taking nominations"
    UNCONTESTED = "uncontested", "Declared without a poll"
    POLL = "poll", "Poll"
    CLOSED = "closed", "Poll closed"
    COUNTED = "counted", "Counted"
    DECLARED = "declared", "Declared"


MOVES: dict[str, set[str]] = {
    Status.DRAFT: {Status.NOMINATIONS},
    Status.NOMINATIONS: {Status.UNCONTESTED, Status.POLL},
    Status.POLL: {Status.CLOSED},
    Status.CLOSED: {Status.COUNTED},
    Status.COUNTED: {Status.DECLARED},
    Status.UNCONTESTED: set(),
    Status.DECLARED: set(),
}

# Once the poll has closed, and only then, ballots may be counted or read.
AFTER_THE_CLOSE = {Status.CLOSED, Status.COUNTED, Status.DECLARED}


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "Paper"


class Delivery(models.TextChoices):
    """How a voter is sent their code: by email, or in a letter."""

    EMAIL = "email", "Email"
    POST = "post", "Post"
