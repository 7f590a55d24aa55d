"""The request of a page that only a signed-in person can reach.

Login is required by default (`core.middleware.LoginRequiredMiddleware`), so a view behind it may say so in its
type: `request.user` is then our `User`, never `AnonymousUser`, and mypy checks it as one.
"""

from django.http import HttpRequest

from coproduce.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
