#!/usr/bin/env bash
# Cold synth wall time: `edgeiam synth` of every stack (with its policy check) vs an empty CDK app, alternating, same
# machine, same run. Each run is a fresh process (cold jsii runtime). Prints each sample and the medians.
# Usage: bench/synth-wall-time.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build infra/EdgeIam.App -c Release -nologo -v q >/dev/null
dotnet build bench/EdgeIam.EmptyCdkApp -c Release -nologo -v q >/dev/null
app=infra/EdgeIam.App/bin/Release/net10.0/edgeiam.dll
empty=bench/EdgeIam.EmptyCdkApp/bin/Release/net10.0/EdgeIam.EmptyCdkApp.dll
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
# The jsii runtime leaves ~64 MB of tarballs in the temp folder per start (edgeiam removes its own): give the empty
# app a fresh one each run so its leftovers neither pile up nor slow the runs after it.
empty_run() { local t; t=$(mktemp -d "$tmp/empty-tmp.XXXX"); TMPDIR=$t dotnet "$empty" "$1"; local rc=$?; rm -rf "$t"; return $rc; }
synth=(); base=()
for i in $(seq "$runs"); do
  synth+=("$(ms dotnet "$app" synth --out "$tmp/s$i")")
  base+=("$(ms empty_run "$tmp/e$i")")
  rm -rf "$tmp/s$i" "$tmp/e$i"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "edgeiam synth (all stacks) ms: ${synth[*]}"
echo "empty CDK app ms:              ${base[*]}"
ms_s=$(median "${synth[@]}"); ms_e=$(median "${base[@]}")
echo "median: synth ${ms_s} ms, empty app ${ms_e} ms, ratio $(awk -v a="$ms_s" -v b="$ms_e" 'BEGIN {printf "%.2f", a/b}')"
