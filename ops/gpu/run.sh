#!/usr/bin/env bash
# Device side: checks every part against the manifest, reassembles and unpacks the publish once
# (again only if the archive changed), then runs a step with the CUDA libraries on the library
# path, writing its results into $OUT (ops/gpu/README.md).
#
#   bash ops/gpu/run.sh gpu [bench gpu options]        CPU against CUDA: correctness, batch sweep, crossover
#   bash ops/gpu/run.sh pipeline [bench pipeline options]
#                                                      the pipeline end to end, ONNX scoring on CUDA, then on the CPU
#   bash ops/gpu/run.sh all                            both
#   bash ops/gpu/run.sh env                            only the environment report
#
# Parts carried by this call are received first, so the last transfer and the run share a call.
# Environment: OUT (results; default $STREAMING_GPU_DIR/out), STREAMING_GPU_DIR (/tmp/streaming-gpu),
# CUDA_LIB (/usr/local/cuda/targets/x86_64-linux/lib), EVENTS (500000) and RUNS (3) for `pipeline`.
# The last line of the output is one JSON object with the step's figures.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
stage="${STREAMING_GPU_DIR:-/tmp/streaming-gpu}"
out="${OUT:-$stage/out}"
cuda_lib="${CUDA_LIB:-/usr/local/cuda/targets/x86_64-linux/lib}"
step="${1:-gpu}"
shift || true
mkdir -p "$out" "$stage/parts"

fail() { echo "run.sh: $*" >&2; printf '{"step":"%s","ok":false,"error":"%s"}\n' "$step" "$*"; exit 2; }

# 1. Parts carried with this call, then the whole set.
if compgen -G "$root/.gpu/parts/*" > /dev/null; then
  bash "$here/receive.sh" | sed '$d'
fi
cd "$stage/parts"
[ -f SHA256SUMS ] || fail "no manifest in $stage/parts: send part-01 with .gpu/parts/SHA256SUMS first"
missing=()
while read -r sum name; do
  [ "$name" = "streaming-gpu.tar.xz" ] && continue
  [ -f "$name" ] || missing+=("$name")
done < SHA256SUMS
[ "${#missing[@]}" -eq 0 ] || fail "parts missing from $stage/parts: ${missing[*]} (the machine may have been released between calls: send them again)"

# 2. Reassemble and unpack, once per archive.
archive_sum="$(awk '$2 == "streaming-gpu.tar.xz" { print $1 }' SHA256SUMS)"
app="$stage/app"
if [ "$(cat "$app/.archive-sha256" 2> /dev/null || true)" != "$archive_sum" ]; then
  grep -v ' streaming-gpu.tar.xz$' SHA256SUMS | sha256sum --quiet -c - || fail "a part does not match the manifest"
  cat $(grep -v ' streaming-gpu.tar.xz$' SHA256SUMS | awk '{ print $2 }' | sort) > "$stage/streaming-gpu.tar.xz"
  echo "$archive_sum  $stage/streaming-gpu.tar.xz" | sha256sum --quiet -c - || fail "the reassembled archive does not match the manifest"
  rm -rf "$app"
  mkdir -p "$app"
  if command -v xz > /dev/null; then
    tar -C "$app" -xJf "$stage/streaming-gpu.tar.xz"
  else
    # No xz on the machine: Python's standard library reads the archive too.
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$stage/streaming-gpu.tar.xz" "$app"
  fi
  rm -f "$stage/streaming-gpu.tar.xz"
  echo "$archive_sum" > "$app/.archive-sha256"
  echo "unpacked the publish into $app ($(du -sm "$app" | cut -f1) MiB)"
fi

# 3. The environment: CUDA 13's cuBLAS lives outside the default library path; cuDNN 9 is in it.
export LD_LIBRARY_PATH="$cuda_lib:$app${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
require=()
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -srm), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB memory"
  echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
  if command -v nvidia-smi > /dev/null && nvidia-smi -L > /dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,pcie.link.gen.max,pcie.link.width.max --format=csv
  else
    echo "nvidia-smi: no GPU visible"
  fi
  echo "native libraries of the publish with unresolved dependencies (none listed = all resolve):"
  for so in "$app"/*.so; do
    unresolved="$(ldd "$so" 2> /dev/null | awk '/not found/ { print $1 }' | tr '\n' ' ')"
    [ -z "$unresolved" ] && continue
    case "$(basename "$so")" in
      # Variants a glibc machine never loads, or loads only if present: Confluent falls back from
      # librdkafka.so (needs libsasl2) to centos8-librdkafka.so, RocksDbSharp from the jemalloc
      # build to librocksdb.so; TensorRT is never requested; the trace provider is optional.
      alpine-librdkafka.so | librocksdb-musl.so | librocksdb-jemalloc.so | librdkafka.so | libLibTorchSharp.so | \
      libonnxruntime_providers_tensorrt.so | libcoreclrtraceptprovider.so)
        echo "  $(basename "$so"): $unresolved(not used)" ;;
      *)
        echo "  $(basename "$so"): $unresolved<- needed" ;;
    esac
  done
} > "$out/environment.txt" 2>&1
cat "$out/environment.txt"
if command -v nvidia-smi > /dev/null && nvidia-smi -L > /dev/null 2>&1; then
  require=(--require-cuda)
fi

cd "$stage"
gpu_step() {
  set +e
  "$app/streaming" bench gpu --out "$out/bench-gpu.md" "${require[@]}" "$@" 2>&1 | tee "$out/bench-gpu.log"
  local rc="${PIPESTATUS[0]}"
  set -e
  # The results file carries its own provenance: how the device was driven, and the device.
  if [ -f "$out/bench-gpu.md" ]; then
    {
      echo
      echo "## Environment"
      echo
      echo "Run on the device by \`bash ops/gpu/run.sh $step${*:+ $*}\` (ops/gpu/README.md), exit code $rc."
      echo
      echo '```text'
      cat "$out/environment.txt"
      echo '```'
    } >> "$out/bench-gpu.md"
  fi
  return "$rc"
}
pipeline_step() {
  local events="${EVENTS:-500000}" runs="${RUNS:-3}"
  rm -rf "$stage/data"
  "$app/streaming" bench pipeline --scorer onnx --cuda --events "$events" --runs "$runs" --data "$stage/data/cuda" "$@" 2>&1 | tee "$out/bench-pipeline-cuda.log"
  "$app/streaming" bench pipeline --scorer onnx --events "$events" --runs "$runs" --data "$stage/data/cpu" "$@" 2>&1 | tee "$out/bench-pipeline-cpu.log"
}

case "$step" in
  env)
    printf '{"step":"env","ok":true}\n'
    ;;
  gpu)
    rc=0
    gpu_step "$@" > /dev/null || rc=$?
    sed '$d' "$out/bench-gpu.log"
    echo "bench gpu exit code $rc (0 ok, 1 CUDA disagrees with the CPU, 3 CUDA unavailable on a GPU machine)"
    grep '^{' "$out/bench-gpu.log" | tail -n 1
    exit "$rc"
    ;;
  pipeline)
    pipeline_step "$@" > /dev/null
    cat "$out/bench-pipeline-cuda.log" "$out/bench-pipeline-cpu.log" | grep -v '^{'
    printf '{"pipeline_cuda":%s,"pipeline_cpu":%s}\n' \
      "$(grep '^{' "$out/bench-pipeline-cuda.log" | tail -n 1)" "$(grep '^{' "$out/bench-pipeline-cpu.log" | tail -n 1)"
    ;;
  all)
    rc=0
    gpu_step > /dev/null || rc=$?
    pipeline_step > /dev/null
    cat "$out/bench-gpu.log" "$out/bench-pipeline-cuda.log" "$out/bench-pipeline-cpu.log" | grep -v '^{'
    printf '{"gpu":%s,"pipeline_cuda":%s,"pipeline_cpu":%s}\n' \
      "$(grep '^{' "$out/bench-gpu.log" | tail -n 1)" \
      "$(grep '^{' "$out/bench-pipeline-cuda.log" | tail -n 1)" "$(grep '^{' "$out/bench-pipeline-cpu.log" | tail -n 1)"
    exit "$rc"
    ;;
  *)
    fail "unknown step '$step' (gpu, pipeline, all, env)"
    ;;
esac
