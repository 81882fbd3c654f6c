package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// cmdStdinLines reads stdin line by line and prints each line numbered.
func cmdStdinLines() int {
	sc := bufio.NewScanner(os.Stdin)
	n, bytes := 0, 0
	for sc.Scan() {
		n++
		bytes += len(sc.Bytes())
		fmt.Printf("%4d: %q\n", n, sc.Text())
	}
	if err := sc.Err(); err != nil {
		fmt.Println("scan error")
		fmt.Fprintln(os.Stderr, "stdin-lines:", err)
		return 1
	}
	fmt.Printf("lines=%d bytes(without newlines)=%d\n", n, bytes)
	// Reading again after EOF keeps returning EOF.
	k, err := os.Stdin.Read(make([]byte, 16))
	fmt.Printf("read after EOF: n=%d io.EOF=%v\n", k, err == io.EOF)
	return 0
}
