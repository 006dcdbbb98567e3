#!/usr/bin/env bash
# Loads the `--format search` stream of the fixtures into a real PostgreSQL
# with a French full-text index, and checks that French queries find the
# right deliberations. Starts its own server on loopback in a temporary data
# directory and stops it on exit. Installs PostgreSQL from Debian's packages
# when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "pg-search-test: installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(pg_bin)"
PORT="${PG_TEST_PORT:-54329}"
TMP="$(mktemp -d)"
# initdb refuses to run as root: the server runs as the packaged postgres user.
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$TMP"
  AS=(runuser -u postgres --)
fi
stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$TMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap stop EXIT

"${AS[@]}" "$BIN/initdb" -D "$TMP/data" -U greffier --auth=trust --locale=C.UTF-8 -E UTF8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -k $TMP" start >/dev/null

cargo run --release --quiet -- parse --quiet --format search fixtures > "$TMP/search.jsonl"
chmod a+r "$TMP/search.jsonl"
psql_() { psql -h 127.0.0.1 -p "$PORT" -U greffier -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

psql_ <<SQL
CREATE TABLE deliberations (doc jsonb NOT NULL);
-- CSV with quote and delimiter bytes that never occur: each line is one value, backslashes intact.
\copy deliberations (doc) FROM '$TMP/search.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
ALTER TABLE deliberations ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('french',
  coalesce(doc->>'title','') || ' ' || coalesce(doc->>'citations','') || ' ' || coalesce(doc->>'decision',''))) STORED;
CREATE INDEX deliberations_tsv ON deliberations USING gin (tsv);
SQL

search() {
  psql_ -c "SELECT doc->>'id' FROM deliberations, plainto_tsquery('french', '$1') q
            WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, doc->>'id'"
}
fail=0
expect() { # QUERY WANTED [ABSENT]
  local got; got="$(search "$1")"
  if ! grep -qx "$2" <<<"$got"; then echo "FAIL: '$1' does not find $2; found: $got"; fail=1; fi
  if [ -n "${3:-}" ] && grep -qx "$3" <<<"$got"; then echo "FAIL: '$1' finds $3"; fail=1; fi
  echo "'$1' → $(tr '\n' ' ' <<<"$got")"
}
rows="$(psql_ -c 'SELECT count(*) FROM deliberations')"
echo "pg-search-test: $rows deliberations loaded"
[ "$rows" -ge 4 ] || { echo "FAIL: expected at least 4 rows"; fail=1; }
expect "subvention collèges" "seed-000_71235aea79d1c39c.txt#2023-490" "minutes-commune-words-date.txt#1"
top="$(search "environnement numérique de travail" | head -1)"
echo "'environnement numérique de travail' → first: $top"
[ "$top" = "seed-002_46538ffc65166c72.txt#2022-394" ] || { echo "FAIL: wrong first result"; fail=1; }
# The index is used for the query plan once sequential scans are off.
psql_ -c "SET enable_seqscan = off; EXPLAIN SELECT 1 FROM deliberations WHERE tsv @@ plainto_tsquery('french','collèges')" \
  | grep -q deliberations_tsv || { echo "FAIL: the GIN index is not used"; fail=1; }
exit $fail
