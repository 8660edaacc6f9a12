// Package licensewarden checks software licenses with the licensewarden core:
// the same WebAssembly module every licensewarden host runs, embedded here and
// run by wazero (pure Go, no cgo), so a Go service and its Node or Python
// siblings can never disagree about a license.
//
// A Licensing is safe for concurrent use: hot-path checks (CheckFeature, Gate
// on allowed routes) answer from the core's decision snapshot without
// entering wasm; every other call enters the one module instance under a
// mutex.
package licensewarden

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero/api"
)

// Config is everything a vendor sets once per process.
type Config struct {
	// Product names the environment variables (`acme-db` → ACME_DB_LICENSE_KEY)
	// and the home directory (~/.acme-db/license.key). Default "licensewarden".
	Product string
	// TrustedKeys may sign licenses (see TrustedKeyFromFile).
	TrustedKeys []TrustedKey
	// Policy is the product policy as JSON (docs/policy.md); "" means defaults.
	Policy string
	// DemoMode turns every feature on, reported as `demo`.
	DemoMode bool
	// Key, when set, is the license key; nil resolves it from
	// <PREFIX>_LICENSE_KEY, <PREFIX>_LICENSE_KEY_FILE, then ~/.<product>/license.key.
	Key *string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Home is the home directory for ~/.<product>/; nil means the user's home,
	// a pointer to "" disables the home file.
	Home *string
	// Clock is the wall clock; nil means time.Now. The zero time means "no
	// reading": a call into the core then fails closed with the core's failure
	// answers until the clock reads again.
	Clock func() time.Time
	// DeviceFacts overrides the machine's facts (tests).
	DeviceFacts *DeviceFacts
	// Store keeps the sealed online state; nil means files under
	// ~/.<product>/state when Online is set, memory otherwise.
	Store Store
	// Random is the randomness source; nil means crypto/rand.
	Random io.Reader
	// ReloadInterval is how often the key is re-resolved (a renewed key file
	// is picked up); 0 means DefaultReloadInterval, negative never (the other
	// hosts spell "never" 0: here 0 is the zero value; tests/options.json).
	ReloadInterval time.Duration
	// Online validates the license against a license server; nil keeps it offline.
	Online *OnlineSettings
	// GatewayCacheBytes (gateway mode) bounds the verified callers' keys
	// held in the core's memory; 0 means 64 MiB, at least 1 MiB.
	GatewayCacheBytes uint64
	// AccessPolicy is the access (RBAC) policy's text, YAML or JSON
	// (docs/rbac.md); it overrides every other source.
	AccessPolicy *string
	// AccessPolicyFile is a policy file, re-read when it changes; it
	// overrides <PREFIX>_RBAC_POLICY and <PREFIX>_RBAC_POLICY_FILE.
	AccessPolicyFile string
	// AccessReloadInterval is how often the policy file's modification time
	// is looked at; 0 means <PREFIX>_RBAC_RELOAD_INTERVAL seconds, else
	// 30 s; negative never.
	AccessReloadInterval time.Duration
	// RBACPlainEnv also reads the plain RBAC_POLICY, RBAC_POLICY_FILE and
	// RBAC_RELOAD_INTERVAL.
	RBACPlainEnv bool
	// Logger receives license events: every access decision at debug
	// level, the policy's (re)loads at info, warn and error. nil means
	// slog.Default().
	Logger *slog.Logger
}

// Licensing is one configured core instance with its license loaded.
type Licensing struct {
	cfg     Config
	product string
	clock   func() time.Time
	ctx     context.Context

	mu     sync.Mutex // guards the guest, loaded and access
	guest  *exports
	mod    api.Module
	loaded *KeyInput
	// failure holds the core's answers while it cannot run (asked after
	// configure and after each load).
	failure atomic.Pointer[FailureAnswers]
	// logged is the status last logged (logEvents); nil before the first.
	logged *Status
	access *string // the access policy last accepted, replayed by start
	// accessRefused is a policy refused since, replayed after it by start.
	accessRefused *string
	cache         atomic.Pointer[snapshotCache]

	accessSrc *accessSource // where the policy comes from; nil: none configured
	accessGen atomic.Uint64 // bumped by every policy change: memo entries from before are not kept

	calls   atomic.Int64 // entries into wasm (tests check the snapshot path makes none)
	checkMu sync.Mutex   // one online check at a time
	stop    chan struct{}
	closed  atomic.Bool
}

// New configures a core instance and loads the license.
func New(ctx context.Context, cfg Config) (*Licensing, error) {
	l := &Licensing{cfg: cfg, product: cfg.Product, clock: cfg.Clock, stop: make(chan struct{})}
	if l.product == "" {
		l.product = "licensewarden"
	}
	if l.clock == nil {
		l.clock = time.Now
	}
	if l.cfg.Getenv == nil {
		l.cfg.Getenv = os.Getenv
	}
	if l.cfg.Home == nil {
		h, _ := os.UserHomeDir()
		l.cfg.Home = &h
	}
	facts := MachineFacts
	if cfg.DeviceFacts != nil {
		f := *cfg.DeviceFacts
		facts = func() DeviceFacts { return f }
	}
	if o := cfg.Online; o != nil && o.Client != nil && o.CAFile != "" {
		// The bundle is loaded into the client this package builds; one of
		// the caller's would silently trust other roots.
		return nil, configError("OnlineSettings.CAFile cannot be applied to a Client of your own: give that client's transport the CA bundle (TLSClientConfig.RootCAs), or leave Client nil")
	}
	store := cfg.Store
	if store == nil {
		store = MemoryStore()
		if cfg.Online != nil {
			dir, witness := cfg.Online.StateDir, cfg.Online.WitnessDir
			if dir == "" && *l.cfg.Home != "" {
				name, err := productDir(l.product)
				if err != nil {
					return nil, err
				}
				dir = filepath.Join(*l.cfg.Home, "."+name, "state")
				if witness == "" {
					// Rollback witnesses apart from the state.
					witness = filepath.Join(*l.cfg.Home, ".local", "share", name)
				}
			}
			if dir != "" {
				// File times are in the system clock's terms: against an
				// injected clock they prove nothing.
				store = fileStore{dir: dir, witnessDir: witness, fileTimes: cfg.Clock == nil}
			}
		}
	}
	random := cfg.Random
	if random == nil {
		random = rand.Reader
	}
	imp := &hostImports{clock: l.clock, facts: facts(), store: &lockedStore{s: store}, random: random}
	l.ctx = context.WithValue(context.Background(), importsKey{}, Imports(imp))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.mu.Lock()
	err := l.start()
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	l.Refresh()
	if err := l.startAccess(); err != nil {
		_ = l.Close()
		return nil, err
	}
	if cfg.Online != nil && !cfg.Online.NoBackground {
		go l.background()
	}
	return l, nil
}

// nowMs is the host's own reading; a clock with no reading is 0, at which
// no cached answer is fresh, so the call goes to the core (and fails there).
func (l *Licensing) nowMs() int64 {
	t := l.clock()
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
func (l *Licensing) resolve() KeyInput {
	return resolveKey(l.product, l.cfg.Key, l.cfg.Getenv, *l.cfg.Home)
}
func sameKey(a *KeyInput, b KeyInput) bool { return a != nil && *a == b }

// Refresh recomputes the snapshot, re-resolving the key (a renewed key file
// is picked up).
func (l *Licensing) Refresh() Snapshot {
	now := l.nowMs()
	r := l.resolve()
	var snap Snapshot
	failed := l.enter("load", func(g *exports) (err error) {
		if !sameKey(l.loaded, r) {
			if l.loaded != nil {
				l.logger().Info("licensewarden: the license key changed; loaded again", "source", keySource(r))
			}
			snap, err = g.Load(l.ctx, r)
			if err == nil {
				l.loaded = &r
				err = l.askFailureAnswers(g)
			}
			return err
		}
		snap, err = g.Snapshot(l.ctx)
		return err
	})
	if failed != nil {
		snap = l.failureSnapshot(failed)
	} else {
		l.logEvents(snap.Status, false)
	}
	l.setCache(snap, now)
	return snap
}

// Snapshot is the decision snapshot (cached while fresh).
func (l *Licensing) Snapshot() Snapshot {
	if c := l.fresh(l.nowMs()); c != nil {
		return c.snap
	}
	return l.Refresh()
}

// CheckFeature returns nil when the feature is licensed, otherwise an *Error
// (ErrFeatureNotLicensed naming the feature and plan, ErrLicenseExpired, ...).
func (l *Licensing) CheckFeature(name string) error {
	if l.fastAllow(name) {
		return nil
	}
	c := l.freshCache()
	if e, ok := c.memo.feature(name); ok {
		return e
	}
	var r Result[struct{}, Error]
	if e := l.enter("check-feature", func(g *exports) (err error) { r, err = g.CheckFeature(l.ctx, name); return }); e != nil {
		return e
	}
	if r.IsErr {
		c.memo.rememberFeature(name, r.Err)
		return &r.Err
	}
	return nil
}

// HasFeature reports whether the feature is licensed.
func (l *Licensing) HasFeature(name string) bool { return l.CheckFeature(name) == nil }

// CheckCap compares a usage count with the named cap and remembers it for
// Metrics. Over a hard cap the outcome is CapOutcomeHardExceeded with a
// cap-exceeded Error (a warning when soft); if the core cannot be run the
// answer fails closed as hard-exceeded with an internal Error.
func (l *Licensing) CheckCap(name string, current uint64) CapCheck {
	l.ensureFresh()
	var c CapCheck
	if e := l.enter("check-cap", func(g *exports) (err error) { c, err = g.CheckCap(l.ctx, name, current); return }); e != nil {
		return CapCheck{Outcome: CapOutcomeHardExceeded, Name: name, Current: current, Error: e}
	}
	if c.Outcome != CapOutcomeWithin {
		l.logEvents(l.freshCache().snap.Status, true)
	}
	return c
}

// Gate decides an HTTP request: exempt paths always pass; after expiry other
// paths get 503; a route needing an unlicensed feature ("" for none) gets 403.
func (l *Licensing) Gate(path, feature string) GateDecision {
	if l.fastAllow(feature) {
		return GateDecision{Allow: true, HTTPStatus: 200}
	}
	c := l.freshCache()
	key := [2]string{path, feature}
	if d, ok := c.memo.gate(key); ok {
		return d
	}
	var f *string
	if feature != "" {
		f = &feature
	}
	var d GateDecision
	if e := l.enter("gate", func(g *exports) (err error) { d, err = g.Gate(l.ctx, path, f); return }); e != nil {
		if f := l.failureAnswers(); f != nil {
			return f.Gate
		}
		return GateDecision{HTTPStatus: 503, Error: e, Body: errorBody(e)}
	}
	if !d.Allow {
		c.memo.rememberGate(key, d)
	}
	return d
}

// GateKey (gateway mode) decides a request to path, needing feature (""
// for none), carrying a caller's own key ("" when none was sent). It never
// fails: a core failure is a 503 internal denial.
func (l *Licensing) GateKey(key, path, feature string) KeyDecision {
	var k *string
	if key != "" {
		k = &key
	}
	return l.gate("gate-key", func(g *exports, f *string) (KeyDecision, error) { return g.GateKey(l.ctx, k, path, f, true) }, feature)
}

// gateRequest is GateKey for a request's headers, read by the core's rule.
func (l *Licensing) gateRequest(h KeyHeaders, path, feature string) KeyDecision {
	return l.gate("gate-request", func(g *exports, f *string) (KeyDecision, error) { return g.GateRequest(l.ctx, h, path, f, true) }, feature)
}

func (l *Licensing) gate(what string, call func(g *exports, feature *string) (KeyDecision, error), feature string) KeyDecision {
	var f *string
	if feature != "" {
		f = &feature
	}
	var d KeyDecision
	if e := l.enter(what, func(g *exports) (err error) { d, err = call(g, f); return }); e != nil {
		if f := l.failureAnswers(); f != nil {
			return KeyDecision{HTTPStatus: f.Gate.HTTPStatus, Body: f.Gate.Body}
		}
		return KeyDecision{HTTPStatus: 503, Body: errorBody(e)}
	}
	return d
}

// KeySnapshot (gateway mode) is the caller's plan, features and caps in
// force for key, or why the key is refused.
func (l *Licensing) KeySnapshot(key string) (Snapshot, error) {
	var r Result[Snapshot, Error]
	if e := l.enter("key-snapshot", func(g *exports) (err error) { r, err = g.KeySnapshot(l.ctx, key); return }); e != nil {
		return Snapshot{}, e
	}
	if r.IsErr {
		return Snapshot{}, &r.Err
	}
	return r.Ok, nil
}

// Err is the error a denial carries: the core sends it only inside Body
// (the record stays small, as it crosses on every request). Nil when
// allowed.
func (d *KeyDecision) Err() *Error {
	var b struct {
		Error *struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Details map[string]string `json:"details"`
		} `json:"error"`
	}
	if d.Body == "" || json.Unmarshal([]byte(d.Body), &b) != nil || b.Error == nil {
		return nil
	}
	code, ok := ParseCode(b.Error.Code)
	if !ok {
		code = CodeInternal
	}
	e := &Error{Code: code, Message: b.Error.Message}
	keys := make([]string, 0, len(b.Error.Details))
	for k := range b.Error.Details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.Details = append(e.Details, Detail{Key: k, Value: b.Error.Details[k]})
	}
	return e
}

// GatewayStats are gateway mode's counts (zero when the core cannot answer).
func (l *Licensing) GatewayStats() GatewayStats {
	var s GatewayStats
	_ = l.enter("gateway-stats", func(g *exports) (err error) { s, err = g.GatewayStats(l.ctx); return })
	return s
}

// Info is everything `license info` shows. It never fails: if the core
// cannot be run, the answer is invalid with an internal error.
func (l *Licensing) Info() Info {
	l.ensureFresh()
	var i Info
	if e := l.enter("info", func(g *exports) (err error) { i, err = g.Info(l.ctx); return }); e != nil {
		if f := l.failureAnswers(); f != nil {
			return f.Info
		}
		return Info{Status: StatusInvalid, KeySource: l.KeySource(), Error: e}
	}
	return i
}

// InfoJSON is Info as the one canonical JSON text every host produces byte
// for byte (`licensewarden info --json`): snake_case, features and limits
// keyed by name, RFC 3339 instants. If the core cannot be run, the error's
// code and message in a JSON object.
func (l *Licensing) InfoJSON() string {
	l.ensureFresh()
	var j string
	if e := l.enter("info-json", func(g *exports) (err error) { j, err = g.InfoJSON(l.ctx); return }); e != nil {
		if f := l.failureAnswers(); f != nil {
			return f.InfoJSON
		}
		b, _ := json.Marshal(map[string]any{"error": map[string]string{"code": e.Code.String(), "message": e.Message}})
		return string(b)
	}
	return j
}

// Metrics is the Prometheus text exposition of the license state. While
// the core cannot run it is the core's failure text: a comment naming the
// failure and the license gauges at zero, so an alert on them fires.
func (l *Licensing) Metrics() string {
	l.ensureFresh()
	var m string
	if e := l.enter("metrics", func(g *exports) (err error) { m, err = g.Metrics(l.ctx); return }); e != nil {
		if f := l.failureAnswers(); f != nil {
			return f.Metrics
		}
		return "# licensewarden core failure: " + strings.ReplaceAll(e.Message, "\n", " ") + "\n"
	}
	return m
}

// Verify checks a token without changing the loaded license (per-request keys).
func (l *Licensing) Verify(token string) (License, error) {
	var r Result[License, Error]
	if e := l.enter("verify", func(g *exports) (err error) { r, err = g.Verify(l.ctx, token); return }); e != nil {
		return License{}, e
	}
	if r.IsErr {
		return License{}, &r.Err
	}
	return r.Ok, nil
}

// CheckSignature verifies a detached signature (base64url message and
// signature) with key: low level, for signed answers and test vectors.
func (l *Licensing) CheckSignature(key TrustedKey, message, signature string) error {
	var r Result[struct{}, Error]
	if e := l.enter("check-signature", func(g *exports) (err error) { r, err = g.CheckSignature(l.ctx, key, message, signature); return }); e != nil {
		return e
	}
	if r.IsErr {
		return &r.Err
	}
	return nil
}

// SetAccessPolicy replaces the access (RBAC) policy with a policy file's
// text, YAML or JSON (docs/rbac.md); nil removes it. A refused policy
// leaves the one in force and is an invalid-config *Error with a "field"
// detail naming where (a key path or "line N").
func (l *Licensing) SetAccessPolicy(policy *string) error {
	// Whatever the outcome, remembered decisions may no longer hold (a
	// refusal with no policy in force makes the core deny everyone).
	defer l.forgetAccessDecisions()
	var r Result[struct{}, Error]
	if e := l.enter("set-access-policy", func(g *exports) (err error) { r, err = g.SetAccessPolicy(l.ctx, policy); return }); e != nil {
		return e
	}
	// A copy: the caller's variable may change after the call, and the
	// replay must use the text the core saw.
	var kept *string
	if policy != nil {
		v := *policy
		kept = &v
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if r.IsErr {
		l.accessRefused = kept
		return &r.Err
	}
	l.access, l.accessRefused = kept, nil
	return nil
}
func (l *Licensing) forgetAccessDecisions() {
	l.accessGen.Add(1)
	if c := l.cache.Load(); c != nil {
		c.access.mu.Lock()
		c.access.m = nil
		c.access.mu.Unlock()
	}
}

// Plan is the effective plan.
func (l *Licensing) Plan() string { return l.Snapshot().Plan }

// KeySource says where the key came from (`env:ACME_LICENSE_KEY`, `explicit`, `none`, ...).
func (l *Licensing) KeySource() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.loaded == nil {
		return "none"
	}
	return keySource(*l.loaded)
}

// Close stops background checks and frees the instance. Calls after Close
// start a fresh instance.
func (l *Licensing) Close() error {
	if l.closed.CompareAndSwap(false, true) {
		close(l.stop)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var err error
	if l.mod != nil {
		err = closeModule(l.ctx, l.mod)
	}
	l.guest, l.mod, l.loaded = nil, nil, nil
	return err
}
