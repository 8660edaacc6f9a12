// Package testkit issues licenses for tests (the Go host's, its examples, a vendor's own) with
// Go's own crypto/ed25519, following docs/token-format.md: an independent
// implementation of the signing side, so the tests also check the format.
package testkit

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"sync"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// Issuer signs tokens with one deterministic Ed25519 key.
type Issuer struct {
	Kid  string
	priv ed25519.PrivateKey
}

// NewIssuer derives a key from seed (tests only: never derive real keys so).
func NewIssuer(kid, seed string) *Issuer {
	s := sha256.Sum256([]byte(seed))
	return &Issuer{Kid: kid, priv: ed25519.NewKeyFromSeed(s[:])}
}

// TrustedKey is the public key a product trusts.
func (i *Issuer) TrustedKey() lw.TrustedKey {
	pub := i.priv.Public().(ed25519.PublicKey)
	return lw.TrustedKey{Kid: i.Kid, Algorithm: lw.AlgorithmEd25519, Key: base64.RawURLEncoding.EncodeToString(pub)}
}

// Issue signs payload as an lg1 token.
func (i *Issuer) Issue(payload map[string]any) string {
	b, err := json.Marshal(payload)
	if err != nil {
		panic(err)
	}
	head := "lg1.ed25519." + i.Kid + "." + base64.RawURLEncoding.EncodeToString(b)
	sig := ed25519.Sign(i.priv, []byte("licensewarden/license/v1\n"+head))
	return head + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// Clock is a settable clock for Config.Clock, safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}
