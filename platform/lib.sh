# Shared by platform/up, down, status, backup and restore: where things are and how to read the env file.
# shellcheck shell=bash
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PLATFORM_DIR=${PLATFORM_DIR:-$APP_DIR/var/platform}
ENV_FILE=${ENV_FILE:-$PLATFORM_DIR/env}
SUPERVISOR_CONF=$APP_DIR/platform/supervisord.conf
PY=$APP_DIR/.venv/bin/python

say() { printf '\033[1m[platform]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[platform]\033[0m %s\n' "$*" >&2; exit 1; }

load_env() {
  [ -f "$ENV_FILE" ] || die "no $ENV_FILE: run \`make platform\` first"
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
  : "${APP_AUTOSTART:=true}"
  # who runs what (env files written before these existed get the defaults): the application as APP_USER,
  # Redis as Debian's redis user; the cluster's folder was always PLATFORM_DIR/pg unless the env file says
  : "${APP_USER:=placements}" "${REDIS_USER:=redis}" "${PG_DIR:=$PLATFORM_DIR/pg}"
  export APP_AUTOSTART APP_USER REDIS_USER PG_DIR
}

# Can `user` run the application from this clone: enter it, read its code and run its virtualenv's Python (which
# may live below a folder only root enters, e.g. /root/.pyenv)? Prints what stops it, if anything.
app_user_blocked() {
  local user=$1 out
  out=$(cd "$APP_DIR" && runuser -u "$user" -- "$PY" -c "import config.celery, uvicorn" 2>&1) && return 1
  printf '%s' "$out" | tail -n 1
  return 0
}

ctl() { "$APP_DIR/.venv/bin/supervisorctl" -c "$SUPERVISOR_CONF" "$@"; }

supervisor_running() {
  [ -f "$PLATFORM_DIR/run/supervisord.pid" ] && kill -0 "$(cat "$PLATFORM_DIR/run/supervisord.pid")" 2>/dev/null
}

# psql as the cluster's superuser, over its own socket directory
pg_super() { runuser -u postgres -- "$PGBIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# The app's database role and password, from DATABASE_URL
db_password() { "$PY" -c "import os, urllib.parse as u; print(u.urlsplit(os.environ['DATABASE_URL']).password)"; }

# "table<TAB>rows" for every table of the app's database, exact counts, sorted by name
table_counts() {
  PGPASSWORD=$(db_password) "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U placements -d placements -qAt -F $'\t' -c "
    SELECT table_name,
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
                                                false, true, '')))[1]::text
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name"
}

# sha256 of every media file, by path relative to the media folder, sorted
media_checksums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }
