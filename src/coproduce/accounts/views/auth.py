from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """What django-axes shows after five failed sign-ins from one address."""
    return render(request, "accounts/locked_out.jinja", status=429)
