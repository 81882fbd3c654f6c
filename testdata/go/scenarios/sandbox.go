package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// cmdRead reads each file named on the command line and prints its content or
// the kind of error, by argument position (so that no host path is printed).
// The sandbox tests use it to check that nothing outside the granted
// directories can be reached; natively it just reads files.
func cmdRead() int {
	for i, path := range os.Args[2:] {
		data, err := os.ReadFile(path)
		if err == nil {
			fmt.Printf("path[%d]: ok %q\n", i, data)
			continue
		}
		kind := "other"
		switch {
		case errors.Is(err, fs.ErrNotExist):
			kind = "notexist"
		case errors.Is(err, fs.ErrPermission):
			kind = "permission"
		}
		var errno syscall.Errno
		if errors.As(err, &errno) {
			fmt.Printf("path[%d]: error %s errno=%d\n", i, kind, int(errno))
		} else {
			fmt.Printf("path[%d]: error %s\n", i, kind)
		}
	}
	return 0
}
