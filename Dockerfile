# The hub's image: gunicorn for the web, the same image runs Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Bootstrap from its Sass sources and the site's scripts in one file (build/);
# the build tools (devDependencies) and their cache stay out of the image.
COPY static/scss static/scss
COPY static/js static/js
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/.cache

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
# postgresql-client: pg_dump and pg_restore for `manage.py backup` and `restore` (15, as the server).
RUN apt-get update && apt-get install -y --no-install-recommends libmagic1 gettext postgresql-client-15 \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /app/node_modules ./node_modules
COPY --from=assets /app/build ./build
RUN python manage.py compilemessages --ignore=node_modules -v 0
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --no-input
RUN useradd --create-home brs && mkdir -p /srv/brs/media && chown brs /srv/brs/media
USER brs
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
