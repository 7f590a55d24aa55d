"""allauth's "code from your authenticator app" step, skipped after a CIS2 sign-in: CIS2 has
already asked for the smartcard or the CIS2 authenticator (see middleware.used_smartcard)."""

from allauth.mfa import stages

from coproduce.accounts.middleware import used_smartcard


class AuthenticateStage(stages.AuthenticateStage):
    def _should_handle(self, request) -> bool:
        if self.login.user is not None and used_smartcard(request, self.login.user):
            return False
        return super()._should_handle(request)
