// The core: the one module instance, its imports (clock, device facts,
// store, randomness), and the failure rule (a trap drops the instance; the
// next call re-creates it; meanwhile every call gets the core's failure
// answers).

package licensewarden

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tetratelabs/wazero"
)

//go:embed licensewarden.core.wasm
var coreModule []byte

// CoreModuleSHA256 is the sha256 (hex) of the embedded core module: the
// bytes of the module inside dist/licensewarden.wasm.
func CoreModuleSHA256() string {
	sum := sha256.Sum256(coreModule)
	return hex.EncodeToString(sum[:])
}

// One runtime and one compiled module per process: compiling is the
// expensive step; every Licensing instantiates its own instance from it.
var shared sharedRuntime

type sharedRuntime struct {
	once     sync.Once
	begun    atomic.Bool
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	err      error
}

func (s *sharedRuntime) started() bool { return s.begun.Load() }
func runtimeAndModule() (wazero.Runtime, wazero.CompiledModule, error) {
	shared.once.Do(func() {
		shared.begun.Store(true)
		ctx := context.Background()
		rt := wazero.NewRuntimeWithConfig(ctx, runtimeConfig())
		if err := linkImports(ctx, rt); err != nil {
			shared.err = err
			return
		}
		shared.compiled, shared.err = rt.CompileModule(ctx, coreModule)
		shared.rt = rt
	})
	return shared.rt, shared.compiled, shared.err
}

type importsKey struct{}

func importsFrom(ctx context.Context) Imports { return ctx.Value(importsKey{}).(Imports) }

type hostImports struct {
	clock  func() time.Time
	facts  DeviceFacts
	store  Store
	random io.Reader
}

func (h *hostImports) ClockNowMs() uint64 {
	t := h.clock()
	if t.IsZero() {
		// No reading: the call traps (wazero returns the panic as the
		// call's error) and the failure rule answers.
		panic("the clock has no reading")
	}
	ms := t.UnixMilli()
	if ms < 0 {
		return 0
	}
	return uint64(ms)
}
func (h *hostImports) DeviceFacts() DeviceFacts { return h.facts }
func (h *hostImports) StoreLoad(slot string) *string {
	if v, ok := h.store.Load(slot); ok {
		return &v
	}
	return nil
}
func (h *hostImports) StoreSave(slot, data string) *string {
	// The core reports a failed write as `state-not-saved`, with this reason.
	if err := h.store.Save(slot, data); err != nil {
		why := err.Error()
		return &why
	}
	return nil
}
func (h *hostImports) StoreNewestChange() uint64 {
	if n, ok := h.store.(NewestChanger); ok {
		if ms := n.NewestChange(); ms > 0 {
			return uint64(ms)
		}
	}
	return 0
}
func (h *hostImports) RandomBytes(n uint32) []byte {
	if n > 4096 {
		n = 4096
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(h.random, b); err != nil {
		panic(fmt.Errorf("licensewarden: no randomness: %w", err))
	}
	return b
}

// lockedStore serialises a user's Store: the core saves from inside calls
// that may run while another goroutine's background check loads.
type lockedStore struct {
	mu sync.Mutex
	s  Store
}

func (s *lockedStore) Load(slot string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.s.Load(slot)
}
func (s *lockedStore) Save(slot, data string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.s.Save(slot, data)
}
func (s *lockedStore) NewestChange() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := s.s.(NewestChanger); ok {
		return n.NewestChange()
	}
	return 0
}

// start instantiates and configures a fresh instance (l.mu held).
func (l *Licensing) start() error {
	rt, compiled, err := runtimeAndModule()
	if err != nil {
		return internalError("compiling the core module", err)
	}
	mod, err := rt.InstantiateModule(l.ctx, compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions("_initialize"))
	if err != nil {
		return internalError("instantiating the core module", err)
	}
	g, err := bindExports(mod)
	if err != nil {
		closeModule(l.ctx, mod)
		return internalError("binding the core module", err)
	}
	keys := append([]TrustedKey(nil), l.cfg.TrustedKeys...)
	var online *OnlineConfig
	if o := l.cfg.Online; o != nil {
		online = &OnlineConfig{ServerURL: o.ServerURL, ServerKeys: o.ServerKeys, LeaseHours: o.LeaseHours, GraceHours: o.GraceHours, NetworkEnv: networkEnv(l.cfg.Getenv)}
		if o.StatusToken != "" {
			online.StatusToken = &o.StatusToken
		}
		if o.Proxy != "" {
			online.Proxy = &o.Proxy
		}
		if o.CAFile != "" {
			online.CaFile = &o.CAFile
		}
		// The setting, else <PRODUCT>_LICENSE_AGENT (docs/agent.md).
		agent := o.Agent
		if agent == "" {
			if p, err := g.KeyPlaces(l.ctx, l.product); err == nil {
				agent = l.cfg.Getenv(p.AgentVar)
			}
		}
		if agent != "" {
			online.Agent = &agent
		}
	}
	r, err := g.Configure(l.ctx, CoreConfig{TrustedKeys: keys, PolicyJSON: l.cfg.Policy, DemoMode: l.cfg.DemoMode, Online: online, GatewayCacheBytes: l.cfg.GatewayCacheBytes})
	if err != nil {
		closeModule(l.ctx, mod)
		return internalError("configure", err)
	}
	if r.IsErr {
		closeModule(l.ctx, mod)
		return &r.Err
	}
	// A fresh instance after a trap must not lose the access policy: no
	// policy would mean full access.
	if l.access != nil {
		r, err := g.SetAccessPolicy(l.ctx, l.access)
		if err != nil || r.IsErr {
			closeModule(l.ctx, mod)
			if err != nil {
				return internalError("set-access-policy", err)
			}
			return &r.Err
		}
	}
	// A policy refused since, refused again: with none accepted the core
	// denies everyone, and so must the fresh instance.
	if l.accessRefused != nil {
		if _, err := g.SetAccessPolicy(l.ctx, l.accessRefused); err != nil {
			closeModule(l.ctx, mod)
			return internalError("set-access-policy", err)
		}
	}
	// ...nor the license: until the next refresh every call would otherwise
	// be answered for the community tier (and an access policy would go
	// unenforced).
	if l.loaded != nil {
		if _, err := g.Load(l.ctx, *l.loaded); err != nil {
			closeModule(l.ctx, mod)
			return internalError("load", err)
		}
	}
	if err := l.askFailureAnswers(g); err != nil {
		closeModule(l.ctx, mod)
		return internalError("failure-answers", err)
	}
	l.guest, l.mod = g, mod
	return nil
}

// askFailureAnswers keeps the core's answers for while it cannot run.
func (l *Licensing) askFailureAnswers(g *exports) error {
	f, err := g.FailureAnswers(l.ctx)
	if err == nil {
		l.failure.Store(&f)
	}
	return err
}

// failed answers a call the core could not: the failure is logged in the
// runtime's words and the call gets the core's failure error (fail closed).
// Before any core ever ran there are no failure answers: the runtime's own
// error then.
func (l *Licensing) failed(what string, err error) *Error {
	l.logger().Error("licensewarden: the core failed; every licensed request is refused until it is re-created (at the next call)",
		"call", what, "error", capped(err.Error(), 512))
	if f := l.failure.Load(); f != nil {
		e := f.Error
		return &e
	}
	return internalError(what, err)
}

// failureAnswers is the core's answers while it cannot run (nil before
// any core ran).
func (l *Licensing) failureAnswers() *FailureAnswers { return l.failure.Load() }

// failureSnapshot is the snapshot while the core cannot run.
func (l *Licensing) failureSnapshot(e *Error) Snapshot {
	if f := l.failureAnswers(); f != nil {
		return f.Snapshot
	}
	return Snapshot{Status: StatusInvalid, Blocking: true, Error: e}
}

// capped is s cut to at most n bytes on a rune boundary (slog's handlers
// escape what they print).
func capped(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// enter runs fn on the guest under the lock. A trap drops the instance (it
// may be in any state); the next call starts a fresh one with the same
// configuration, key and access policy.
func (l *Licensing) enter(what string, fn func(g *exports) error) *Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls.Add(1)
	if l.guest == nil {
		if err := l.start(); err != nil {
			if e, ok := err.(*Error); ok && e.Code != CodeInternal {
				return e
			}
			return l.failed("re-creating the core for "+what, err)
		}
	}
	if err := fn(l.guest); err != nil {
		// The instance may be in any state: drop it. l.loaded stays, so the
		// next start loads the same key into the fresh one.
		closeModule(l.ctx, l.mod)
		l.guest, l.mod = nil, nil
		return l.failed(what, err)
	}
	return nil
}

// logEvents logs the core's lines (the status at start and when it
// changes, caps newly exceeded, online checks newly failing or succeeding
// again) through Config.Logger at their levels. An unchanged status with
// nothing queued costs no call.
func (l *Licensing) logEvents(status Status, queued bool) {
	l.mu.Lock()
	before := l.logged
	l.mu.Unlock()
	if before != nil && *before == status && !queued {
		return
	}
	var events []LicenseEvent
	if l.enter("events", func(g *exports) (err error) { events, err = g.Events(l.ctx, before); return }) != nil {
		return
	}
	l.mu.Lock()
	l.logged = &status
	l.mu.Unlock()
	levels := [...]slog.Level{LogLevelInfo: slog.LevelInfo, LogLevelWarn: slog.LevelWarn, LogLevelError: slog.LevelError}
	for _, e := range events {
		level := slog.LevelWarn
		if int(e.Level) < len(levels) {
			level = levels[e.Level]
		}
		l.logger().Log(l.ctx, level, "licensewarden: "+e.Message)
	}
}
