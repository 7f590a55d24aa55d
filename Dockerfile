# Coproduce: one image for the web server, the task worker and the scheduler.
#
#   docker build -t coproduce .
#   docker run coproduce web|worker|scheduler|migrate|all
#
# Both bases are arguments so that a trust can use its own mirror, or a machine with no
# registry can use images made locally from Debian's packages (deploy/base-image does that;
# deploy/smoke-test builds this file with them). Any BASE needs python3 (3.11 or newer, able to
# make a venv) on PATH and apt-get; NODE_BASE needs npm.
ARG BASE=python:3.11.13-slim-bookworm
ARG NODE_BASE=node:20.19.4-bookworm-slim

# --- Front-end assets: node is needed to fetch them, never to run the service. ---------------
FROM ${NODE_BASE} AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
# The same copies as the Makefile's `assets` target (compiled NHS.UK frontend, no Sass build).
# deploy/smoke-test compares the image's files with those `make assets` makes.
RUN V=vendor \
    && mkdir -p $V/nhsuk \
    && cp node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js* $V/nhsuk/ \
    && sed 's#url(/assets/#url(assets/#g' node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css \
       | sed 's#/\*\# sourceMappingURL=[^*]*\*/##' > $V/nhsuk/nhsuk-frontend.min.css \
    && cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets $V/nhsuk/assets

# --- Python packages, exactly as uv.lock says, in a venv copied whole to the runtime. --------
FROM ${BASE} AS build
# uv is pinned (the Makefile's UV_VERSION) and installed by pip into its own venv: Debian's
# own python3 refuses a system-wide pip install.
ARG UV_VERSION=0.13.8
RUN python3 -m venv /opt/uv && /opt/uv/bin/pip install --no-cache-dir --quiet uv==${UV_VERSION}
ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1
WORKDIR /src
COPY pyproject.toml uv.lock ./
# The dependencies first, in a layer of their own: a code change does not download them again.
RUN /opt/uv/bin/uv sync --frozen --no-dev --no-editable --no-install-project --python python3
COPY src ./src
COPY --from=assets /build/vendor ./src/coproduce/static/vendor
# --no-editable: the project goes into site-packages; the runtime image holds no source tree.
RUN /opt/uv/bin/uv sync --frozen --no-dev --no-editable --python python3

# --- The runtime image. ----------------------------------------------------------------------
FROM ${BASE} AS runtime
# WeasyPrint draws PDFs (tax-year statements) with Pango, and needs at least one font.
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core ca-certificates >/dev/null \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 coproduce \
    && useradd --system --uid 10001 --gid coproduce --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin coproduce
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY manage.py ./
COPY deploy/entrypoint deploy/gunicorn.conf.py ./deploy/
# XDG_CACHE_HOME: fontconfig (for PDFs) wants a writable cache; the service user's home is not.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=coproduce.settings \
    COPRODUCE_VAR_DIR=/var/lib/coproduce \
    STATIC_ROOT=/app/staticfiles \
    XDG_CACHE_HOME=/tmp/cache \
    PORT=8000
# collectstatic with the production storage (hashed names and a manifest). Settings refuse to
# load without a SECRET_KEY when DEBUG is off: these values exist for this one command only
# and are not in the image's environment.
RUN SECRET_KEY=build-only-not-a-secret-collectstatic-xxxxxxxxxxxxxxxx \
    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
    ALLOWED_HOSTS=build.invalid \
    DEBUG=false \
    python -m django collectstatic --noinput --verbosity 0 \
    && rm -f /tmp/build-only.sqlite3
# Uploaded photos, receipts and spreadsheets live in $COPRODUCE_VAR_DIR/private: mount a
# volume there (compose.yaml does). Owned by the service user, so a new volume is too.
RUN mkdir -p /var/lib/coproduce/private && chown -R coproduce:coproduce /var/lib/coproduce
USER coproduce:coproduce
EXPOSE 8000
# Liveness of the web server. The health URLs answer before the host check and are exempt
# from the HTTPS redirect, as a load balancer probing by address needs. Only the web process
# serves HTTP: compose.yaml gives the worker and scheduler checks of their own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health/live/' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["deploy/entrypoint"]
CMD ["web"]
