#!/usr/bin/env bash
# All tests, on a fresh machine: the one set-up step the .NET build cannot do itself is Debian's
# Chromium, which the replay report's test renders the HTML page with. Everything else (packages,
# native libraries, the embedded Kafka broker, RocksDB, ONNX Runtime) comes with the build.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
dotnet test Streaming.sln -c Release "$@" -- RunConfiguration.MaxCpuCount=1
