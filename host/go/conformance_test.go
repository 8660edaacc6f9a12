package licensewarden_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/internal/conformance"
)

// vectorCount is exact: a vector file that failed to load must not pass.
const vectorCount = 379

func TestEveryConformanceVector(t *testing.T) {
	cases, err := conformance.Load("../../tests/vectors")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != vectorCount {
		t.Fatalf("%d vectors, want %d", len(cases), vectorCount)
	}
	for _, c := range cases {
		got := conformance.Normalise(conformance.Outcome(c))
		if !conformance.Matches(c.Expect, got) {
			t.Errorf("%s:\n  want %s\n  got  %s", c.ID, conformance.Canonical(c.Expect), conformance.Canonical(got))
		}
	}
}

// The lines the Rust host printed (scripts/test.sh writes them first) are
// the Go host's lines, byte for byte.
func TestConformanceLinesEqualTheRustHost(t *testing.T) {
	want, err := os.ReadFile("../../target/conformance/rust.txt")
	if err != nil {
		t.Fatalf("the Rust host's lines are missing (%v): run scripts/test.sh, which writes them before the Go tests", err)
	}
	cases, err := conformance.Load("../../tests/vectors")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	for _, c := range cases {
		got.WriteString(conformance.Line(c) + "\n")
	}
	if !bytes.Equal(got.Bytes(), want) {
		wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got.Bytes(), []byte("\n"))
		for i := range min(len(wl), len(gl)) {
			if !bytes.Equal(wl[i], gl[i]) {
				t.Fatalf("line %d differs:\n  rust %s\n  go   %s", i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("%d lines, Rust printed %d", len(gl), len(wl))
	}
}

func uleb(b []byte, i int) (uint64, int, bool) {
	var v uint64
	for shift := uint(0); i < len(b) && shift < 35; shift += 7 {
		c := b[i]
		i++
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, i, true
		}
	}
	return 0, i, false
}

// firstCoreModule walks the component's sections (a preamble, then id, LEB128
// size, contents) to the first core module section (id 1).
func firstCoreModule(t *testing.T, component []byte) []byte {
	if len(component) < 8 || string(component[:4]) != "\x00asm" {
		t.Fatal("not a wasm binary")
	}
	for i := 8; i < len(component); {
		id := component[i]
		size, next, ok := uleb(component, i+1)
		if !ok || next+int(size) > len(component) {
			t.Fatal("truncated component")
		}
		if id == 1 {
			return component[next : next+int(size)]
		}
		i = next + int(size)
	}
	t.Fatal("no core module in the component")
	return nil
}

func TestEmbeddedModuleIsTheOneInsideTheComponent(t *testing.T) {
	component, err := os.ReadFile("../../dist/licensewarden.wasm")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(firstCoreModule(t, component))
	if got := hex.EncodeToString(sum[:]); got != lw.CoreModuleSHA256() {
		t.Fatalf("embedded module sha256 %s, the component's module %s: run scripts/build-component.sh", lw.CoreModuleSHA256(), got)
	}
}
