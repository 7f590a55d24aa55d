from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "403.jinja", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.jinja", status=404)
