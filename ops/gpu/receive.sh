#!/usr/bin/env bash
# Device side: keeps the parts this transfer carried (.gpu/parts/* in the copy of the repository)
# in a folder that outlives the call, verifies them against the manifest, and says which are
# still missing. Run once per transfer; run.sh also calls it for parts carried with the run.
# Environment: STREAMING_GPU_DIR (/tmp/streaming-gpu). Exit 1 if a part is corrupt (it is deleted:
# send it again).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stage="${STREAMING_GPU_DIR:-/tmp/streaming-gpu}"
mkdir -p "$stage/parts"

shopt -s nullglob
carried=("$root"/.gpu/parts/*)
for f in "${carried[@]}"; do
  mv -f "$f" "$stage/parts/"
  echo "received $(basename "$f") ($(stat -c %s "$stage/parts/$(basename "$f")") bytes)"
done

cd "$stage/parts"
status=0
received=()
missing=()
if [ -f SHA256SUMS ]; then
  while read -r sum name; do
    [ "$name" = "streaming-gpu.tar.xz" ] && continue
    if [ ! -f "$name" ]; then
      missing+=("$name")
    elif [ -f "$name.ok" ] && [ "$(cat "$name.ok")" = "$sum" ]; then
      received+=("$name")
    elif [ "$(sha256sum "$name" | cut -d' ' -f1)" = "$sum" ]; then
      echo "$sum" > "$name.ok"
      received+=("$name")
    else
      echo "receive.sh: $name does not match the manifest; deleted, send it again" >&2
      rm -f "$name" "$name.ok"
      missing+=("$name")
      status=1
    fi
  done < SHA256SUMS
else
  echo "receive.sh: no manifest yet (SHA256SUMS travels with part-01); parts kept unverified" >&2
  for f in part-??; do received+=("$f"); done
fi

join() { local IFS=,; echo "$*"; }
quote() { for x in "$@"; do printf '"%s"\n' "$x"; done; }
echo "verified: ${received[*]:-none}; missing: ${missing[*]:-none}"
printf '{"stage":"%s","manifest":%s,"received":[%s],"missing":[%s],"ok":%s}\n' \
  "$stage" "$([ -f SHA256SUMS ] && echo true || echo false)" \
  "$(join $(quote "${received[@]}"))" "$(join $(quote "${missing[@]}"))" \
  "$([ "$status" -eq 0 ] && echo true || echo false)"
exit "$status"
