package licensewarden

// Where the access (RBAC) policy comes from, when it is re-read, the
// decision memo and the net/http middleware. The decisions are the core's
// (docs/rbac.md); this file reads bytes, watches a file's modification time
// and logs, with the same rules as every host:
//
//   - Config.AccessPolicy (text), else Config.AccessPolicyFile, else
//     <PREFIX>_RBAC_POLICY (inline), else <PREFIX>_RBAC_POLICY_FILE; the plain
//     RBAC_POLICY / RBAC_POLICY_FILE only with Config.RBACPlainEnv;
//   - a file is read bounded (1 MiB), regular files only, non-blocking; one
//     that cannot be read at start fails New naming it;
//   - its (mtime, size, inode) is looked at every AccessReloadInterval (or
//     <PREFIX>_RBAC_RELOAD_INTERVAL seconds; default 30 s; negative or "0":
//     never), at the next decision after the interval.

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// MaxPolicyBytes is the largest access policy read, as the core's cap.
const MaxPolicyBytes = 1 << 20

// DefaultAccessReloadInterval is how often the policy file is looked at.
const DefaultAccessReloadInterval = 30 * time.Second

const maxAccessMemo = 4096

type accessSource struct {
	origin string
	text   *string // inline text; nil for a file
	file   string

	mu       sync.Mutex
	interval time.Duration
	stamp    string
	nextLook time.Time
}

func policyStamp(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	ino := uint64(0)
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		ino = s.Ino
	}
	return fmt.Sprintf("%d:%d:%d", st.ModTime().UnixNano(), st.Size(), ino)
}

func resolveAccess(cfg *Config, product string) (*accessSource, error) {
	if cfg.AccessPolicy != nil {
		t := *cfg.AccessPolicy
		return &accessSource{origin: "explicit", text: &t}, nil
	}
	src := &accessSource{}
	if cfg.AccessPolicyFile != "" {
		src.origin, src.file = "file:"+cfg.AccessPolicyFile, cfg.AccessPolicyFile
	}
	p, err := places(product)
	if err != nil {
		return nil, err
	}
	names := []string{p.Prefix + "_RBAC_POLICY"}
	if cfg.RBACPlainEnv {
		names = append(names, "RBAC_POLICY")
	}
	for _, n := range names {
		if src.origin != "" {
			break
		}
		if v := cfg.Getenv(n); strings.TrimSpace(v) != "" {
			return &accessSource{origin: "env:" + n, text: &v}, nil
		}
		if f := strings.TrimSpace(cfg.Getenv(n + "_FILE")); f != "" {
			src.origin, src.file = "env:"+n+"_FILE", f
		}
	}
	if src.origin == "" {
		return nil, nil
	}
	src.interval = cfg.AccessReloadInterval
	if src.interval == 0 {
		src.interval = DefaultAccessReloadInterval
		for _, n := range names {
			v := strings.TrimSpace(cfg.Getenv(strings.TrimSuffix(n, "_RBAC_POLICY") + "_RBAC_RELOAD_INTERVAL"))
			if n == "RBAC_POLICY" {
				v = strings.TrimSpace(cfg.Getenv("RBAC_RELOAD_INTERVAL"))
			}
			if v == "" {
				continue
			}
			secs, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(secs) || math.IsInf(secs, 0) || secs > 1e9 {
				e := configError(fmt.Sprintf("%s_RBAC_RELOAD_INTERVAL=%q is not a number of seconds; set it to e.g. 30, or 0 to never re-read the file", strings.TrimSuffix(n, "_RBAC_POLICY"), v))
				return nil, e
			}
			src.interval = time.Duration(secs * float64(time.Second))
			if secs <= 0 {
				src.interval = -1
			}
			break
		}
	}
	src.stamp = policyStamp(src.file)
	src.nextLook = time.Now().Add(src.interval)
	return src, nil
}

// read is the policy's text; an unreadable file is an invalid-config error
// naming it.
func (s *accessSource) read() (string, error) {
	if s.text != nil {
		return *s.text, nil
	}
	b, err := ReadBounded(s.file, MaxPolicyBytes)
	if err != nil {
		e := configError(fmt.Sprintf("the RBAC policy file %q cannot be read (%s); fix the path or its permissions, or unset the setting", s.file, whyUnreadable(err)))
		e.Details = []Detail{{Key: "field", Value: "RBAC_POLICY_FILE"}}
		return "", e
	}
	return string(b), nil
}

// due reports whether the file changed since it was read, looking no more
// than once per interval.
func (s *accessSource) due() bool {
	if s.text != nil || s.interval < 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if now.Before(s.nextLook) {
		return false
	}
	s.nextLook = now.Add(s.interval)
	return policyStamp(s.file) != s.stamp
}

// accessMemo holds decisions for one snapshot and policy.
type accessMemo struct {
	mu sync.Mutex
	m  map[string]AccessDecision
}

// appendAccessKey appends the memo key of a question to b. Callers look it
// up as m[string(b)], which Go does without allocating, and b starts on
// the caller's stack: a memo hit allocates nothing for the usual question.
func appendAccessKey(b []byte, s AccessSubject, action, verb string) []byte {
	for _, r := range s.Roles {
		b = append(b, r...)
		b = append(b, 0)
	}
	b = append(b, 1)
	for _, g := range s.Groups {
		b = append(b, g...)
		b = append(b, 0)
	}
	b = append(b, 1)
	b = append(b, action...)
	b = append(b, 1)
	return append(b, verb...)
}

func (l *Licensing) startAccess() error {
	src, err := resolveAccess(&l.cfg, l.product)
	if err != nil || src == nil {
		return err
	}
	l.accessSrc = src
	text, err := src.read()
	if err != nil {
		return err
	}
	if err := l.SetAccessPolicy(&text); err != nil {
		// The core now denies everyone until a good policy arrives; info
		// and metrics say why.
		l.logger().Error("licensewarden: RBAC policy refused", "source", src.origin, "error", err.Error())
	}
	return nil
}

func (l *Licensing) logger() *slog.Logger {
	if l.cfg.Logger != nil {
		return l.cfg.Logger
	}
	return slog.Default()
}

// ReloadAccessPolicy re-reads the configured policy now (the POST
// /admin/rbac/reload of docs/rbac.md). An unreadable or refused policy is
// an error and the policy in force stays.
func (l *Licensing) ReloadAccessPolicy() error {
	src := l.accessSrc
	if src == nil {
		return nil
	}
	stamp := policyStamp(src.file)
	text, err := src.read()
	if err != nil {
		return err
	}
	if err := l.SetAccessPolicy(&text); err != nil {
		return err
	}
	src.mu.Lock()
	src.stamp = stamp
	src.mu.Unlock()
	l.logger().Info("licensewarden: RBAC policy reloaded", "source", src.origin)
	return nil
}

// Authorize says whether subject may run verb on action under the access
// policy (allowed when there is none or the plan lacks rbac; the reason
// says which); a denial's Body is the 403 every host answers with. It fails
// closed: a core failure denies. Decisions are remembered per policy and
// snapshot, and each is logged at debug level.
func (l *Licensing) Authorize(subject AccessSubject, action, verb string) AccessDecision {
	if src := l.accessSrc; src != nil && src.due() {
		if err := l.ReloadAccessPolicy(); err != nil {
			l.logger().Warn("licensewarden: RBAC policy reload refused, the previous policy stays", "source", src.origin, "error", err.Error())
		}
	}
	gen := l.accessGen.Load()
	c := l.memoCache()
	var buf [256]byte
	key := appendAccessKey(buf[:0], subject, action, verb)
	var d AccessDecision
	ok := false
	if c != nil {
		c.access.mu.Lock()
		d, ok = c.access.m[string(key)]
		c.access.mu.Unlock()
	}
	if !ok {
		if e := l.enter("authorize", func(g *exports) (err error) { d, err = g.Authorize(l.ctx, subject, action, verb); return }); e != nil {
			body, _ := json.Marshal(map[string]any{"error": map[string]any{"code": e.Code, "details": map[string]string{}, "message": e.Message}})
			d = AccessDecision{Allow: false, Reason: e.Message, Body: string(body)}
		} else if c != nil && l.cache.Load() == c && l.accessGen.Load() == gen {
			c.access.mu.Lock()
			if c.access.m == nil {
				c.access.m = map[string]AccessDecision{}
			}
			if len(c.access.m) < maxAccessMemo {
				c.access.m[string(key)] = d
			}
			c.access.mu.Unlock()
		}
	}
	if lg := l.logger(); lg.Enabled(l.ctx, slog.LevelDebug) {
		verdict := "deny"
		if d.Allow {
			verdict = "allow"
		}
		lg.Debug("licensewarden: rbac "+verdict, "action", action, "verb", verb, "role", orEmpty(d.Role), "pattern", orEmpty(d.Pattern), "reason", d.Reason)
	}
	return d
}

// memoCache is the fresh snapshot whose memo may answer, or nil when it
// cannot be had: a host function that panics (a clock, say) must make the
// decision fail closed through the core, not take the caller down.
func (l *Licensing) memoCache() (c *snapshotCache) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	return l.freshCache()
}

func orEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// RequireAction wraps a route gated by the access policy: action names what
// the request runs (a fixed name, or a function of the request such as the
// query name in the path) and subject gives the caller's roles and groups
// from the application's own authentication (an API-key caller as admin,
// say). A denial is a 403 with the core's body naming the action and the
// caller's roles.
func (l *Licensing) RequireAction(action func(*http.Request) string, subject func(*http.Request) AccessSubject, verb string) func(http.Handler) http.Handler {
	if verb == "" {
		verb = "execute"
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			d := l.Authorize(subject(r), action(r), verb)
			if !d.Allow {
				w.Header().Set("content-type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(d.Body))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// AccessReloadHandler is the POST /admin/rbac/reload route: check is the
// vendor's own authentication (false: 401); an unreadable or refused
// policy is a 422 with the error body and the policy in force stays.
func (l *Licensing) AccessReloadHandler(check func(*http.Request) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		if !check(r) {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":{"code":"unauthorized","details":{},"message":"this route needs the vendor's admin credentials"}}`))
			return
		}
		if err := l.ReloadAccessPolicy(); err != nil {
			e, ok := err.(*Error)
			if !ok {
				e = &Error{Code: CodeInternal, Message: err.Error()}
			}
			details := map[string]string{}
			for _, d := range e.Details {
				details[d.Key] = d.Value
			}
			body, _ := json.Marshal(map[string]any{"error": map[string]any{"code": e.Code, "details": details, "message": e.Message}})
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write(body)
			return
		}
		out := map[string]any{"reloaded": true, "access": nil}
		if a := l.Info().Access; a != nil {
			out["access"] = map[string]any{"enforced": a.Enforced, "message": a.Message}
		}
		body, _ := json.Marshal(out)
		_, _ = w.Write(body)
	})
}
