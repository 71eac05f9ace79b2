#!/bin/sh
# First start of the compose PostgreSQL: the runtime role the service logs in as. It owns nothing, so
# row-level security applies to it (migration 0006 grants it what it needs; the owner migrates).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${STREAMJOBS_APP_PASSWORD:-streamjobs-app-dev}" <<'SQL'
CREATE ROLE streamjobs_app LOGIN PASSWORD :'app_password';
SQL
