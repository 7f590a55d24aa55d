from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower

from coproduce.accounts.roles import Role


class Organisation(models.Model):
    """A partner organisation: one deployment may serve a council and its NHS partners."""

    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organisation_name_unique_any_case",
                violation_error_message="There is already an organisation with that name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                name="team_unique_per_org_any_case",
                violation_error_message="This organisation already has a team with that name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMINISTRATOR)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    # Signed in by email, with one full name: AbstractUser's username and split name go.
    username = None  # type: ignore[assignment]  # removes the field, as Django documents
    first_name = None  # type: ignore[assignment]  # removes the field
    last_name = None  # type: ignore[assignment]  # removes the field
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=Role.choices(), default=Role.STAFF)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    # Our manager creates users by email; Django's UserManager needs a username, so this one
    # does not derive from it, and the stubs expect it to.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]  # see above

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_any_case",
                violation_error_message="There is already an account with this email address",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_expert(self) -> bool:
        return self.role == Role.EXPERT

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name
