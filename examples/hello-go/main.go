// A small Go program to try wasm2jar with. Build it for WASI and compile the
// result to a JAR:
//
//	GOOS=wasip1 GOARCH=wasm go build -o main.wasm .
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("Hello from Go, running on the JVM!")

	if len(os.Args) > 1 {
		fmt.Printf("You passed %d argument(s):\n", len(os.Args)-1)
		for i, arg := range os.Args[1:] {
			fmt.Printf("  %d. %s\n", i+1, arg)
		}
	} else {
		fmt.Println("(Pass some arguments to see them here.)")
	}

	fmt.Println()
	fmt.Println("  n   n²    2ⁿ  fib(n)")
	fmt.Println(" " + strings.Repeat("─", 22))
	a, b := 0, 1
	for n := 0; n <= 10; n++ {
		fmt.Printf("%3d %4d %5d %7d\n", n, n*n, 1<<n, a)
		a, b = b, a+b
	}
}
