"""Django's Jinja2 backend, plus the `template_rendered` signal that Django's own templates
send, so that the test client can show which template and context a view rendered."""

from django.template.backends.jinja2 import Jinja2 as DjangoJinja2
from django.template.backends.jinja2 import Template as DjangoTemplate
from django.test.signals import template_rendered


class Template(DjangoTemplate):
    def render(self, context=None, request=None):
        if template_rendered.receivers:
            full = dict(context or {})
            if request is not None:
                full["request"] = request
            template_rendered.send(sender=self, template=self, context=full)
        return super().render(context, request)


class Jinja2(DjangoJinja2):
    def get_template(self, template_name):
        template = super().get_template(template_name)
        return Template(template.template, self)

    def from_string(self, template_code):
        return Template(self.env.from_string(template_code), self)
