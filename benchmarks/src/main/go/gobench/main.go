// Command gobench runs one of several whole-program workloads and prints one deterministic
// line: the workload, its size and a checksum of what it computed. The same source is built for
// GOOS=wasip1 GOARCH=wasm (run by wasm2jar and Chicory) and natively (the reference time).
//
//	gobench WORKLOAD SIZE
//
// Workloads: nbody, fannkuch, sha256, binarytrees, json, regexp. Standard library only.
package main

import (
	"fmt"
	"os"
	"strconv"
)

type workload struct {
	name string
	run  func(n int) string
	help string
}

var workloads = []workload{
	{"nbody", nbody, "N steps of the n-body simulation (5 bodies, float64)"},
	{"fannkuch", fannkuch, "fannkuch-redux over the permutations of N elements"},
	{"sha256", sha256Bench, "SHA-256 of a generated N KiB buffer, chained 16 times"},
	{"binarytrees", binaryTrees, "binary-trees with max depth N (allocation and GC)"},
	{"json", jsonBench, "encoding/json: N round trips of a generated document"},
	{"regexp", regexpBench, "regexp: 6 patterns over N generated log lines"},
}

func main() {
	if len(os.Args) != 3 {
		usage()
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		usage()
	}
	for _, w := range workloads {
		if w.name == os.Args[1] {
			fmt.Printf("%s %d %s\n", w.name, n, w.run(n))
			return
		}
	}
	usage()
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gobench WORKLOAD SIZE")
	for _, w := range workloads {
		fmt.Fprintf(os.Stderr, "  %-12s %s\n", w.name, w.help)
	}
	os.Exit(2)
}
