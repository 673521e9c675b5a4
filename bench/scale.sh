#!/usr/bin/env bash
# Scale benchmark: cold `edgeiam synth` (policy check included, as users run it) of generated stack files holding
# N roles in all (bench/scale/generate.py: OIDC, cross-account and Roles Anywhere roles in equal parts, one edge fleet
# per 31 roles), the per-role slope between 100 and 1,000 roles, peak memory, and cold `check`, `access` and `diff`
# on the 1,000-role assembly. Each run is a fresh process with a TMPDIR of its own (as bench/synth-wall-time.sh).
# Prints one table, medians of RUNS runs; wall and CPU (user+sys of the process and its node child) seconds.
#
# Every N is one stack file (synth splits it into nested templates past CloudFormation's 500 resources) and N = 3,000
# is added; --files-of-200 spreads the roles over stack files of at most 200 roles instead (one stack each, how the
# slope was measured before synth could split a stack).
# Usage: bench/scale.sh [--runs RUNS] [--files-of-200] [--sizes 10,100,1000] [--synth-only (no check/access/diff rows)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 single=1 sizes="" engine=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --single-file) single=1; shift ;;
    --files-of-200) single=0; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --synth-only) engine=0; shift ;;
    *) echo "usage: bench/scale.sh [--runs RUNS] [--files-of-200] [--sizes 10,100,1000] [--synth-only]" >&2; exit 2 ;;
  esac
done
[ -n "$sizes" ] || { sizes=10,100,1000; [ "$single" = 1 ] && sizes=$sizes,3000; }
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build infra/EdgeIam.App -c Release -nologo -v q >/dev/null
app=infra/EdgeIam.App/bin/Release/net10.0/edgeiam.dll
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
per_file=200

# measure OUT CMD...: runs CMD once under /usr/bin/time in a fresh TMPDIR; appends "wall cpu rss_mb" to OUT.
measure() {
  local out=$1; shift
  local t; t=$(mktemp -d "$tmp/jsii-tmp.XXXX")
  if ! TMPDIR=$t /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
    echo "failed: $*" >&2; tail -5 "$tmp/stderr" >&2; rm -rf "$t"; exit 1
  fi
  rm -rf "$t"
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$tmp/time" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$1" | median; }

printf '%-22s %6s %9s %8s %9s\n' "what" "files" "wall s" "cpu s" "peak MB"
IFS=, read -r -a ns <<<"$sizes"
declare -A wall cpu
for n in "${ns[@]}"; do
  files=1; [ "$single" = 1 ] || files=$(( (n + per_file - 1) / per_file ))
  python3 bench/scale/generate.py "$n" "$tmp/stacks-$n" --files "$files"
  : >"$tmp/synth-$n"
  for _ in $(seq "$runs"); do
    rm -rf "$tmp/out-$n"
    measure "$tmp/synth-$n" dotnet "$app" synth --quiet --config-dir "$tmp/stacks-$n" --out "$tmp/out-$n"
  done
  wall[$n]=$(col "$tmp/synth-$n" 1); cpu[$n]=$(col "$tmp/synth-$n" 2)
  printf '%-22s %6s %9s %8s %9s\n' "synth N=$n" "$files" "${wall[$n]}" "${cpu[$n]}" "$(col "$tmp/synth-$n" 3)"
done
if [ -n "${wall[100]:-}" ] && [ -n "${wall[1000]:-}" ]; then
  slope() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) * 1000 / 900}'; }
  printf '%-22s %6s %9s %8s\n' "ms per role 100->1000" "" "$(slope "${wall[100]}" "${wall[1000]}")" "$(slope "${cpu[100]}" "${cpu[1000]}")"
fi
if [ -n "${wall[1000]:-}" ] && [ "$engine" = 1 ]; then
  big="$tmp/out-1000"
  for cmd in check access diff; do
    : >"$tmp/$cmd"
    for _ in $(seq "$runs"); do
      case $cmd in
        diff) measure "$tmp/$cmd" dotnet "$app" diff --quiet --base "$big" --head "$big" ;;
        *) measure "$tmp/$cmd" dotnet "$app" "$cmd" --quiet --assembly "$big" ;;
      esac
    done
    printf '%-22s %6s %9s %8s %9s\n' "$cmd (1000 roles)" "" "$(col "$tmp/$cmd" 1)" "$(col "$tmp/$cmd" 2)" "$(col "$tmp/$cmd" 3)"
  done
fi
echo "runs: $runs per row (median); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
