"""allauth's OpenID Connect login and callback views, with our adapter (provider.py)."""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.http import Http404

from coproduce.accounts.social.provider import NHSOpenIDConnectAdapter


class CallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        # The nonce sent with this sign-in (provider.py) is kept in allauth's state for it; the
        # adapter checks the ID token carries it back.
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get("nonce")
        return state, response


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(NHSOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


@login_not_required
def callback(request, provider_id):
    try:
        return CallbackView.adapter_view(NHSOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
