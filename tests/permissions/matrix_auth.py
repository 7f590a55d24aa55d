"""Permission matrix entries for sign-in, sign-out, passwords and MFA (django-allauth)."""

AUTH: dict[str, tuple[str, str, dict[str, str]]] = {}
