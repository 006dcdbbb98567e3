#!/usr/bin/env bash
# Validates the SCDL "Délibérations" CSV that greffier writes from the
# fixtures with the two real validators, frictionless and validata-table,
# each installed from PyPI in its own virtual environment (kept under
# target/validators between runs). Any error from either fails. Then shows
# that both still reject broken rows, so a pass means something.
set -euo pipefail
cd "$(dirname "$0")/.."

VENVS="${GREFFIER_VALIDATORS:-$PWD/target/validators}"
SCHEMA="$PWD/schema/scdl-deliberations-2.1.5.schema.json"
venv() { # NAME PACKAGE==VERSION: a virtual environment with one validator
  local dir="$VENVS/$1"
  if ! "$dir/bin/python" -m pip show -q "${2%%==*}" >/dev/null 2>&1; then
    echo "scdl-validate-test: installing $2 in $dir"
    python3 -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$2"
  fi
}
venv frictionless frictionless==5.21.0
venv validata validata-table==0.12.5

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cargo build --release --quiet

validate() { # CSV ROWS: both validators must accept CSV with ROWS rows
  # frictionless refuses absolute paths unless trusted: run it beside the files.
  cp "$SCHEMA" "$(dirname "$1")/schema.json"
  (cd "$(dirname "$1")" && "$VENVS/frictionless/bin/frictionless" validate \
    --schema schema.json "$(basename "$1")" >"$TMP/frictionless.log") \
    || { cat "$TMP/frictionless.log"; echo "frictionless: $1 INVALID"; return 1; }
  echo "frictionless: $1: VALID"
  "$VENVS/validata/bin/python" scripts/validata_check.py "$1" "$SCHEMA" "$2"
}

# The fixtures at the top of fixtures/ (fixtures/layouts/ holds acts that
# SCDL cannot make valid by design: sub-acts without a number), with the
# mapping file of their collectivités, into OUT/deliberations.csv.
./target/release/greffier parse --quiet --format scdl \
  --collectivities fixtures/scdl/collectivites.csv --out "$TMP/fixtures" fixtures/*.txt
validate "$TMP/fixtures/deliberations.csv" 4

# The issue's own command on the seeds, when ../shared is beside the clone.
if [ -d ../shared/seeds ]; then
  mkdir -p "$TMP/seeds"
  ./target/release/greffier parse --quiet --format scdl --siret 22620001200012 \
    --pref-id PREF062 ../shared/seeds >"$TMP/seeds/deliberations.csv"
  validate "$TMP/seeds/deliberations.csv" 3
fi

# Broken rows must be caught: a SIRET with a wrong check digit (validata's
# own check) and a date that is not ISO (both validators).
mkdir -p "$TMP/bad"
sed 's/,22620001200012,/,22620001200013,/' "$TMP/fixtures/deliberations.csv" >"$TMP/bad/siret.csv"
sed 's/,2023-11-20,/,20\/11\/2023,/' "$TMP/fixtures/deliberations.csv" >"$TMP/bad/date.csv"
for bad in "$TMP/bad/siret.csv" "$TMP/bad/date.csv"; do
  if "$VENVS/validata/bin/python" scripts/validata_check.py "$bad" "$SCHEMA" 4 >/dev/null 2>&1; then
    echo "scdl-validate-test: validata accepted $bad"; exit 1
  fi
done
cp "$SCHEMA" "$TMP/bad/schema.json"
if (cd "$TMP/bad" && "$VENVS/frictionless/bin/frictionless" validate --schema schema.json date.csv >/dev/null); then
  echo "scdl-validate-test: frictionless accepted a date that is not ISO"; exit 1
fi
echo "scdl-validate-test: ok"
