"""Every page the signed-in person can use, in groups (accounts/nav.py): the header shows only
the few each role uses most, and links here for the rest."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.accounts.nav import navigation_for


@login_required
def all_pages(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/all_pages.jinja", {"groups": navigation_for(request).groups})
