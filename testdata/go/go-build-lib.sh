# Shared by testdata/go/build.sh and benchmarks/src/main/go/build.sh (sourced, not run): the Go
# environment both build in, and checking and running a toolchain.

# Keep the builds independent of the caller's Go settings.
export GOTOOLCHAIN=local GOWORK=off GOFLAGS= CGO_ENABLED=0 GOWASM= GOAMD64=v1
unset GOOS GOARCH

die() { echo "build.sh: $*" >&2; exit 1; }

# check_go VAR PATH WANT: the binary exists and reports the wanted release.
check_go() {
    local var="$1" go="$2" want="$3" version
    [ -x "$go" ] || die "Go $want not found at $go (install it or set $var to its go binary)"
    version="$("$go" env GOVERSION)" || die "$go does not run"
    case "$version" in
        "go$want" | "go$want".*) ;;
        *) die "$var=$go is $version, expected go$want.x" ;;
    esac
    echo "using $version: $go" >&2
}

size_of() { wc -c <"$1" | tr -d ' '; }

# build_wasm GO SOURCE_DIR OUTPUT: GOOS=wasip1 GOARCH=wasm, name section kept, nothing stripped.
build_wasm() {
    local go="$1" src="$2" out="$3"
    mkdir -p "$(dirname "$out")"
    (cd "$src" && GOOS=wasip1 GOARCH=wasm "$go" build -trimpath -buildvcs=false -o "$out" .)
    printf '%10d bytes  %s\n' "$(size_of "$out")" "$out"
}
