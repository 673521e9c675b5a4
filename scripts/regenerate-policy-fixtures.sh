#!/usr/bin/env bash
# Regenerates the policy engine's fixture assembly (tests/EdgeIam.Policy.Tests/Fixtures/Assembly) from a real synth of
# the shipped stacks (stacks/*.yaml): manifest.json and one EdgeIam-<name>.template.json per stack, byte for byte as
# `edgeiam synth` writes them. Synth is deterministic, so the result only changes when the constructs or the stack
# files do; SynthCommandTests fails while the committed fixture differs from what synth writes now.
#
# After running it, regenerate the golden reports and rerun the tests:
#   EDGEIAM_UPDATE_GOLDEN=1 dotnet test tests/EdgeIam.Policy.Tests -c Release
#   dotnet test tests/EdgeIam.Policy.Tests -c Release
# and review the diff: a fixture change is a change in what the app deploys.
#
# Usage: scripts/regenerate-policy-fixtures.sh [--no-build]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixture="$root/tests/EdgeIam.Policy.Tests/Fixtures/Assembly"
cli="$root/infra/EdgeIam.App/bin/Release/net10.0/edgeiam.dll"

if [ "${1:-}" != "--no-build" ]; then
  dotnet build "$root/infra/EdgeIam.App" -c Release -nologo -v q >/dev/null
fi

out="$(mktemp -d "${TMPDIR:-/tmp}/edgeiam-fixture-XXXXXX")"
trap 'rm -rf "$out"' EXIT

# synth replaces --out as a whole, so it writes a subfolder of the temp folder; run from the repository root so the
# paths synth prints are the usual ones. No policy check: the fixture is input to the checker's own tests.
(cd "$root" && dotnet "$cli" synth --no-check --config-dir stacks --out "$out/cdk.out")

shopt -s nullglob
templates=("$out"/cdk.out/EdgeIam-*.template.json)
if [ ! -f "$out/cdk.out/manifest.json" ] || [ ${#templates[@]} -eq 0 ]; then
  echo "regenerate-policy-fixtures: synth wrote no manifest.json or no EdgeIam-*.template.json in $out/cdk.out" >&2
  exit 3
fi

mkdir -p "$fixture"
rm -f "$fixture"/manifest.json "$fixture"/EdgeIam-*.template.json
cp "$out/cdk.out/manifest.json" "${templates[@]}" "$fixture/"
echo "regenerate-policy-fixtures: wrote manifest.json and ${#templates[@]} template(s) to ${fixture#"$root"/}"
