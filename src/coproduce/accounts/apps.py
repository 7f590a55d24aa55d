from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coproduce.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Connects the sign-in signal that starts the session's clocks.
        from coproduce.accounts import session_limits  # noqa: F401
