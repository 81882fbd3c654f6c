#!/usr/bin/env bash
# Rebuilds the committed .wasm test modules from their .wat sources (WABT's wat2wasm, Debian package wabt).
set -euo pipefail
cd "$(dirname "$0")"
for w in *.wat; do
  wat2wasm --debug-names "$w" -o "${w%.wat}.wasm"
done
# invalid.wasm: (func (result i32) i64.const 0), a type error in function 0, named "bad".
printf '\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x0a\x06\x01\x04\x00\x42\x00\x0b\x00\x0d\x04name\x01\x06\x01\x00\x03bad' > invalid.wasm
ls -l *.wasm
