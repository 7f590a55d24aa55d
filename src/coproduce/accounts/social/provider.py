"""allauth's OpenID Connect provider, made stricter for NHS CIS2 and NHS login:

- the ID token's signature is always checked against the keys the provider publishes (allauth
  itself skips that when the token came straight from the token endpoint);
- every sign-in sends a fresh nonce, and the ID token must bring it back;
- the issuer, audience (our client id) and expiry are checked, and each token used only once;
- the client proves who it is with a signed JWT (private_key_jwt, which both NHS services
  expect) when a private key is set, or else with the client secret;
- nobody can add scopes or sign-in parameters through the URL;
- only the few claims the sign-in needs are kept on the linked account (no NHS number, name,
  date of birth or phone number)."""

import secrets
import time
import uuid

import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

# Asymmetric signatures only: never "none", never a shared secret.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS512", "ES256")
KEPT_CLAIMS = ("sub", "iss", "email", "email_verified", "identity_proofing_level", "acr", "amr")
# Seconds of clock difference tolerated between the provider and us.
LEEWAY = 30
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class NHSOAuth2Client(OAuth2Client):
    private_key = ""

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        if self.private_key:
            now = int(time.time())
            assertion = jwt.encode(
                {
                    "iss": self.consumer_key,
                    "sub": self.consumer_key,
                    "aud": self.access_token_url,
                    "jti": str(uuid.uuid4()),
                    "iat": now,
                    "exp": now + 60,
                },
                self.private_key,
                algorithm="RS512",
            )
            extra_data = {
                **(extra_data or {}),
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": assertion,
            }
        return super().get_access_token(code, pkce_code_verifier, extra_data)


class NHSOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    client_class = NHSOAuth2Client
    # Set by views.CallbackView from the state of this sign-in.
    expected_nonce = None

    @property
    def basic_auth(self):
        if self.get_provider().app.settings.get("private_key"):
            return False
        return super().basic_auth

    def get_client(self, request, app):
        client = super().get_client(request, app)
        client.private_key = app.settings.get("private_key", "")
        if client.private_key:
            client.consumer_secret = ""  # the signed JWT stands in for it
        return client

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error("No ID token")
        claims = self.verify_id_token(app, id_token)
        data = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True):
            userinfo = self._fetch_user_info(token.token)
            if userinfo.get("sub") != claims["sub"]:
                raise OAuth2Error("The user info is for someone else")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)

    def verify_id_token(self, app, id_token: str) -> dict:
        try:
            algorithm = jwt.get_unverified_header(id_token).get("alg")
            if algorithm not in SIGNING_ALGORITHMS:
                raise OAuth2Error("ID token signing algorithm not allowed")
            _, key = jwtkit.fetch_key(
                id_token, self.openid_config["jwks_uri"], jwtkit.lookup_kid_jwk
            )
            claims = jwt.decode(
                id_token,
                key=key,
                algorithms=[algorithm],
                audience=app.client_id,
                issuer=self.openid_config["issuer"],
                leeway=LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except (jwt.PyJWTError, KeyError) as error:
            raise OAuth2Error("Invalid ID token") from error
        if not self.expected_nonce or not secrets.compare_digest(
            str(claims.get("nonce", "")), self.expected_nonce
        ):
            raise OAuth2Error("ID token nonce does not match")
        jwtkit.verify_jti(claims)
        return claims


def _kept(claims: dict | None) -> dict:
    given = claims or {}
    return {key: given[key] for key in KEPT_CLAIMS if key in given}


class NHSOpenIDConnectProvider(OpenIDConnectProvider):
    """Named in SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]."""

    package = "coproduce.accounts.social"
    oauth2_adapter_class = NHSOpenIDConnectAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.get("auth_params") or self.get_auth_params()
        kwargs["auth_params"] = {**auth_params, "nonce": nonce}
        kwargs["nonce"] = nonce  # kept in allauth's state for this sign-in
        return super().redirect(request, process, next_url, data, **kwargs)

    def get_auth_params_from_request(self, request, action):
        return self.get_auth_params()

    def get_scope_from_request(self, request):
        return self.get_scope()

    def extract_extra_data(self, data):
        return {"id_token": _kept(data.get("id_token")), "userinfo": _kept(data.get("userinfo"))}

    def claims(self, extra_data: dict) -> dict:
        """The kept claims, the signed ID token's winning over the user info's."""
        return {**extra_data.get("userinfo", {}), **extra_data.get("id_token", {})}
