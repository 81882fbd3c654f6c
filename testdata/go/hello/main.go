// Command hello is the smallest Go fixture. It is built with Go 1.21, 1.22
// and 1.23 to check that the output of every supported Go release runs.
// Its expected output (expected.stdout) names the wasip1 target, so it is
// written by hand rather than recorded from a native run.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println("hello from Go")
	fmt.Println("GOOS=" + runtime.GOOS)
	fmt.Println("GOARCH=" + runtime.GOARCH)
}
