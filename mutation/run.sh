#!/usr/bin/env bash
# Mutation testing (Stryker.NET, pinned in dotnet-tools.json) of the policy engine's Rules and Evaluation, or of the
# config rules. Fails when the score drops below the "break" threshold in the JSON next to this script.
#   mutation/run.sh policy|config [extra stryker options, e.g. --since:main]
# Reports land in mutation/out/<target>/reports/ (HTML and JSON). It takes tens of minutes on 2 cores, so CI does
# not run it; run it before merging a change to the rules or the evaluator.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: mutation/run.sh policy|config}; shift
case "$target" in
  policy) project=EdgeIam.Policy ;;
  config) project=EdgeIam.Config ;;
  *) echo "unknown target '$target' (policy or config)" >&2; exit 2 ;;
esac
root=$(cd "$here/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
out="$here/out/$target"
mkdir -p "$out"
cd "$root/infra/$project"
dotnet tool run dotnet-stryker --config-file "$here/$target.json" --solution "$root/EdgeIam.sln" \
  --test-project "$root/tests/$project.Tests/$project.Tests.csproj" --output "$out" "$@"
