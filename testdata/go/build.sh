#!/usr/bin/env bash
# Rebuilds the Go fixtures. See README.md beside this file.
#
#   build.sh              rebuild every committed .wasm:
#                           build/scenarios.wasm              (Go 1.23)
#                           build/hello-go1.21.wasm, -go1.22, -go1.23
#                           ../../examples/hello-go/main.wasm  (Go 1.23)
#   build.sh --expected   build scenarios natively (linux/amd64, Go 1.23) in a
#                         temporary directory, run every case of
#                         expected/cases.tsv and record expected/<case>.stdout,
#                         .stderr and .exit
#   build.sh --all        both
#
# The Go toolchains are /usr/lib/go-1.2x/bin/go unless GO121, GO122 or GO123
# name another `go` binary. Only the standard library is used: no network.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

GO121="${GO121:-/usr/lib/go-1.21/bin/go}"
GO122="${GO122:-/usr/lib/go-1.22/bin/go}"
GO123="${GO123:-/usr/lib/go-1.23/bin/go}"

# shellcheck source=go-build-lib.sh
. "$here/go-build-lib.sh"

build_all_wasm() {
    check_go GO121 "$GO121" 1.21
    check_go GO122 "$GO122" 1.22
    check_go GO123 "$GO123" 1.23
    build_wasm "$GO123" "$here/scenarios" "$here/build/scenarios.wasm"
    build_wasm "$GO121" "$here/hello" "$here/build/hello-go1.21.wasm"
    build_wasm "$GO122" "$here/hello" "$here/build/hello-go1.22.wasm"
    build_wasm "$GO123" "$here/hello" "$here/build/hello-go1.23.wasm"
    build_wasm "$GO123" "$repo/examples/hello-go" "$repo/examples/hello-go/main.wasm"
}

# decode TOKEN DIR: the cases.tsv encoding of one argument or env entry:
# {empty} is the empty string, %XX is the byte XX, and then every {dir} is
# replaced by DIR.
decoded=
decode() {
    local s="$1"
    if [ "$s" = "{empty}" ]; then decoded=; return; fi
    case "$s" in *\\*) die "cases.tsv: raw backslash in '$1' (write %5C)" ;; esac
    printf -v decoded '%b' "${s//%/\\x}"
    decoded="${decoded//\{dir\}/$2}"
}

record_expected() {
    check_go GO123 "$GO123" 1.23
    work="$(mktemp -d)" # global: the EXIT trap runs after this function returns
    trap 'rm -rf "$work"' EXIT
    (cd "$here/scenarios" && GOOS=linux GOARCH=amd64 "$GO123" build -trimpath -buildvcs=false -o "$work/scenarios" .)
    local exp="$here/expected" name args envs stdin notes
    local -a argv envv tokens
    local line=0 rc dir
    while IFS=$'\t' read -r name args envs stdin notes; do
        line=$((line + 1))
        [ "$line" -eq 1 ] && continue # header
        [ -n "$name" ] || continue
        dir="$work/dir-$name"
        mkdir "$dir"
        argv=()
        if [ "$args" != "-" ]; then
            read -r -a tokens <<<"$args"
            for t in "${tokens[@]}"; do decode "$t" "$dir"; argv+=("$decoded"); done
        fi
        envv=()
        if [ "$envs" != "-" ]; then
            IFS=';' read -r -a tokens <<<"$envs"
            for t in "${tokens[@]}"; do decode "$t" "$dir"; envv+=("$decoded"); done
        fi
        local in=/dev/null
        if [ "$stdin" != "-" ]; then
            in="$exp/$stdin"
            [ -f "$in" ] || die "cases.tsv: case $name: no stdin file $in"
        fi
        rc=0
        (cd "$work" && env -i "${envv[@]+"${envv[@]}"}" "$work/scenarios" "${argv[@]+"${argv[@]}"}" \
            <"$in" >"$exp/$name.stdout" 2>"$exp/$name.stderr") || rc=$?
        echo "$rc" >"$exp/$name.exit"
        printf '%-18s exit %d, %d bytes stdout, %d bytes stderr\n' "$name" "$rc" \
            "$(size_of "$exp/$name.stdout")" "$(size_of "$exp/$name.stderr")"
        rm -rf "$dir"
    done <"$exp/cases.tsv"
}

case "${1:-}" in
    "") build_all_wasm ;;
    --expected) record_expected ;;
    --all) build_all_wasm; record_expected ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown option '$1' (use --expected, --all or no option)" ;;
esac
