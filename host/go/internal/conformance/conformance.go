// Package conformance runs the shared vectors (tests/vectors) through the Go
// host's public API and prints one canonical JSON line per case, identical
// byte for byte to the Rust, JavaScript and Python runners
// (tests/vectors/README.md).
package conformance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// Facts are the device facts of every case.
var Facts = lw.DeviceFacts{MAC: "02:00:00:00:00:01", Hostname: "vector-host", Arch: "x86_64", OS: "linux"}

// Case is one vector, kept as decoded JSON plus the fields the runner reads.
type Case struct {
	ID         string                     `json:"id"`
	Op         string                     `json:"op"`
	NowMs      int64                      `json:"now_ms"`
	Key        *string                    `json:"key"`
	Config     caseConfig                 `json:"config"`
	Token      string                     `json:"token"`
	Feature    *string                    `json:"feature"`
	Cap        string                     `json:"cap"`
	Current    uint64                     `json:"current"`
	Path       string                     `json:"path"`
	Usage      [][]any                    `json:"usage"`
	SigningKey lw.TrustedKey              `json:"signing_key"`
	Message    string                     `json:"message"`
	Signature  string                     `json:"signature"`
	Facts      *lw.DeviceFacts            `json:"facts"`
	Steps      []step                     `json:"steps"`
	Product    string                     `json:"product"`
	Env        map[string]string          `json:"env"`
	Files      map[string]json.RawMessage `json:"files"`
	Home       *string                    `json:"home"`
	Headers    map[string]*string         `json:"headers"`
	Requests   []gatewayRequest           `json:"requests"`
	File       json.RawMessage            `json:"file"`
	Mode       uint32                     `json:"mode"`
	Expect     any                        `json:"expect"`
	// authorize: policies applied in order, then the checks.
	RbacPolicies []*string     `json:"rbac_policies"`
	Checks       []accessCheck `json:"checks"`
}

// accessCheck is one question of an authorize case.
type accessCheck struct {
	Roles  []string `json:"roles"`
	Groups []string `json:"groups"`
	Action string   `json:"action"`
	Verb   string   `json:"verb"`
}

// gatewayRequest is one request of a gateway_requests case.
type gatewayRequest struct {
	Headers map[string]*string `json:"headers"`
	Path    string             `json:"path"`
	Feature *string            `json:"feature"`
	NowMs   int64              `json:"now_ms"`
}

type caseConfig struct {
	TrustedKeys []lw.TrustedKey `json:"trusted_keys"`
	Policy      json.RawMessage `json:"policy"`
	PolicyJSON  *string         `json:"policy_json"`
	DemoMode    bool            `json:"demo_mode"`
	Online      *struct {
		ServerURL   string            `json:"server_url"`
		ServerKeys  []lw.TrustedKey   `json:"server_keys"`
		LeaseHours  uint32            `json:"lease_hours"`
		GraceHours  uint32            `json:"grace_hours"`
		StatusToken *string           `json:"status_token"`
		Proxy       *string           `json:"proxy"`
		CAFile      *string           `json:"ca_file"`
		Agent       *string           `json:"agent"`
		ProxyEnv    map[string]string `json:"proxy_env"`
	} `json:"online"`
}

type step struct {
	Do      string  `json:"do"`
	At      *int64  `json:"at"`
	Action  string  `json:"action"`
	Value   *string `json:"value"`
	Slot    string  `json:"slot"`
	Newest  int64   `json:"newest_change"`
	Path    string  `json:"path"`
	Token   *string `json:"token"`
	Feature *string `json:"feature"`
	Error   *string `json:"error"`
	// install: the activation file's text.
	File string `json:"file"`
	// failure: "broken" stops the clock, "ok" starts it again.
	Clock    string `json:"clock"`
	Response *struct {
		Status  uint16          `json:"status"`
		Headers json.RawMessage `json:"headers"`
		Body    string          `json:"body"`
	} `json:"response"`
}

// Load reads every case, in file-name order then case order.
func Load(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []Case
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var doc struct{ Cases []Case }
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		all = append(all, doc.Cases...)
	}
	return all, nil
}

// VectorRandom is the k-th draw of the vectors' random source:
// sha256("licensewarden/vector-random/<k>")[..len].
type vectorRandom struct{ draws int }

func (v *vectorRandom) Read(p []byte) (int, error) {
	sum := sha256.Sum256([]byte("licensewarden/vector-random/" + strconv.Itoa(v.draws)))
	v.draws++
	return copy(p, sum[:]), nil
}

func (c *Case) settings() lw.Config {
	policy := ""
	switch {
	case c.Config.PolicyJSON != nil:
		policy = *c.Config.PolicyJSON
	case len(c.Config.Policy) > 0 && string(c.Config.Policy) != "null":
		var v any
		_ = json.Unmarshal(c.Config.Policy, &v)
		policy = string(Canonical(v))
	}
	none := ""
	cfg := lw.Config{
		Product:     "vectors",
		TrustedKeys: c.Config.TrustedKeys,
		Policy:      policy,
		DemoMode:    c.Config.DemoMode,
		Key:         c.Key,
		Getenv:      func(string) string { return "" },
		Home:        &none,
		Clock:       func() time.Time { return time.UnixMilli(c.NowMs) },
		DeviceFacts: &Facts,
		Store:       lw.MemoryStore(),
		// Lines are output here; log lines are not.
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if o := c.Config.Online; o != nil {
		cfg.Online = &lw.OnlineSettings{ServerURL: o.ServerURL, ServerKeys: o.ServerKeys, LeaseHours: o.LeaseHours, GraceHours: o.GraceHours, NoBackground: true, StatusToken: deref(o.StatusToken), Proxy: deref(o.Proxy), CAFile: deref(o.CAFile), Agent: deref(o.Agent)}
		// The environment the host hands over: the proxy variables only.
		cfg.Getenv = func(k string) string { return o.ProxyEnv[k] }
	}
	return cfg
}

type obj = map[string]any

func errorOutcome(err error) obj {
	var e *lw.Error
	if !errors.As(err, &e) {
		panic(err)
	}
	return obj{"ok": false, "code": e.Code.String(), "details": details(e)}
}

func details(e *lw.Error) obj {
	d := obj{}
	if e != nil {
		for _, x := range e.Details {
			d[x.Key] = x.Value
		}
	}
	return d
}

func code(e *lw.Error) any {
	if e == nil {
		return nil
	}
	return e.Code.String()
}

func opt[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func snapshotOutcome(s lw.Snapshot) obj {
	features := append([]string{}, s.Features...)
	sort.Strings(features)
	return obj{"status": s.Status.String(), "plan": s.Plan, "all_features": s.AllFeatures, "features": features,
		"blocking": s.Blocking, "valid_until": opt(s.ValidUntil), "code": code(s.Error)}
}

func headersList(raw json.RawMessage) []lw.Detail {
	// Keep the answer's header order, as the other hosts do.
	dec := json.NewDecoder(bytes.NewReader(raw))
	var out []lw.Detail
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		k, _ := dec.Token()
		var v string
		_ = dec.Decode(&v)
		out = append(out, lw.Detail{Key: fmt.Sprint(k), Value: v})
	}
	return out
}

func (c *Case) online() obj {
	now := c.NowMs
	store := lw.MemoryStore()
	random := &vectorRandom{}
	make := func() (*lw.Licensing, error) {
		cfg := c.settings()
		cfg.Clock = func() time.Time { return time.UnixMilli(now) }
		cfg.Store = store
		cfg.Random = random
		if c.Facts != nil {
			cfg.DeviceFacts = c.Facts
		}
		return lw.New(context.Background(), cfg)
	}
	lic, lerr := make()
	steps := []any{}
	for _, st := range c.Steps {
		if st.At != nil {
			now = *st.At
		}
		if st.Do == "restart" {
			if lic != nil {
				lic.Close()
			}
			lic, lerr = make()
		}
		if st.Do == "store" {
			slot := st.Slot
			if slot == "" {
				slot = "validation"
			}
			if st.Value != nil {
				_ = store.Save(slot, *st.Value)
			} else {
				store.(interface{ Remove(string) }).Remove(slot)
			}
			steps = append(steps, obj{})
			continue
		}
		if st.Do == "observe" {
			store.(interface{ SetNewestChange(int64) }).SetNewestChange(st.Newest)
			steps = append(steps, obj{})
			continue
		}
		if lerr != nil {
			steps = append(steps, errorOutcome(lerr))
			continue
		}
		steps = append(steps, c.step(lic, st))
	}
	if lic != nil {
		lic.Close()
	}
	return obj{"steps": steps}
}

func (c *Case) step(l *lw.Licensing, st step) obj {
	switch st.Do {
	case "request":
		action, ok := lw.ParseOnlineAction(st.Action)
		if !ok {
			return obj{"ok": false, "code": "unknown-action:" + st.Action}
		}
		r, err := l.OnlineRequest(action)
		if err != nil {
			return errorOutcome(err)
		}
		if r == nil {
			return obj{"request": nil}
		}
		h := obj{}
		for _, d := range r.Headers {
			h[d.Key] = d.Value
		}
		return obj{"request": obj{"method": r.Method, "url": r.URL, "headers": h, "body": r.Body}}
	case "answer":
		var resp *lw.Response
		var failure error
		if st.Error != nil {
			failure = errors.New(*st.Error)
		} else if st.Response != nil {
			resp = &lw.Response{Status: st.Response.Status, Headers: headersList(st.Response.Headers), Body: st.Response.Body}
		}
		out, err := l.ApplyResponse(resp, failure)
		if err != nil {
			return errorOutcome(err)
		}
		return obj{"code": code(out.Error), "details": details(out.Error), "status": out.Snapshot.Status.String()}
	case "offline_request":
		file, err := l.OfflineRequest()
		if err != nil {
			return errorOutcome(err)
		}
		return obj{"file": file}
	case "install":
		out, err := l.InstallActivation(st.File)
		if err != nil {
			return errorOutcome(err)
		}
		return obj{"code": code(out.Error), "details": details(out.Error), "status": out.Snapshot.Status.String()}
	case "snapshot", "restart":
		return snapshotOutcome(l.Snapshot())
	case "info":
		i := l.Info()
		var online any
		if on := i.Online; on != nil {
			online = obj{"server_url": on.ServerURL, "last_validated": opt(on.LastValidated), "next_check": opt(on.NextCheck),
				"grace_ends": opt(on.GraceEnds), "devices_registered": opt(on.DevicesRegistered), "devices_max": opt(on.DevicesMax),
				"last_error": code(on.LastError), "state_error": code(on.StateError), "terms_changed": opt(on.TermsChanged),
				"activation_ends": opt(on.ActivationEnds)}
		}
		return obj{"status": i.Status.String(), "valid": i.Valid, "plan": i.Plan, "expires_at": opt(i.ExpiresAt),
			"code": code(i.Error), "online": online}
	case "gate":
		g := l.Gate(st.Path, deref(st.Feature))
		return obj{"allow": g.Allow, "status": g.HTTPStatus, "code": code(g.Error)}
	case "gate_key":
		d := l.GateKey(deref(st.Token), st.Path, deref(st.Feature))
		return obj{"allow": d.Allow, "status": d.HTTPStatus, "code": code(d.Err()), "license_id": opt(d.LicenseID)}
	}
	return obj{"ok": false, "code": "unknown-step:" + st.Do}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// resolve runs a `resolve` case: the files in a fresh directory, `$DIR`
// standing for it.
func (c *Case) resolve() obj {
	dir, err := os.MkdirTemp("", "lw-resolve-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		panic(err)
	}
	writeFixtures(dir, c.Files)
	sub := func(s string) string { return strings.ReplaceAll(s, "$DIR", dir) }
	home := ""
	if c.Home != nil {
		home = sub(*c.Home)
	}
	getenv := func(k string) string { return sub(c.Env[k]) }
	k := lw.ResolveKey(c.Product, getenv, home)
	out := obj{"token": nil, "source": nil, "unreadable": nil, "error": nil}
	switch k.Case {
	case lw.KeyInputNone:
		out["source"] = "none"
	case lw.KeyInputKey:
		out["token"], out["source"] = k.Key.Token, strings.ReplaceAll(k.Key.Source, dir, "$DIR")
	case lw.KeyInputUnreadable:
		out["source"] = strings.ReplaceAll(k.Unreadable.Source, dir, "$DIR")
		out["unreadable"] = k.Unreadable.Reason.String()
		// What the core makes of it, through the public API.
		l, err := lw.New(context.Background(), lw.Config{Product: c.Product, Getenv: getenv, Home: &home,
			Clock: func() time.Time { return time.UnixMilli(0) }, DeviceFacts: &Facts, Store: lw.MemoryStore(),
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			panic(err)
		}
		defer l.Close()
		e := l.Info().Error
		out["error"] = obj{"code": e.Code.String(), "message": strings.ReplaceAll(e.Message, dir, "$DIR")}
	}
	return out
}

// failure runs a `failure` case: steps through one instance whose clock
// stops reading (the zero time) and reads again.
func (c *Case) failure() obj {
	broken := false
	cfg := c.settings()
	cfg.Clock = func() time.Time {
		if broken {
			return time.Time{}
		}
		return time.UnixMilli(c.NowMs)
	}
	// The failures are the point here: their log lines are not.
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	l, err := lw.New(context.Background(), cfg)
	if err != nil {
		return errorOutcome(err)
	}
	defer l.Close()
	var steps []any
	for _, st := range c.Steps {
		switch st.Clock {
		case "broken":
			broken = true
		case "ok":
			broken = false
		}
		switch st.Do {
		case "snapshot":
			s := l.Snapshot()
			steps = append(steps, obj{"status": s.Status.String(), "plan": s.Plan, "blocking": s.Blocking, "code": code(s.Error)})
		case "gate":
			g := l.Gate(st.Path, deref(st.Feature))
			steps = append(steps, obj{"allow": g.Allow, "status": g.HTTPStatus, "body": g.Body})
		case "check_feature":
			if err := l.CheckFeature(deref(st.Feature)); err != nil {
				steps = append(steps, obj{"ok": false, "code": code(err.(*lw.Error))})
			} else {
				steps = append(steps, obj{"ok": true})
			}
		case "metrics":
			steps = append(steps, obj{"metrics": l.Metrics()})
		case "info_json":
			steps = append(steps, obj{"json": l.InfoJSON()})
		default:
			steps = append(steps, obj{"ok": false, "code": "unknown-step:" + st.Do})
		}
	}
	return obj{"steps": steps}
}

// Outcome runs one case.
func Outcome(c Case) obj {
	if c.Op == "online" {
		return c.online()
	}
	if c.Op == "resolve" {
		return c.resolve()
	}
	if c.Op == "gateway_key" || c.Op == "gateway" || c.Op == "gateway_requests" {
		return c.gateway()
	}
	if c.Op == "key_file" {
		return c.keyFile()
	}
	if c.Op == "failure" {
		return c.failure()
	}
	l, err := lw.New(context.Background(), c.settings())
	if err != nil {
		return errorOutcome(err)
	}
	defer l.Close()
	switch c.Op {
	case "configure":
		return obj{"ok": true}
	case "proxy_route":
		req, err := l.OnlineRequest(lw.OnlineActionActivate)
		if err != nil {
			return errorOutcome(err)
		}
		out := obj{"route": nil, "ca_file": nil}
		if req == nil {
			return out
		}
		out["ca_file"] = opt(req.CaFile)
		if req.Proxy != nil {
			var auth any
			if a := req.Proxy.Authorization; a != nil {
				auth = *a
			}
			out["route"] = obj{"url": req.Proxy.URL, "authorization": auth}
		}
		return out
	case "verify":
		lic, err := l.Verify(c.Token)
		if err != nil {
			return errorOutcome(err)
		}
		limits := obj{}
		for _, x := range lic.Limits {
			limits[x.Name] = x.Max
		}
		return obj{"ok": true, "license": obj{"id": lic.ID, "org": lic.Org, "plan": lic.Plan, "kid": lic.Kid,
			"features": nonNil(lic.Features), "limits": limits, "issued_at": lic.IssuedAt, "not_before": opt(lic.NotBefore),
			"expires_at": opt(lic.ExpiresAt), "extra": lic.ExtraJSON}}
	case "info":
		i := l.Info()
		features, limits := obj{}, obj{}
		for _, f := range i.Features {
			features[f.Name] = f.Enabled
		}
		for _, x := range i.Limits {
			limits[x.Name] = obj{"max": x.Max, "current": x.Current, "soft": x.Soft}
		}
		return obj{"info": obj{"valid": i.Valid, "status": i.Status.String(), "plan": i.Plan, "license_id": opt(i.LicenseID),
			"org": opt(i.Org), "kid": opt(i.Kid), "key_source": i.KeySource, "features": features, "limits": limits,
			"issued_at": opt(i.IssuedAt), "expires_at": opt(i.ExpiresAt), "expires_text": opt(i.ExpiresText),
			"days_remaining": opt(i.DaysRemaining), "demo": i.Demo, "device_id": i.DeviceID, "error_code": code(i.Error)},
			"json": l.InfoJSON()}
	case "check_feature":
		if err := l.CheckFeature(deref(c.Feature)); err != nil {
			return errorOutcome(err)
		}
		return obj{"ok": true}
	case "check_cap":
		r := l.CheckCap(c.Cap, c.Current)
		return obj{"outcome": r.Outcome.String(), "max": r.Max, "current": r.Current, "code": code(r.Error)}
	case "gate":
		g := l.Gate(c.Path, deref(c.Feature))
		return obj{"allow": g.Allow, "status": g.HTTPStatus, "code": code(g.Error), "body": g.Body}
	case "metrics":
		for _, u := range c.Usage {
			name, _ := u[0].(string)
			n, _ := u[1].(float64)
			l.CheckCap(name, uint64(n))
		}
		return obj{"metrics": l.Metrics()}
	case "signature":
		if err := l.CheckSignature(c.SigningKey, c.Message, c.Signature); err != nil {
			return errorOutcome(err)
		}
		return obj{"ok": true}
	case "authorize":
		errs := []any{}
		for _, p := range c.RbacPolicies {
			if err := l.SetAccessPolicy(p); err != nil {
				errs = append(errs, errorOutcome(err))
			} else {
				errs = append(errs, nil)
			}
		}
		decisions := []any{}
		for _, k := range c.Checks {
			d := l.Authorize(lw.AccessSubject{Roles: nonNil(k.Roles), Groups: nonNil(k.Groups)}, k.Action, k.Verb)
			decisions = append(decisions, obj{"allow": d.Allow, "role": orNull(d.Role), "pattern": orNull(d.Pattern), "reason": d.Reason, "body": d.Body})
		}
		var info map[string]any
		if err := json.Unmarshal([]byte(l.InfoJSON()), &info); err != nil {
			return obj{"ok": false, "code": "info-json:" + err.Error()}
		}
		return obj{"policy_errors": errs, "decisions": decisions, "access": info["access"]}
	}
	return obj{"ok": false, "code": "unknown-op:" + c.Op}
}

// orNull is an optional string as the canonical writer takes it.
func orNull(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Line is the case's conformance line.
func Line(c Case) string {
	o := Outcome(c)
	o["id"] = c.ID
	return string(Canonical(o))
}

// Canonical JSON: keys sorted by code point, no whitespace, integers as
// integers, strings escaped as JSON.stringify does.
func Canonical(v any) []byte {
	var b strings.Builder
	writeCanonical(&b, v)
	return []byte(b.String())
}

func writeCanonical(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		writeString(b, x)
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case uint32:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint16:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		if x == float64(int64(x)) {
			b.WriteString(strconv.FormatInt(int64(x), 10))
		} else {
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case []string:
		b.WriteByte('[')
		for i, s := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, s)
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			writeCanonical(b, x[k])
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("canonical: unsupported %T", v))
	}
}

func writeString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

// Matches reports whether actual contains expected: objects compared
// recursively, arrays element by element, other values exactly.
func Matches(expected, actual any) bool {
	switch e := expected.(type) {
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range e {
			if !Matches(v, a[k]) {
				return false
			}
		}
		return true
	case []any:
		a, ok := actual.([]any)
		if !ok || len(a) != len(e) {
			return false
		}
		for i := range e {
			if !Matches(e[i], a[i]) {
				return false
			}
		}
		return true
	}
	return bytes.Equal(Canonical(expected), Canonical(actual))
}

// Normalise turns an outcome into plain decoded JSON (for Matches).
func Normalise(o obj) any {
	var v any
	_ = json.Unmarshal(Canonical(o), &v)
	return v
}

// gateway runs a gateway_key or gateway case: the key rule, and one request
// through the Gateway.
func (c Case) gateway() obj {
	header := func(name string) string {
		if v := c.Headers[name]; v != nil {
			return *v
		}
		return ""
	}
	key := lw.KeyFromValues(header("authorization"), header("x-license-key"))
	if c.Op == "gateway_key" {
		if key == "" {
			return obj{"key": nil}
		}
		return obj{"key": key}
	}
	cfg := c.settings()
	// A gateway keeps no key, environment, home or store of its own.
	cfg.Key, cfg.Getenv, cfg.Home, cfg.Store, cfg.ReloadInterval = nil, nil, nil, nil, 0
	gw, err := lw.NewGateway(context.Background(), cfg)
	if err != nil {
		return errorOutcome(err)
	}
	defer gw.Close()
	if c.Op == "gateway_requests" {
		outcomes := []any{}
		for _, r := range c.Requests {
			c.NowMs = r.NowMs // the gateway's clock reads c
			h := func(name string) string {
				if v := r.Headers[name]; v != nil {
					return *v
				}
				return ""
			}
			feature := ""
			if r.Feature != nil {
				feature = *r.Feature
			}
			outcomes = append(outcomes, decisionOutcome(gw, lw.KeyFromValues(h("authorization"), h("x-license-key")), r.Path, feature))
		}
		s := gw.Stats()
		return obj{"outcomes": outcomes, "cached_keys": s.CachedKeys, "rejected_keys": s.RejectedKeys}
	}
	feature := ""
	if c.Feature != nil {
		feature = *c.Feature
	}
	return decisionOutcome(gw, key, c.Path, feature)
}

// decisionOutcome is one request's status and the code in its body.
func decisionOutcome(gw *lw.Gateway, key, path, feature string) obj {
	if _, d := gw.Decide(key, path, feature); d != nil {
		var body struct {
			Error struct {
				Code *string `json:"code"`
			} `json:"error"`
		}
		_ = json.Unmarshal([]byte(d.Body), &body)
		var code any
		if body.Error.Code != nil {
			code = *body.Error.Code
		}
		return obj{"status": int(d.HTTPStatus), "code": code}
	}
	return obj{"status": 200, "code": nil}
}

// writeFixtures writes a case's files (tests/vectors/README.md) under dir.
func writeFixtures(dir string, files map[string]json.RawMessage) {
	for rel, raw := range files {
		path := filepath.Join(dir, strings.TrimSuffix(rel, "/"))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			panic(err)
		}
		var text string
		var spec struct {
			Dir    bool    `json:"dir"`
			Hex    *string `json:"hex"`
			Repeat string  `json:"repeat"`
			Count  int     `json:"count"`
		}
		var data []byte
		switch {
		case json.Unmarshal(raw, &text) == nil:
			data = []byte(text)
		case json.Unmarshal(raw, &spec) == nil && spec.Dir:
			if err := os.MkdirAll(path, 0o755); err != nil {
				panic(err)
			}
			continue
		case spec.Hex != nil:
			data, _ = hex.DecodeString(*spec.Hex)
		default:
			data = []byte(strings.Repeat(spec.Repeat, spec.Count))
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			panic(err)
		}
	}
}

// keyFile runs a key_file case: the file at $DIR/key.json with its mode,
// read as a trusted key.
func (c *Case) keyFile() obj {
	dir, err := os.MkdirTemp("", "lw-key-file-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	writeFixtures(dir, map[string]json.RawMessage{"key.json": c.File})
	path := filepath.Join(dir, "key.json")
	if err := os.Chmod(path, os.FileMode(c.Mode)); err != nil {
		panic(err)
	}
	k, err := lw.TrustedKeyFromFile(path)
	if err != nil {
		var e *lw.Error
		if errors.As(err, &e) {
			return obj{"ok": false, "code": e.Code.String(), "message": strings.ReplaceAll(e.Message, dir, "$DIR")}
		}
		return obj{"ok": false, "code": "internal"}
	}
	return obj{"key": obj{"kid": k.Kid, "algorithm": k.Algorithm.String(), "key": k.Key}}
}
