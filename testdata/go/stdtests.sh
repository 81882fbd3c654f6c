#!/usr/bin/env bash
# Runs Go standard-library package tests (written by the Go team, not by us) as wasip1 programs
# under wasm2jar, from each package's source directory as `go test` would, and reports PASS/FAIL
# per package. Needs Go (golang-1.2x-go and golang-1.2x-src from bookworm-backports, see
# README.md beside this script) and a built CLI (mvn -q -DskipTests package).
#
#   testdata/go/stdtests.sh                    the default package list, Go 1.23
#   testdata/go/stdtests.sh strings sort ...   these packages
#   GO=/usr/lib/go-1.22/bin/go testdata/go/stdtests.sh
#
# Tests run with -test.short. Exit status: 0 when every package passed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
GO="${GO:-/usr/lib/go-1.23/bin/go}"
CLI="$repo/cli/target/wasm2jar.jar"
[ -x "$GO" ] || { echo "stdtests.sh: no Go at $GO (set GO)" >&2; exit 2; }
[ -f "$CLI" ] || { echo "stdtests.sh: build the CLI first: mvn -q -DskipTests package" >&2; exit 2; }
goroot="$("$GO" env GOROOT)"

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
    packages=(bufio bytes container/list context encoding/base64 encoding/binary encoding/hex
        encoding/json errors fmt hash/crc32 io math math/big path path/filepath regexp sort
        strconv strings sync text/tabwriter time unicode/utf8 crypto/sha256 compress/gzip os)
fi

# Per-package adjustments for this machine, not for wasm2jar:
#  - time's tests load zones from GOROOT/lib/time/zoneinfo.zip, which Debian does not ship
#    (they fail natively too): build them with the embedded tzdata, and skip the one test that
#    reads the zip itself.
#  - os's sysdir tests look for GOROOT/LICENSE on wasip1, which Debian ships elsewhere.
build_flags() { case "$1" in time) echo "-tags=timetzdata" ;; esac; }
run_flags() {
    case "$1" in
        os) echo "-test.skip=^(TestFileReadDir|TestFileReaddir|TestFileReaddirnames)$" ;;
        time) echo "-test.skip=^TestLoadLocationFromTZData$" ;;
    esac
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local
failed=0
for p in "${packages[@]}"; do
    bin="$work/$(echo "$p" | tr / _).wasm"
    # shellcheck disable=SC2046
    if ! GOOS=wasip1 GOARCH=wasm "$GO" test -c $(build_flags "$p") -o "$bin" "$p" >"$work/build.log" 2>&1; then
        printf '%-20s BUILD FAILED\n' "$p"; cat "$work/build.log"; failed=1; continue
    fi
    start=$(date +%s.%N)
    set +e
    # shellcheck disable=SC2046
    (cd "$goroot/src/$p" && java -jar "$CLI" run "$bin" -test.short $(run_flags "$p") >"$work/out.log" 2>&1)
    rc=$?
    set -e
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    if [ $rc -eq 0 ] && tail -1 "$work/out.log" | grep -q '^PASS$'; then
        printf '%-20s PASS  %6.1f s\n' "$p" "$secs"
    else
        printf '%-20s FAIL  (exit %d)\n' "$p" "$rc"; tail -30 "$work/out.log"; failed=1
    fi
done
exit $failed
