"""Each expert's year: a personal summary they can download (a tagged PDF, with an Easy Read version): what they took part in, their hours, what changed as a result, a thank-you, and a record for a CV or a benefits adviser (issue 13)."""

from django.apps import AppConfig


class YourYearConfig(AppConfig):
    name = "coproduce.impact.your_year"
    label = "your_year"
