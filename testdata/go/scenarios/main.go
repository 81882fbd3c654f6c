// Command scenarios is the end-to-end test fixture for running Go programs
// built with GOOS=wasip1 GOARCH=wasm. The first argument selects a scenario;
// every scenario prints output that is byte-for-byte the same natively and on
// any correct WASI preview1 host. See ../README.md.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

var commands = map[string]func() int{
	"hello":       cmdHello,
	"args":        cmdArgs,
	"env":         cmdEnv,
	"cat":         cmdCat,
	"files":       cmdFiles,
	"exit3":       cmdExit3,
	"panic":       cmdPanic,
	"goroutines":  cmdGoroutines,
	"time":        cmdTime,
	"rand":        cmdRand,
	"json":        cmdJSON,
	"stdin-lines": cmdStdinLines,
	"stress":      cmdStress,
	"read":        cmdRead,
}

func usage() {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintln(os.Stderr, "usage: scenarios <command> [args...]")
	fmt.Fprintln(os.Stderr, "commands: "+strings.Join(names, " "))
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "scenarios: no command given")
		usage()
		os.Exit(2)
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "scenarios: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	if code := cmd(); code != 0 {
		os.Exit(code)
	}
}

func cmdHello() int {
	fmt.Println("Hello, WebAssembly! Greetings from Go on wasip1.")
	return 0
}

// cmdArgs prints the argument count and every argument after argv[0]
// (argv[0] is the program name, which differs between hosts).
func cmdArgs() int {
	fmt.Printf("argc=%d\n", len(os.Args))
	for i, a := range os.Args[1:] {
		fmt.Printf("argv[%d]=%q len=%d\n", i+1, a, len(a))
	}
	return 0
}

// cmdEnv prints the value of each named variable, then every variable of the
// environment whose name starts with W2J_, sorted.
func cmdEnv() int {
	args := os.Args[2:]
	for _, name := range args {
		if v, ok := os.LookupEnv(name); ok {
			fmt.Printf("%s=%q\n", name, v)
		} else {
			fmt.Printf("%s unset\n", name)
		}
	}
	var ours []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "W2J_") {
			ours = append(ours, kv)
		}
	}
	sort.Strings(ours)
	fmt.Printf("environ W2J_*: %d\n", len(ours))
	for _, kv := range ours {
		fmt.Printf("  %q\n", kv)
	}
	return 0
}

// cmdCat copies stdin to stdout and prints nothing else.
func cmdCat() int {
	if _, err := io.Copy(os.Stdout, os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "cat:", err)
		return 1
	}
	return 0
}

func cmdExit3() int {
	fmt.Println("exit3: this goes to stdout")
	fmt.Fprintln(os.Stderr, "exit3: this goes to stderr")
	os.Exit(3)
	return 0
}
