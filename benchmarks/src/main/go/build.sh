#!/usr/bin/env bash
# Rebuilds the Go workloads of the benchmarks (gobench, in gobench/) with Go 1.23.
#
#   build.sh              build ../resources/go/gobench.wasm (GOOS=wasip1 GOARCH=wasm; the
#                         name section is kept, nothing stripped)
#   build.sh --expected   build gobench natively (linux/amd64) in a temporary directory, run
#                         every workload at each size of ../resources/go/workloads.tsv and record
#                         what it printed in ../resources/go/expected.txt: the benchmarks check
#                         every engine's output against it
#   build.sh --all        both
#
# The Go toolchain is /usr/lib/go-1.23/bin/go unless GO123 names another `go` binary. Only the
# standard library is used: no network. The .wasm and expected.txt are committed, so building and
# running the benchmarks does not need Go (run.sh times native Go only when Go is installed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
res="$(cd "$here/../resources/go" && pwd)"
GO123="${GO123:-/usr/lib/go-1.23/bin/go}"

# shellcheck source=../../../../testdata/go/go-build-lib.sh
. "$here/../../../../testdata/go/go-build-lib.sh"

build_gobench() {
    check_go GO123 "$GO123" 1.23
    build_wasm "$GO123" "$here/gobench" "$res/gobench.wasm"
}

record_expected() {
    check_go GO123 "$GO123" 1.23
    work="$(mktemp -d)" # global: the EXIT trap runs after this function returns
    trap 'rm -rf "$work"' EXIT
    (cd "$here/gobench" && GOOS=linux GOARCH=amd64 "$GO123" build -trimpath -buildvcs=false -o "$work/gobench" .)
    local out="$work/expected.txt" bench name size interp test n
    {
        echo "# What native Go (linux/amd64) prints for every workload and size of workloads.tsv."
        echo "# Recorded by src/main/go/build.sh --expected; do not edit."
    } >"$out"
    while IFS=$'\t' read -r bench name size interp test; do
        case "$bench" in '' | '#'*) continue ;; esac
        for n in $(printf '%s\n' "$size" "$interp" "$test" | sort -un); do
            "$work/gobench" "$name" "$n" >>"$out" || die "gobench $name $n failed"
        done
    done <"$res/workloads.tsv"
    cp "$out" "$res/expected.txt"
    cat "$res/expected.txt"
}

case "${1:-}" in
    "") build_gobench ;;
    --expected) record_expected ;;
    --all) build_gobench; record_expected ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown option '$1' (use --expected, --all or no option)" ;;
esac
