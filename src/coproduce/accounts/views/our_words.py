"""The involvement lead's page for the organisation's own words."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.accounts.our_words import OurWordsForm, set_our_words, words_now
from coproduce.core.terms import Terms


@permission_required("accounts.set_our_words", raise_exception=True)
def our_words(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OurWordsForm(
        request.POST if request.method == "POST" else None, initial=asdict(words_now())
    )
    if request.method == "POST" and form.is_valid():
        set_our_words(actor=request.user, terms=Terms(**form.cleaned_data))
        messages.success(
            request, "Your words are saved. Every page, email, document and badge uses them now."
        )
        return redirect("accounts:our_words")
    return render(
        request, "accounts/our_words.jinja", {"form": form}, status=400 if form.errors else 200
    )
