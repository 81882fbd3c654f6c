package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var patterns = []string{
	`^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}`,
	`(?i)error|fail(ed|ure)?`,
	`user=([a-z]+)\d*`,
	`\b\d+\.\d+\.\d+\.\d+\b`,
	`"(GET|POST|PUT) (/[^ "]*)`,
	`[\p{L}]+ß`,
}

func logLines(count int) []string {
	x := uint64(99)
	next := func(m uint64) uint64 {
		x = x*6364136223846793005 + 1442695040888963407
		return (x >> 33) % m
	}
	words := []string{"ok", "Error", "failed", "timeout", "straße", "done", "retry", "FAILURE"}
	methods := []string{"GET", "POST", "PUT", "DELETE"}
	lines := make([]string, count)
	var b strings.Builder
	for i := range lines {
		b.Reset()
		fmt.Fprintf(&b, "2024-%02d-%02dT%02d:%02d:%02d ", 1+next(12), 1+next(28), next(24), next(60), next(60))
		b.WriteString("user=" + string(rune('a'+next(26))) + string(rune('a'+next(26))) + strconv.Itoa(int(next(100))) + " ")
		fmt.Fprintf(&b, "%d.%d.%d.%d ", next(256), next(256), next(256), next(256))
		fmt.Fprintf(&b, "\"%s /api/v%d/items/%d\" ", methods[next(4)], next(3), next(100000))
		for k := 0; k < 3; k++ {
			b.WriteString(words[next(uint64(len(words)))])
			b.WriteByte(' ')
		}
		lines[i] = b.String()
	}
	return lines
}

// regexpBench compiles the patterns and matches every one against n generated log lines,
// counting matches and summing submatch lengths.
func regexpBench(n int) string {
	res := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		res[i] = regexp.MustCompile(p)
	}
	lines := logLines(n)
	matches, sum := 0, 0
	for _, line := range lines {
		for _, re := range res {
			if m := re.FindStringSubmatchIndex(line); m != nil {
				matches++
				for k := 0; k < len(m); k += 2 {
					if m[k] >= 0 {
						sum += m[k+1] - m[k] + k
					}
				}
			}
		}
	}
	return fmt.Sprintf("%d %d", matches, sum)
}
