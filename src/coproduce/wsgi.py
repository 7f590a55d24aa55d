import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from coproduce.startup import freeze_what_startup_made, load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
# gunicorn loads this module before forking (preload_app): a missing setting stops it with
# one line naming the setting.
load_settings_or_exit()
application = get_wsgi_application()
# Import every view now, before gunicorn forks, so that the workers share them and no
# worker's first request (often a health probe) waits seconds for the imports.
get_resolver().url_patterns  # noqa: B018
# Last, before the fork: what starting made is kept out of the cycle collector's way.
freeze_what_startup_made()
