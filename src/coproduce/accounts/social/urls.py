"""allauth's OpenID Connect URLs (/accounts/oidc/<provider>/login/ and its callback), served
by our stricter views: allauth builds its URLs from this package (provider.py `package`)."""

from django.urls import include, path, re_path

from coproduce.accounts.social import views

urlpatterns = [
    path(
        "oidc/",
        include(
            [
                re_path(
                    r"^(?P<provider_id>[^/]+)/",
                    include(
                        [
                            path("login/", views.login, name="openid_connect_login"),
                            path(
                                "login/callback/",
                                views.callback,
                                name="openid_connect_callback",
                            ),
                        ]
                    ),
                )
            ]
        ),
    )
]
