package main

import "fmt"

// The functions are kept out of line so that each one is a frame in the
// traceback: main.panicLevel3, main.panicLevel2, main.panicLevel1, main.cmdPanic, main.main.

func cmdPanic() int {
	fmt.Println("about to panic")
	panicLevel1()
	return 0
}

//go:noinline
func panicLevel1() {
	panicLevel2()
}

//go:noinline
func panicLevel2() {
	panicLevel3()
}

//go:noinline
func panicLevel3() {
	panic("boom")
}
