package licensewarden

// Per-request keys, for vendors who sell API access: each caller sends its
// own license key and the gateway verifies it, as the edge worker does.
// Verified keys are cached by the SHA-256 of the key (never the key itself),
// bounded, least recently used evicted; each entry is a configured
// Licensing whose snapshot answers later requests without re-verifying.

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// DefaultGatewayCache is how many callers' keys a Gateway keeps verified.
const DefaultGatewayCache = 256

// Gateway verifies the caller's key on each request.
type Gateway struct {
	cfg   Config
	size  int
	mu    sync.Mutex
	order *list.List // front: most recently used; values are *gatewayEntry
	byKey map[[32]byte]*list.Element
}

type gatewayEntry struct {
	id  [32]byte
	lic *Licensing
}

// NewGateway serves per-request keys with cfg (trusted keys, policy; Key
// and key resolution are ignored: the key is the caller's). cacheSize 0
// means DefaultGatewayCache. The configuration is checked now.
func NewGateway(ctx context.Context, cfg Config, cacheSize int) (*Gateway, error) {
	if cacheSize <= 0 {
		cacheSize = DefaultGatewayCache
	}
	none := ""
	cfg.Home, cfg.Getenv, cfg.ReloadInterval = &none, func(string) string { return "" }, -1
	probe := cfg
	probe.Key = nil
	l, err := New(ctx, probe)
	if err != nil {
		return nil, err
	}
	l.Close()
	return &Gateway{cfg: cfg, size: cacheSize, order: list.New(), byKey: map[[32]byte]*list.Element{}}, nil
}

// KeyFrom reads the caller's key: `Authorization: License <key>` or
// `X-License-Key: <key>`; "" when neither is sent.
func KeyFrom(r *http.Request) string {
	return KeyFromValues(r.Header.Get("Authorization"), r.Header.Get("X-License-Key"))
}

// KeyFromValues is the rule every host shares (tests/vectors/gateway.json):
// Authorization trimmed of spaces and tabs is `License` (ASCII case
// ignored), spaces or tabs, and a key without either; otherwise
// X-License-Key trimmed, when not empty.
func KeyFromValues(authorization, xLicenseKey string) string {
	const ws = " \t"
	auth := strings.Trim(authorization, ws)
	if cut := strings.IndexAny(auth, ws); cut > 0 {
		scheme, key := auth[:cut], strings.TrimLeft(auth[cut:], ws)
		if asciiLowerIs(scheme, "license") && key != "" && !strings.ContainsAny(key, ws) {
			return key
		}
	}
	return strings.Trim(xLicenseKey, ws)
}

// asciiLowerIs compares ignoring ASCII case only: strings.EqualFold would
// fold a Kelvin sign into a k.
func asciiLowerIs(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// Decide is the decision for one request carrying key (KeyFrom) to path,
// needing feature ("" for none): the caller's Licensing, or the denial to
// answer with (401 without a key or with a rejected one, 503 when it
// cannot be checked or after its expiry except exempt paths, 403 naming a
// missing feature), each with the core's JSON body.
func (g *Gateway) Decide(key, path, feature string) (*Licensing, *GateDecision) {
	if key == "" {
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "no-license", "details": map[string]string{},
			"message": `send the license key as "Authorization: License <key>" or "X-License-Key"`}})
		return nil, &GateDecision{HTTPStatus: http.StatusUnauthorized, Body: string(b)}
	}
	l, err := g.LicensingFor(key)
	if err != nil {
		e, _ := err.(*Error)
		if e == nil {
			e = internalError("gateway", err)
		}
		return nil, &GateDecision{HTTPStatus: http.StatusServiceUnavailable, Error: e, Body: errorBody(e)}
	}
	if s := l.Snapshot(); s.Status == StatusInvalid && s.Error != nil {
		return nil, &GateDecision{HTTPStatus: http.StatusUnauthorized, Error: s.Error, Body: errorBody(s.Error)}
	}
	if d := l.Gate(path, feature); !d.Allow {
		return nil, &d
	}
	return l, nil
}

// LicensingFor returns the caller's Licensing (cached by the key's hash),
// named as in the other hosts (licensing_for, licensingFor).
func (g *Gateway) LicensingFor(key string) (*Licensing, error) {
	id := sha256.Sum256([]byte(key))
	g.mu.Lock()
	if e, ok := g.byKey[id]; ok {
		g.order.MoveToFront(e)
		g.mu.Unlock()
		return e.Value.(*gatewayEntry).lic, nil
	}
	g.mu.Unlock()
	cfg := g.cfg
	cfg.Key = &key
	l, err := New(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if e, ok := g.byKey[id]; ok { // another request verified it meanwhile
		l.Close()
		g.order.MoveToFront(e)
		return e.Value.(*gatewayEntry).lic, nil
	}
	g.byKey[id] = g.order.PushFront(&gatewayEntry{id: id, lic: l})
	for g.order.Len() > g.size {
		old := g.order.Remove(g.order.Back()).(*gatewayEntry)
		delete(g.byKey, old.id)
		old.lic.Close()
	}
	return l, nil
}

// Close releases every cached Licensing; the Gateway must not be used after.
func (g *Gateway) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for e := g.order.Front(); e != nil; e = e.Next() {
		e.Value.(*gatewayEntry).lic.Close()
	}
	g.order.Init()
	clear(g.byKey)
}

// Cached is how many verified keys are held.
func (g *Gateway) Cached() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.order.Len()
}

type gatewayKey struct{}

// FromContext returns the caller's Licensing inside a Gateway's handlers.
func FromContext(ctx context.Context) *Licensing {
	l, _ := ctx.Value(gatewayKey{}).(*Licensing)
	return l
}

// Middleware answers 401 without a key or with a rejected one, 503 after the
// key's expiry (except exempt paths), then passes the request on with the
// caller's Licensing in its context.
func (g *Gateway) Middleware(next http.Handler) http.Handler { return g.handler("", next) }

// RequireFeature is Middleware that also needs feature (403 naming it).
func (g *Gateway) RequireFeature(feature string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return g.handler(feature, next) }
}

func denyJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func (g *Gateway) handler(feature string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, d := g.Decide(KeyFrom(r), r.URL.Path, feature)
		if d != nil {
			denyJSON(w, int(d.HTTPStatus), d.Body)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), gatewayKey{}, l)))
	})
}
