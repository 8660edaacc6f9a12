package licensewarden_test

// Figures, not assertions: `go test -bench . -run '^$' ./host/go` (see
// host/go/README.md). Each pairs our call with the native baseline in the
// same run.

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"os"
	"strings"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
)

func benchLicensing(b *testing.B) (*lw.Licensing, string) {
	token := proToken("2099-12-31")
	none := ""
	l, err := lw.New(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token, Home: &none})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l, token
}

func BenchmarkVerifyThroughWazero(b *testing.B) {
	l, token := benchLicensing(b)
	for b.Loop() {
		if _, err := l.Verify(token); err != nil {
			b.Fatal(err)
		}
	}
}

// The native baseline: Go's crypto/ed25519 over the same signing input.
func BenchmarkVerifyNativeEd25519(b *testing.B) {
	token := proToken("2099-12-31")
	parts := strings.Split(token, ".")
	sig, _ := base64.RawURLEncoding.DecodeString(parts[4])
	pub, _ := base64.RawURLEncoding.DecodeString(issuer.TrustedKey().Key)
	msg := []byte("licensewarden/license/v1\n" + strings.Join(parts[:4], "."))
	for b.Loop() {
		if !ed25519.Verify(pub, msg, sig) {
			b.Fatal("bad signature")
		}
	}
}

func BenchmarkCheckFeatureSnapshot(b *testing.B) {
	l, _ := benchLicensing(b)
	for b.Loop() {
		if err := l.CheckFeature("sso"); err != nil {
			b.Fatal(err)
		}
	}
}

// The floor of a snapshot check: a map lookup plus one clock read.
func BenchmarkMapLookupPlusClock(b *testing.B) {
	m := map[string]struct{}{"sso": {}, "audit": {}}
	var n int64
	for b.Loop() {
		n += time.Now().UnixMilli()
		if _, ok := m["sso"]; !ok {
			b.Fatal("missing")
		}
	}
	_ = n
}

// A denied check, answered from the memo after the first call.
func BenchmarkCheckFeatureDeniedMemo(b *testing.B) {
	l, _ := benchLicensing(b)
	for b.Loop() {
		if l.CheckFeature("warehouse") == nil {
			b.Fatal("allowed")
		}
	}
}

func BenchmarkInstantiateAndConfigure(b *testing.B) {
	none := ""
	k := issuer.TrustedKey()
	for b.Loop() {
		l, err := lw.New(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{k}, Home: &none})
		if err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
}

// An access decision against the seeds' allow-form policy, answered from
// the memo.
func BenchmarkAuthorizeMemo(b *testing.B) {
	seed, err := os.ReadFile("../../tests/fixtures/rbac-seed-allow.yaml")
	if err != nil {
		b.Fatal(err)
	}
	token, none, policy := rbacToken(), "", string(seed)
	l, err := lw.New(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token, Home: &none,
		AccessPolicy: &policy, Getenv: func(string) string { return "" }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	for b.Loop() {
		if !l.Authorize(ops, "topology_neighbors", "execute").Allow {
			b.Fatal("denied")
		}
	}
}

// The floor of an access decision: an application's own table, a map
// lookup of the question.
func BenchmarkAccessTableLookup(b *testing.B) {
	table := map[[3]string]struct{}{{"network-ops-team", "topology_neighbors", "execute"}: {}}
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	for b.Loop() {
		if _, ok := table[[3]string{ops.Groups[0], "topology_neighbors", "execute"}]; !ok {
			b.Fatal("missing")
		}
	}
}

// The same table with the clock read every license-aware answer needs (the
// floor of the snapshot figures).
func BenchmarkAccessTableLookupPlusClock(b *testing.B) {
	table := map[[3]string]struct{}{{"network-ops-team", "topology_neighbors", "execute"}: {}}
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	var n int64
	for b.Loop() {
		n += time.Now().UnixMilli()
		if _, ok := table[[3]string{ops.Groups[0], "topology_neighbors", "execute"}]; !ok {
			b.Fatal("missing")
		}
	}
	_ = n
}
