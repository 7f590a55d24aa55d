from django.db import models


class Status(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    LEFT = "left", "Left"


class Perspective(models.TextChoices):
    SERVICE_USER = "service_user", "Service user"
    CARER = "carer", "Carer"
    BOTH = "both", "Service user and carer"
    GROUP_REPRESENTATIVE = "group_rep", "Representative of a user-led group"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    POST = "post", "Letter"


class CommunicationNeed(models.TextChoices):
    """How a person needs what we send them (issue 14): a message or document with a version in
    that format is sent in it; the others are for the team to arrange (an audio recording, a
    BSL interpreter), and a carer or supporter can be copied in."""

    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"
    AUDIO = "audio", "Audio"
    BSL = "bsl", "British Sign Language (BSL)"
    CARER_COPY = "carer_copy", "Copy my carer or supporter in"


class PaymentPreference(models.TextChoices):
    PAID = "paid", "Paid for my time"
    EXPENSES_ONLY = "expenses", "Expenses only"
    VOLUNTEER = "volunteer", "Volunteer (no payment)"


class BenefitsDeclaration(models.TextChoices):
    NONE = "none", "No benefits limit"
    EXPENSES_ONLY = "expenses_only", "Expenses only: any payment could affect benefits"
    WEEKLY_LIMIT = "weekly", "Earnings limit each week (Monday to Sunday)"
    MONTHLY_LIMIT = "monthly", "Earnings limit each monthly assessment period"


class Weekday(models.TextChoices):
    MONDAY = "mon", "Monday"
    TUESDAY = "tue", "Tuesday"
    WEDNESDAY = "wed", "Wednesday"
    THURSDAY = "thu", "Thursday"
    FRIDAY = "fri", "Friday"
    SATURDAY = "sat", "Saturday"
    SUNDAY = "sun", "Sunday"


class TimeOfDay(models.TextChoices):
    MORNING = "morning", "Mornings"
    AFTERNOON = "afternoon", "Afternoons"
    EVENING = "evening", "Evenings"
