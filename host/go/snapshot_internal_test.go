package licensewarden

import (
	"context"
	"errors"
	"testing"
	"time"

	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
)

// A verified license answers allowed checks from the snapshot: no wasm call.
func TestSnapshotPathMakesNoWasmCall(t *testing.T) {
	now := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	l := licensedAt(t, `{"id":"l1","plan":"pro","features":["sso"],"issued_at":"2027-01-01"}`, &now)
	before := l.calls.Load()
	for i := 0; i < 1000; i++ {
		if err := l.CheckFeature("sso"); err != nil {
			t.Fatal(err)
		}
		if d := l.Gate("/api", "sso"); !d.Allow {
			t.Fatal(d)
		}
	}
	if n := l.calls.Load() - before; n != 0 {
		t.Fatalf("%d wasm calls on the snapshot path", n)
	}
	if l.CheckFeature("warehouse") == nil || l.calls.Load() == before {
		t.Fatal("a denial must ask the core")
	}
}

func TestAFloodOfDeniedChecksAsksTheCoreOncePerSnapshot(t *testing.T) {
	now := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	l := licensedAt(t, `{"id":"l1","plan":"pro","issued_at":"2027-01-01","expires_at":"2027-03-01T00:00:10Z"}`, &now)
	first := l.CheckFeature("sso")
	gate := l.Gate("/api/sso", "sso")
	if first == nil || gate.Allow {
		t.Fatal("sso is not in the license")
	}
	before := l.calls.Load()
	for i := 0; i < 1000; i++ {
		if err := l.CheckFeature("sso"); err == nil || err.Error() != first.Error() {
			t.Fatalf("memo answered %v, first %v", err, first)
		}
		if d := l.Gate("/api/sso", "sso"); d.Allow || d.HTTPStatus != gate.HTTPStatus || d.Body != gate.Body {
			t.Fatal(d)
		}
	}
	if n := l.calls.Load() - before; n != 0 {
		t.Fatalf("%d wasm calls for memoised denials", n)
	}
	// Past valid-until the memo goes with the snapshot: the core answers anew.
	now = now.Add(10 * time.Second)
	var e *Error
	if err := l.CheckFeature("sso"); !errors.As(err, &e) || e.Code != CodeExpired {
		t.Fatalf("after expiry: %v", err)
	}
	if d := l.Gate("/api/sso", "sso"); d.HTTPStatus != 503 {
		t.Fatal(d)
	}
}

// licensedAt is a Licensing holding a key signed over payload, on a clock
// that reads *now (the test moves it); closed when the test ends.
func licensedAt(t *testing.T, payload string, now *time.Time) *Licensing {
	t.Helper()
	seed := sha256.Sum256([]byte("snapshot test"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	head := "lg1.ed25519.k1." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	token := head + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(priv, []byte("licensewarden/license/v1\n"+head)))
	pub := base64.RawURLEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))
	l, err := New(context.Background(), Config{TrustedKeys: []TrustedKey{{Kid: "k1", Algorithm: AlgorithmEd25519, Key: pub}},
		Key: &token, Clock: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}
