"""Validates a CSV against a table schema with validata-table, the validator
of French open-data portals (it adds the SCDL custom checks: SIRET check
digit, ACTES nomenclature, cohesive and summed vote columns, ...).

Its `validata` command is broken in the current release, so this calls the
library entry point and reads the `valid` field of its report.

usage: python validata_check.py CSV SCHEMA [EXPECTED_ROWS]
Exit 0 when valid (and the row count is the expected one), 1 otherwise.
"""

import json
import sys

from validata_core import validate


def main() -> int:
    csv_path, schema_path = sys.argv[1], sys.argv[2]
    expected_rows = int(sys.argv[3]) if len(sys.argv) > 3 else None
    report = validate(csv_path, schema_path)
    data = report.to_dict()
    rows = data["stats"]["rows"]
    for error in data["errors"]:
        print(json.dumps(error, ensure_ascii=False, default=str), file=sys.stderr)
    if expected_rows is not None and rows != expected_rows:
        print(f"validata: {rows} rows, expected {expected_rows}", file=sys.stderr)
        return 1
    print(f"validata: {csv_path}: {rows} rows, {'VALID' if report.valid else 'INVALID'}")
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main())
