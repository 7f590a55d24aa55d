"""Loading settings for a process that is starting (manage.py, gunicorn through wsgi.py).

A missing or bad setting stops the process with one line naming it, on stderr, and a non-zero
exit: an operator reading a container's log sees what to set, not a stack trace. Only errors
from reading the settings get this; anything later keeps its full traceback."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from coproduce.env import EnvError

EXIT_BAD_SETTING = 78  # EX_CONFIG from sysexits.h: "configuration error"


def load_settings_or_exit() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading a setting loads the settings module
    except (ImproperlyConfigured, EnvError, OSError) as error:
        # OSError: a NAME_FILE that cannot be read. The message names the file, not its content.
        sys.stderr.write(f"Coproduce cannot start: {error}\n")
        sys.stderr.flush()
        raise SystemExit(EXIT_BAD_SETTING) from None


def freeze_what_startup_made() -> None:
    """Moves every object made while starting (Django, the apps, every view: about 120,000)
    out of the garbage collector's way, once the process is ready to serve.

    Python's cycle collector now and then walks every object it tracks. A shortlist or a
    dashboard makes tens of thousands of short-lived rows, which sets it off; walking the
    startup objects too took about 50 ms a time, twice in a run of 20 cold shortlists, enough
    to push one over its target. Frozen, they are never walked (and, in gunicorn's workers
    forked from a preloaded app, never written to, so the workers keep sharing their memory
    with the parent). Objects made later are collected as before."""
    import gc

    gc.collect()
    gc.freeze()
