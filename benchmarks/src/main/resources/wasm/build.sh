#!/usr/bin/env bash
# Rebuilds the benchmark modules (*.wasm) from their text sources (*.wat).
# Needs wat2wasm from WABT (Debian: apt-get install wabt). The .wasm files are committed, so
# building the benchmarks does not need WABT; run this after editing a .wat file. (WABT 1.0.32
# enables bulk memory, used by bulk.wat, by default.)
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat%.wat}.wasm"
done
