#!/usr/bin/env bash
# The demo with its policy's suppression removed and an undeclared file added must fail the gate
# (exit 1) with exactly the codes that were unhandled.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r fixtures/demo "$work/demo"
rm -rf "$work/demo/.tdgov"
# drop the suppression block (rule, paths, reason, until) from the demo's policy
sed -i '/^  suppressions:/,$d' "$work/demo/tdgov.yaml"
mkdir -p "$work/demo/extra"
echo '{"text": "a file no source declares"}' > "$work/demo/extra/new.jsonl"
node bin/tdgov.js scan "$work/demo" >/dev/null
set +e
node bin/tdgov.js check "$work/demo" --format json --out "$work/report.json"
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "ci: the broken demo's gate exited $status; expected 1" >&2
  exit 1
fi
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
  const errors = [...new Set(report.findings.filter((f) => f.severity === "error").map((f) => f.code))].sort()
  const expected = ["AUDIT_MISSING", "LICENCE_NOT_FOR_COMMERCIAL_USE"]
  const warned = report.findings.some((f) => f.code === "UNDECLARED_FILE")
  if (JSON.stringify(errors) !== JSON.stringify(expected) || !warned) {
    console.error(`ci: broken demo gate errors ${JSON.stringify(errors)}, UNDECLARED_FILE ${warned}; expected ${JSON.stringify(expected)} and UNDECLARED_FILE`)
    process.exit(1)
  }
  console.log(`ci: broken demo fails the gate as intended: ${errors.join(", ")} + UNDECLARED_FILE`)
' "$work/report.json"
