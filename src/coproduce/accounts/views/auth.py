from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes shows once an account has had five failed sign-ins from one address."""
    return render(request, "accounts/locked_out.jinja", status=429)
