// Command conformance prints one canonical JSON line per shared vector
// (tests/vectors, found from the working directory upwards, or the first
// argument), identical byte for byte to the other hosts' runners.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/licensewarden/licensewarden/host/go/internal/conformance"
)

func vectorsDir() string {
	if len(os.Args) > 1 {
		return os.Args[1]
	}
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "tests", "vectors")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "tests/vectors"
		}
		dir = parent
	}
}

func main() {
	cases, err := conformance.Load(vectorsDir())
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, c := range cases {
		fmt.Fprintln(w, conformance.Line(c))
	}
	if err := w.Flush(); err != nil {
		os.Exit(1)
	}
}
