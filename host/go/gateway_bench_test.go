package licensewarden_test

// Gateway mode's figures (not assertions): `go test -bench Gateway -run '^$'
// ./host/go`. Per distinct key: garbage, a well-formed forgery, a new valid
// key, a cached valid key; pair them with BenchmarkVerifyNativeEd25519 from
// the same run. BenchmarkGatewayMemoryPerKey reports the Go heap growth per
// verified key held (wazero's linear memory lives on the Go heap) and the
// core's own estimate.

import (
	"context"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"testing"

	lw "github.com/licensewarden/licensewarden/host/go"
)

func benchGateway(b *testing.B) *lw.Gateway {
	g, err := lw.NewGateway(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(g.Close)
	return g
}

func distinctKey(i int) string {
	return issuer.Issue(map[string]any{"id": fmt.Sprintf("lic_bench_%07d", i), "org": "Acme Corp", "plan": "pro", "issued_at": "2026-01-01", "expires_at": "2099-12-31"})
}

func forge(token string) string {
	parts := strings.Split(token, ".")
	sig, _ := base64.RawURLEncoding.DecodeString(parts[4])
	sig[3] ^= 1
	parts[4] = base64.RawURLEncoding.EncodeToString(sig)
	return strings.Join(parts, ".")
}

func keys(b *testing.B, gen func(int) string) []string {
	b.StopTimer()
	out := make([]string, 0, b.N)
	for i := 0; i < b.N; i++ {
		out = append(out, gen(i))
	}
	b.StartTimer()
	return out
}

func BenchmarkGatewayGarbageKey(b *testing.B) {
	g := benchGateway(b)
	ks := keys(b, func(i int) string { return fmt.Sprintf("garbage-%d-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i) })
	for i := 0; i < b.N; i++ {
		g.Decide(ks[i], "/api", "")
	}
}

func BenchmarkGatewayForgedKey(b *testing.B) {
	g := benchGateway(b)
	ks := keys(b, func(i int) string { return forge(distinctKey(i)) })
	for i := 0; i < b.N; i++ {
		g.Decide(ks[i], "/api", "")
	}
}

func BenchmarkGatewayNewValidKey(b *testing.B) {
	g := benchGateway(b)
	ks := keys(b, distinctKey)
	for i := 0; i < b.N; i++ {
		g.Decide(ks[i], "/api", "")
	}
}

func BenchmarkGatewayCachedValidKey(b *testing.B) {
	g := benchGateway(b)
	k := distinctKey(0)
	g.Decide(k, "/api", "")
	for b.Loop() {
		if c, _ := g.Decide(k, "/api", ""); c == nil {
			b.Fatal("denied")
		}
	}
}

func BenchmarkGatewayMemoryPerKey(b *testing.B) {
	const n = 100_000
	g := benchGateway(b)
	ks := make([]string, n)
	for i := range ks {
		ks[i] = distinctKey(i)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, k := range ks {
		g.Decide(k, "/api", "")
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ks)
	s := g.Stats()
	for b.Loop() {
	}
	// Reported after the loop, which resets what was reported before it.
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(s.CachedKeys), "heap-B/key")
	b.ReportMetric(float64(s.CachedBytes)/float64(s.CachedKeys), "core-B/key")
}
