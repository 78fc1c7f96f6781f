#!/usr/bin/env bash
# The device calls of ops/gpu/README.md, played on this machine: for each call a fresh scratch
# copy of ops/gpu/ holding only the paths that call would carry, a fresh empty $OUT, and the same
# command. Proves the parts, the manifest, receive.sh and run.sh fit together before device time
# is spent; without a GPU, `bench gpu` measures the CPU and reports CUDA unavailable.
#
#   bash ops/gpu/simulate.sh [run.sh step and options, default: gpu]
#   SIM_THEN='bash ops/gpu/run.sh pipeline' bash ops/gpu/simulate.sh ...   one more call, no carry
#
# Needs .gpu/parts from build.sh (left untouched). Everything else lives under SIM_DIR
# (default: a new temporary folder), which is printed; results in SIM_DIR/out-NN.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
parts=("$root"/.gpu/parts/part-*)
[ -e "${parts[0]}" ] || { echo "simulate.sh: no parts in $root/.gpu/parts: run ops/gpu/build.sh first" >&2; exit 1; }
sim="${SIM_DIR:-$(mktemp -d /tmp/streaming-gpu-sim.XXXXXX)}"
export STREAMING_GPU_DIR="$sim/device-tmp"
echo "simulating ${#parts[@]} transfers and a run under $sim"

# One device call: a copy of the scripts, the carried files at their paths, an empty $OUT.
call() {
  local n="$1" command="$2"
  shift 2
  local repo="$sim/repo-$n"
  rm -rf "$repo"
  mkdir -p "$repo/ops" "$repo/.gpu/parts" "$sim/out-$n"
  cp -r "$root/ops/gpu" "$repo/ops/"
  for carried in "$@"; do
    cp "$root/$carried" "$repo/$carried"
  done
  echo
  echo "== call $n: $command   carry: $*"
  (cd "$repo" && OUT="$sim/out-$n" bash -c "$command")
}

n=0
for p in "${parts[@]}"; do
  n=$((n + 1))
  name=".gpu/parts/$(basename "$p")"
  carry=("$name")
  [ "$n" -eq 1 ] && carry=(".gpu/parts/SHA256SUMS" "$name")
  if [ "$n" -eq "${#parts[@]}" ]; then
    call "$(printf %02d "$n")" "bash ops/gpu/run.sh ${*:-gpu}" "${carry[@]}"
  else
    call "$(printf %02d "$n")" "bash ops/gpu/receive.sh" "${carry[@]}"
  fi
done
# Further calls that carry nothing, such as SIM_THEN='bash ops/gpu/run.sh pipeline'.
if [ -n "${SIM_THEN:-}" ]; then
  n=$((n + 1))
  call "$(printf %02d "$n")" "$SIM_THEN"
fi
echo
echo "results of the last call: $(ls "$sim/out-$(printf %02d "$n")" | tr '\n' ' ')"
