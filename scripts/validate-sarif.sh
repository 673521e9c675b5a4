#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, pinned in package.json):
# the SARIF 2.1.0 JSON schema plus its SARIF and GitHub (Gh) rule sets, the checks GitHub code scanning applies on
# upload. Fails on any error or warning; notes (style advice, and SARIF2006 "URIs should be reachable", which needs
# the network) are listed but allowed.
#   scripts/validate-sarif.sh FILE.sarif...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -f "$tool" ] || { echo "validate-sarif: run 'npm ci' first (no $tool)" >&2; exit 2; }
# npm may skip the package's postinstall chmod; the binary is called directly (npx would re-split ';' lists).
[ -x "$tool" ] || chmod u+x "$tool"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
status=0
for file in "$@"; do
  DOTNET_CLI_TELEMETRY_OPTOUT=1 "$tool" validate "$file" --output "$out/result.sarif" --log ForceOverwrite \
    --rule-kind "Sarif;Gh" --level "Error;Warning;Note" --quiet >/dev/null
  python3 - "$file" "$out/result.sarif" <<'PY' || status=1
import json, sys, collections
name, result = sys.argv[1], json.load(open(sys.argv[2]))
results = result["runs"][0].get("results", [])
bad = [r for r in results if r.get("level", "warning") in ("error", "warning")]
notes = collections.Counter(r["ruleId"] for r in results if r not in bad)
for r in bad:
    print(f"{name}: {r.get('level', 'warning')} {r['ruleId']}: {json.dumps(r['message'])}")
print(f"validate-sarif: {name}: {len(bad)} error(s)/warning(s), notes {dict(sorted(notes.items()))}")
sys.exit(1 if bad else 0)
PY
done
exit "$status"
