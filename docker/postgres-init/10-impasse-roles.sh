#!/bin/sh
# Runs once, when the postgres container initialises an empty volume (files in
# /docker-entrypoint-initdb.d). Creates the two roles the app uses and gives the database to
# the owner: impasse_owner owns the tables and runs the migrations; impasse_app, which the app
# connects as, owns nothing and is granted by the migrations only what it needs (SELECT and
# INSERT on the timeline). The passwords reach psql as variables, never as command text.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$IMPASSE_OWNER_PASSWORD" -v app_password="$IMPASSE_APP_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE impasse_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE impasse_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';
ALTER DATABASE :"db" OWNER TO impasse_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
