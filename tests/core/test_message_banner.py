"""Django's messages as NHS.UK notification banners (core/jinja2/components/message-banner)."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template import engines


def render(*messages: Message) -> str:
    env = engines["jinja2"].env
    template = env.from_string(
        '{% from "components/message-banner/macro.jinja" import messageBanner %}'
        "{% for m in messages %}{{ messageBanner(m, loop.index) }}{% endfor %}"
    )
    return " ".join(template.render(messages=messages).split())


def test_a_success_is_the_green_banner_that_nhs_js_focuses():
    html = render(Message(constants.SUCCESS, "Claim C-4 approved."))
    assert (
        'class="nhsuk-notification-banner nhsuk-notification-banner--success"'
        ' data-module="nhsuk-notification-banner" role="alert"'
        ' aria-labelledby="message-1-title" >' in html
    )
    assert 'id="message-1-title" > Success </h2>' in html
    assert '<p class="nhsuk-notification-banner__heading"> Claim C-4 approved. </p>' in html


def test_an_error_is_announced_and_anything_else_is_a_labelled_region():
    html = render(
        Message(constants.ERROR, "Choose who came"),
        Message(constants.INFO, "Nothing changed."),
    )
    assert 'role="alert" aria-labelledby="message-1-title"' in html
    assert 'id="message-1-title" > There is a problem </h2>' in html
    assert 'role="region" aria-labelledby="message-2-title"' in html
    assert 'id="message-2-title" > Important </h2>' in html
    assert "nhsuk-notification-banner--success" not in html


def test_a_message_is_text_even_when_it_quotes_what_someone_typed():
    html = render(Message(constants.SUCCESS, "Meera <script>Shah is now a member."))
    assert "<script>" not in html
    assert "Meera &lt;script&gt;Shah is now a member." in html
