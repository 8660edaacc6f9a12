package licensewarden

// Per-request keys, for vendors who sell API access: each caller sends its
// own license key and one instance of the core decides every request
// (gate-key): garbage is refused without cryptography, verified keys are
// remembered inside the core within Config.GatewayCacheBytes (64 MiB by
// default), forged ones are checked once and never evict a verified one.
// With Online.StatusToken the server's status list (revoked, suspended,
// deleted, renewed licenses) applies to every caller, fetched in the
// background; no device is registered. Calls into the one instance are
// serialised (Licensing's lock): one core serves every caller.

import (
	"context"
	"net/http"
	"os"
	"sort"
	"strings"
)

// Gateway decides each request by the caller's key.
type Gateway struct {
	lic *Licensing
}

// Caller is who called, when the caller's key verified.
type Caller struct {
	LicenseID string
	Snapshot  Snapshot
}

// NewGateway serves per-request keys with cfg (trusted keys, policy,
// GatewayCacheBytes, optionally Online with a StatusToken; Key and key
// resolution are ignored: the keys are the callers').
func NewGateway(ctx context.Context, cfg Config) (*Gateway, error) {
	// Settings a gateway does not use are refused, not ignored: callers
	// bring their own keys, and it keeps no state or files.
	var unused []string
	for name, set := range map[string]bool{
		"Key": cfg.Key != nil, "Getenv": cfg.Getenv != nil, "Home": cfg.Home != nil,
		"Store": cfg.Store != nil, "ReloadInterval": cfg.ReloadInterval != 0,
		"Online.StateDir":   cfg.Online != nil && cfg.Online.StateDir != "",
		"Online.WitnessDir": cfg.Online != nil && cfg.Online.WitnessDir != "",
		// An access policy is decided against the instance's own license,
		// and a gateway has none.
		"AccessPolicy": cfg.AccessPolicy != nil, "AccessPolicyFile": cfg.AccessPolicyFile != "",
		"AccessReloadInterval": cfg.AccessReloadInterval != 0, "RBACPlainEnv": cfg.RBACPlainEnv,
	} {
		if set {
			unused = append(unused, name)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return nil, &Error{Code: CodeInvalidConfig, Message: "NewGateway does not use " + strings.Join(unused, ", ") + ": callers bring their own keys, and it keeps no state or files"}
	}
	none := ""
	// Only the proxy variables from the environment: a gateway reads no key
	// of its own.
	proxyOnly := func(k string) string {
		if strings.HasSuffix(strings.ToLower(k), "_proxy") {
			return os.Getenv(k)
		}
		return ""
	}
	cfg.Key, cfg.Home, cfg.Getenv, cfg.ReloadInterval = nil, &none, proxyOnly, -1
	l, err := New(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Gateway{lic: l}, nil
}

// KeyFrom reads the caller's key: `Authorization: License <key>` or
// `X-License-Key: <key>`; "" when neither is sent.
func KeyFrom(r *http.Request) string {
	return KeyFromValues(r.Header.Get("Authorization"), r.Header.Get("X-License-Key"))
}

// KeyFromValues is the core's rule (tests/vectors/gateway.json):
// Authorization trimmed of spaces and tabs is `License` (ASCII case
// ignored), spaces or tabs, and a key without either; otherwise
// X-License-Key trimmed, when not empty.
func KeyFromValues(authorization, xLicenseKey string) string {
	var k *string
	if withRules(func(ctx context.Context, g *exports) (err error) {
		k, err = g.KeyFromHeaders(ctx, keyHeaders(authorization, xLicenseKey))
		return err
	}) != nil || k == nil {
		return ""
	}
	return *k
}

func keyHeaders(authorization, xLicenseKey string) KeyHeaders {
	var h KeyHeaders
	if authorization != "" {
		h.Authorization = &authorization
	}
	if xLicenseKey != "" {
		h.XLicenseKey = &xLicenseKey
	}
	return h
}

// Decide is the decision for one request carrying key (KeyFrom) to path,
// needing feature ("" for none): who called, or the denial to answer with
// (401 without a key or with a rejected one, 403 naming a missing feature
// or a license not in force, 503 after its expiry except exempt paths),
// each with the core's JSON body.
func (g *Gateway) Decide(key, path, feature string) (*Caller, *KeyDecision) {
	return caller(g.lic.GateKey(key, path, feature))
}

// caller is who called when the decision lets the request through with a
// license (its terms come with the decision), else the decision to answer.
func caller(d KeyDecision) (*Caller, *KeyDecision) {
	if !d.Allow || d.LicenseID == nil || d.Snapshot == nil {
		return nil, &d
	}
	return &Caller{LicenseID: *d.LicenseID, Snapshot: *d.Snapshot}, nil
}

// Stats are the verified keys held and their bytes, the forged keys
// remembered, and the status list's size and serial.
func (g *Gateway) Stats() GatewayStats { return g.lic.GatewayStats() }

// Licensing is the gateway's own instance (Info shows the status list's
// fetch state under Online).
func (g *Gateway) Licensing() *Licensing { return g.lic }

// Close releases the instance; the Gateway must not be used after.
func (g *Gateway) Close() { g.lic.Close() }

type gatewayKey struct{}

// CallerFrom returns who called inside a Gateway's handlers.
func CallerFrom(ctx context.Context) *Caller {
	c, _ := ctx.Value(gatewayKey{}).(*Caller)
	return c
}

// Middleware answers 401 without a key or with a rejected one, 403 for a
// license not in force, 503 after the key's expiry (except exempt paths),
// then passes the request on with the Caller in its context.
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
		h := keyHeaders(r.Header.Get("Authorization"), r.Header.Get("X-License-Key"))
		c, d := caller(g.lic.gateRequest(h, r.URL.Path, feature))
		if d != nil {
			denyJSON(w, int(d.HTTPStatus), d.Body)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), gatewayKey{}, c)))
	})
}
