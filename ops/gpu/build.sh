#!/usr/bin/env bash
# Builds what a GPU machine without .NET and without network needs to run the benchmarks, in
# pieces small enough to travel one per transfer (ops/gpu/README.md):
#   .gpu/publish/               self-contained linux-x64 publish of `streaming`, CUDA build of ONNX Runtime
#   .gpu/streaming-gpu.tar.xz   that folder, compressed
#   .gpu/parts/part-NN          the archive cut into pieces of at most PART_MIB MiB (default 56)
#   .gpu/parts/SHA256SUMS       sha256 of every part and of the whole archive
# .gpu/ is git-ignored. Build outputs go to .gpu/artifacts, so the CUDA restore never touches the
# CPU build's obj/ folders. Environment: PART_MIB (56), XZ_LEVEL (6).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
gpu="$root/.gpu"
part_mib="${PART_MIB:-56}"
xz_level="${XZ_LEVEL:-6}"
archive="$gpu/streaming-gpu.tar.xz"
cd "$root"

rm -rf "$gpu/publish" "$gpu/parts" "$archive"
mkdir -p "$gpu/parts"

echo "== publish (self-contained linux-x64, -p:OnnxGpu=true)"
dotnet publish src/Streaming.Host/Streaming.Host.csproj -c Release -r linux-x64 --self-contained \
  -p:OnnxGpu=true --artifacts-path "$gpu/artifacts" -o "$gpu/publish" \
  -p:DebugType=none -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false

# What the GPU machine will load: fail here, not after the transfers, if a piece is missing.
for f in streaming libonnxruntime.so libonnxruntime_providers_cuda.so libonnxruntime_providers_shared.so \
         librocksdb.so; do
  test -e "$gpu/publish/$f" || { echo "build.sh: $f is missing from the publish" >&2; exit 1; }
done
ls "$gpu/publish" | grep -q 'rdkafka' || { echo "build.sh: no librdkafka in the publish" >&2; exit 1; }
echo "publish: $(du -sm "$gpu/publish" | cut -f1) MiB in $(find "$gpu/publish" -type f | wc -l) files"

echo "== archive (xz -$xz_level)"
tar -C "$gpu/publish" -cf - . | xz -T0 "-$xz_level" > "$archive"
echo "archive: $(stat -c %s "$archive") bytes"

echo "== parts of at most $part_mib MiB"
split -b "${part_mib}M" -d -a 2 --numeric-suffixes=1 "$archive" "$gpu/parts/part-"
(
  cd "$gpu/parts"
  sha256sum part-* > SHA256SUMS
  echo "$(sha256sum "$archive" | cut -d' ' -f1)  streaming-gpu.tar.xz" >> SHA256SUMS
)

parts=("$gpu"/parts/part-*)
echo
echo "parts (${#parts[@]}):"
for p in "${parts[@]}"; do
  printf '  .gpu/parts/%s  %d bytes (%.1f MiB)\n' "$(basename "$p")" "$(stat -c %s "$p")" "$(awk -v b="$(stat -c %s "$p")" 'BEGIN { print b / 1048576 }')"
done
echo
echo "manifest (.gpu/parts/SHA256SUMS):"
sed 's/^/  /' "$gpu/parts/SHA256SUMS"
echo
echo "device calls, in order, back to back (each part travels in its own call):"
n=0
for p in "${parts[@]}"; do
  n=$((n + 1))
  name=".gpu/parts/$(basename "$p")"
  if [ "$n" -eq 1 ]; then
    carry="[\".gpu/parts/SHA256SUMS\", \"$name\"]"
  else
    carry="[\"$name\"]"
  fi
  if [ "$n" -eq "${#parts[@]}" ]; then
    echo "  $n. command: bash ops/gpu/run.sh gpu    carry: $carry"
  else
    echo "  $n. command: bash ops/gpu/receive.sh    carry: $carry"
  fi
done
echo "  $((n + 1)). command: bash ops/gpu/run.sh pipeline    carry: []"
