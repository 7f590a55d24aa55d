"""Every page tells the browser that no page of ours uses the camera, microphone, location,
payment or other powerful features, so nothing injected into one can use them either."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "get_involved", "account_login"])
def test_powerful_browser_features_are_switched_off(client, name):
    header = client.get(reverse(name))["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_signed_in_pages_carry_it_too(coordinator_client):
    assert "camera=()" in coordinator_client.get(reverse("people:register"))["Permissions-Policy"]
