package main

import (
	"crypto/sha256"
	"encoding/hex"
)

// lcgBytes fills b from a 64-bit linear congruential generator (deterministic input data).
func lcgBytes(b []byte, seed uint64) {
	x := seed
	for i := range b {
		x = x*6364136223846793005 + 1442695040888963407
		b[i] = byte(x >> 56)
	}
}

func sha256Bench(n int) string {
	buf := make([]byte, n*1024)
	lcgBytes(buf, 42)
	var sum [32]byte
	for round := 0; round < 16; round++ {
		copy(buf, sum[:]) // chain the rounds so none can be skipped
		sum = sha256.Sum256(buf)
	}
	return hex.EncodeToString(sum[:])
}
