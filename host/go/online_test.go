package licensewarden_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

const adminToken = "go-test-admin-token-0123456789"

// server is the real licensewarden-server (built by `cargo test --workspace`
// in scripts/test.sh) on 127.0.0.1 over SQLite in a temp dir.
type server struct {
	dir, url string
	cmd      *exec.Cmd
}

func startServer(t *testing.T) *server {
	t.Helper()
	bin, _ := filepath.Abs("../../target/debug/licensewarden-server")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: run scripts/test.sh (it builds the server first)", bin)
	}
	s := &server{dir: t.TempDir()}
	s.cmd = exec.Command(bin, "--database", "sqlite://"+filepath.Join(s.dir, "licenses.db"), "--listen", "127.0.0.1:0")
	s.cmd.Dir = s.dir
	s.cmd.Env = append(os.Environ(), "LICENSEWARDEN_ADMIN_TOKEN="+adminToken, "RUST_LOG=warn")
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.stop)
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	for _, w := range strings.Fields(line) {
		if strings.HasPrefix(w, "http://") {
			s.url = w
		}
	}
	return s
}

func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGTERM)
		s.cmd.Wait()
		s.cmd = nil
	}
}

func (s *server) publicKey(t *testing.T) lw.TrustedKey {
	k, err := lw.TrustedKeyFromFile(filepath.Join(s.dir, "server.pub"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (s *server) admin(t *testing.T, method, path string, body any) int {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.url+path, r)
	req.Header.Set("authorization", "Bearer "+adminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (s *server) license(t *testing.T, id string, maxDevices int) string {
	token := issuer.Issue(map[string]any{"id": id, "plan": "pro", "features": []string{"sso"},
		"limits": map[string]any{"max_devices": maxDevices}, "issued_at": "2026-01-01"})
	if code := s.admin(t, "POST", "/admin/licenses", map[string]string{"token": token}); code != 201 {
		t.Fatalf("register license: %d", code)
	}
	return token
}

func (s *server) client(t *testing.T, token string, n int, clock func() time.Time) *lw.Licensing {
	return s.clientWith(t, token, n, clock, lw.MemoryStore())
}

func (s *server) clientWith(t *testing.T, token string, n int, clock func() time.Time, store lw.Store) *lw.Licensing {
	none := ""
	l, err := lw.New(context.Background(), lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token,
		Home: &none, Clock: clock, Store: store,
		DeviceFacts: &lw.DeviceFacts{MAC: fmt.Sprintf("02:00:00:00:03:%02x", n), Hostname: fmt.Sprintf("go-%d", n), Arch: "x86_64", OS: "linux"},
		Online:      &lw.OnlineSettings{ServerURL: s.url, ServerKeys: []lw.TrustedKey{s.publicKey(t)}, Timeout: 3 * time.Second, NoBackground: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestOnlineActivateDeviceLimitAndRevoke(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_life", 2)
	a := s.client(t, token, 1, time.Now)
	if st := a.Snapshot().Status; st != lw.StatusRestricted {
		t.Fatalf("before the first check: %v", st)
	}
	// Refused with the cause (no check yet), not as an upgrade.
	var notYet *lw.Error
	if err := a.CheckFeature("sso"); !errors.As(err, &notYet) || notYet.Code != lw.CodeNotValidated {
		t.Fatalf("restricted must refuse paid features, naming why: %v", err)
	}
	out, err := a.Activate(ctx)
	if err != nil || out.Error != nil || out.Snapshot.Status != lw.StatusActive {
		t.Fatalf("activate: %v %+v", err, out)
	}
	if err := a.CheckFeature("sso"); err != nil {
		t.Fatal(err)
	}
	on := a.Info().Online
	if on == nil || *on.DevicesRegistered != 1 || *on.DevicesMax != 2 {
		t.Fatalf("online info: %+v", on)
	}
	if out, _ := a.ValidateIfDue(ctx); out != nil {
		t.Fatal("no call within the lease")
	}
	if out, _ := s.client(t, token, 2, time.Now).Activate(ctx); out.Error != nil {
		t.Fatalf("second device: %+v", out.Error)
	}
	third, _ := s.client(t, token, 3, time.Now).Activate(ctx)
	if !errors.Is(third.Error, lw.ErrDeviceLimitExceeded) || third.Error.Detail("registered") != "2" || third.Error.Detail("max") != "2" {
		t.Fatalf("third device: %+v", third.Error)
	}
	if code := s.admin(t, "POST", "/admin/licenses/lic_go_life/revoke", nil); code != 200 {
		t.Fatalf("revoke: %d", code)
	}
	revoked, _ := a.ValidateNow(ctx)
	if !errors.Is(revoked.Error, lw.ErrLicenseRevoked) || a.HasFeature("sso") {
		t.Fatalf("after revoke: %+v", revoked.Error)
	}
}

func TestServerGoneGivesGraceThenRestricted(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_grace", 5)
	c := testkit.NewClock(time.Now())
	l := s.client(t, token, 1, c.Now)
	if out, err := l.Activate(ctx); err != nil || out.Error != nil {
		t.Fatalf("activate: %v %+v", err, out)
	}
	s.stop()
	c.Set(c.Now().Add(25 * time.Hour))
	out, err := l.ValidateIfDue(ctx)
	if err != nil || out == nil || !errors.Is(out.Error, lw.ErrOnlineValidation) || out.Error.Code != lw.CodeOffline {
		t.Fatalf("offline check: %v %+v", err, out)
	}
	if st := l.Snapshot().Status; st != lw.StatusGrace || l.CheckFeature("sso") != nil || l.Warning() == "" {
		t.Fatalf("grace: %v, warning %q", st, l.Warning())
	}
	c.Set(c.Now().Add(48 * time.Hour))
	if st := l.Snapshot().Status; st != lw.StatusRestricted || l.HasFeature("sso") {
		t.Fatalf("after grace: %v", st)
	}
}

func TestStateFileThatIsNotUTF8IsTampered(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_state", 2)
	dir := t.TempDir()
	if out, err := s.clientWith(t, token, 1, time.Now, lw.FileStore(dir)).Activate(ctx); err != nil || out.Error != nil {
		t.Fatalf("activate: %v %+v", err, out)
	}
	file := filepath.Join(dir, "validation.state")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	raw[10] ^= 0x80 // a flipped high bit: no longer UTF-8
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	snap := s.clientWith(t, token, 1, time.Now, lw.FileStore(dir)).Snapshot()
	if snap.Error == nil || snap.Error.Code != lw.CodeStateTampered {
		t.Fatalf("a state file that is not UTF-8 must be state-tampered: %+v", snap.Error)
	}
}

func TestRenewUpgradeSuspendAndReinstateReachARunningNetHTTPService(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_terms", 3)
	l := s.client(t, token, 7, time.Now)
	mux := http.NewServeMux()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.Handle("/api/devices", l.Middleware(ok))
	mux.Handle("/api/audit", l.RequireFeature("audit")(ok))
	mux.Handle("/api/sso", l.RequireFeature("sso")(ok))
	svc := httptest.NewServer(mux)
	defer svc.Close()
	status := func(path string) int {
		r, err := http.Get(svc.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	if out, err := l.Activate(ctx); err != nil || out.Error != nil {
		t.Fatalf("activate: %v %+v", err, out)
	}
	if code := status("/api/audit"); code != 403 {
		t.Fatalf("audit before the upgrade: %d", code)
	}
	if code := s.admin(t, "PATCH", "/admin/licenses/lic_go_terms", map[string]any{"features": []string{"audit", "sso"}, "expires": "2100-01-31"}); code != 200 {
		t.Fatalf("change: %d", code)
	}
	if out, _ := l.ValidateNow(ctx); out.Error != nil {
		t.Fatalf("the next check: %+v", out.Error)
	}
	if code := status("/api/audit"); code != 200 {
		t.Fatalf("the upgrade must unlock audit in the running service: %d", code)
	}
	info := l.Info()
	if info.ExpiresAt == nil || *info.ExpiresAt != 4105123200000 || info.Online.TermsChanged == nil ||
		!strings.Contains(*info.Online.TermsChanged, "renewed: expires 2100-01-31 (the key says never)") {
		t.Fatalf("the renewal, same key: %+v %+v", info.ExpiresAt, info.Online)
	}
	if code := s.admin(t, "POST", "/admin/licenses/lic_go_terms/suspend", map[string]string{"reason": "invoice 7 is unpaid"}); code != 200 {
		t.Fatalf("suspend: %d", code)
	}
	out, _ := l.ValidateNow(ctx)
	if !errors.Is(out.Error, lw.ErrLicenseSuspended) || !strings.Contains(out.Error.Message, "invoice 7 is unpaid") {
		t.Fatalf("suspended: %+v", out.Error)
	}
	if code := status("/api/devices"); code != 200 {
		t.Fatalf("a suspended license runs the community tier, not a 503: %d", code)
	}
	if code := status("/api/sso"); code != 403 {
		t.Fatalf("paid features are off while suspended: %d", code)
	}
	if code := s.admin(t, "POST", "/admin/licenses/lic_go_terms/reinstate", nil); code != 200 {
		t.Fatalf("reinstate: %d", code)
	}
	if out, _ := l.ValidateNow(ctx); out.Error != nil || status("/api/sso") != 200 {
		t.Fatalf("reinstated: %+v", out.Error)
	}
}

func TestAStateThatCannotBeSavedIsStateNotSavedNamingThePath(t *testing.T) {
	s := startServer(t)
	token := s.license(t, "lic_go_unsaved", 5)
	blocked := filepath.Join(t.TempDir(), "not-a-dir")
	// No directory can be made under a file, even by root.
	if err := os.WriteFile(blocked, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := s.clientWith(t, token, 1, time.Now, lw.FileStore(filepath.Join(blocked, "state"))).Activate(context.Background())
	if err != nil || out.Error == nil || out.Error.Code != lw.CodeStateNotSaved {
		t.Fatalf("want state-not-saved: %v %+v", err, out)
	}
	reason := ""
	for _, d := range out.Error.Details {
		if d.Key == "reason" {
			reason = d.Value
		}
	}
	if !strings.Contains(out.Error.Message, "not-a-dir") || !strings.Contains(reason, "not-a-dir") {
		t.Fatalf("the error must name the path: %+v", out.Error)
	}
	if out.Snapshot.Status != lw.StatusActive {
		t.Fatalf("the answer holds in memory: %v", out.Snapshot.Status)
	}
}

func TestAStateCopiedBackWithTheClockSetBackIsARollback(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_rollback", 5)
	dir := t.TempDir()
	state, witness := filepath.Join(dir, "state"), filepath.Join(dir, "witness")
	var offset time.Duration
	clock := func() time.Time { return time.Now().Add(offset) }
	make := func() *lw.Licensing { return s.clientWith(t, token, 1, clock, lw.FileStore(state, witness)) }
	if out, err := make().Activate(ctx); err != nil || out.Error != nil {
		t.Fatalf("activate: %v %+v", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(state, "validation.state"))
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(witness, "witness-*.state")); len(m) != 1 {
		t.Fatalf("the witness lives in its own directory: %v", m)
	}
	s.stop()
	offset = 73 * time.Hour
	l := make()
	if out, err := l.ValidateIfDue(ctx); err != nil || out == nil || out.Error == nil || out.Error.Code != lw.CodeOffline {
		t.Fatalf("offline check: %v %+v", err, out)
	}
	if err := os.WriteFile(filepath.Join(state, "validation.state"), saved, 0o600); err != nil {
		t.Fatal(err)
	}
	offset = time.Hour
	if snap := make().Snapshot(); snap.Error == nil || snap.Error.Code != lw.CodeClockRollback {
		t.Fatalf("want clock-rollback: %+v", snap.Error)
	}
}

func TestAPayingCustomersFirstRequestWaitsForTheFirstCheckInsteadOfA403(t *testing.T) {
	s := startServer(t)
	token := s.license(t, "lic_go_first", 5)
	l := s.client(t, token, 1, time.Now)
	if e := l.Snapshot().Error; e == nil || e.Code != lw.CodeNotValidated {
		t.Fatalf("no check made yet: %+v", e)
	}
	h := l.RequireFeature("sso")(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }))
	srv := httptest.NewServer(h) // real HTTP on 127.0.0.1
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/reports")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("first request: %d %s", resp.StatusCode, body)
	}
	if st := l.Ready(context.Background()).Status; st != lw.StatusActive {
		t.Fatalf("ready: %v", st)
	}
	// An answer is held: nothing is due, so Ready has nothing to wait for.
	if out, err := l.ValidateIfDue(context.Background()); err != nil || out != nil {
		t.Fatalf("a check was still due: %v %+v", err, out)
	}
}

// adminJSON is an admin call that returns the status and the JSON answer.
func (s *server) adminJSON(t *testing.T, method, path string, body any) (int, map[string]any) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, s.url+path, bytes.NewReader(b))
	req.Header.Set("authorization", "Bearer "+adminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, v
}

func TestAirGappedRequestFileBecomesAnActivationFileForThisDeviceOnly(t *testing.T) {
	s := startServer(t)
	token := s.license(t, "lic_go_gap", 1)
	lic := s.client(t, token, 1, time.Now)
	request, err := lic.OfflineRequest()
	if err != nil {
		t.Fatal(err)
	}
	code, made := s.adminJSON(t, "POST", "/admin/offline-activations", map[string]string{"request": request})
	if code != 201 {
		t.Fatalf("offline activation: %d %v", code, made)
	}
	file, _ := made["activation"].(string)
	out, err := lic.InstallActivation(file)
	if err != nil || out.Error != nil || out.Snapshot.Status != lw.StatusActive {
		t.Fatalf("install: %v %+v", err, out)
	}
	if err := lic.CheckFeature("sso"); err != nil {
		t.Fatal(err)
	}
	info := lic.Info()
	if info.Online == nil || info.Online.ActivationEnds == nil || *info.Online.ActivationEnds < uint64(time.Now().Add(29*24*time.Hour).UnixMilli()) {
		t.Fatalf("activation end: %+v", info.Online)
	}

	other := s.client(t, token, 2, time.Now)
	refused, err := other.InstallActivation(file)
	if err != nil || refused.Error == nil || refused.Error.Code != lw.CodeBadResponse || !strings.Contains(refused.Error.Message, "another device") {
		t.Fatalf("another device's file: %v %+v", err, refused)
	}
	otherRequest, _ := other.OfflineRequest()
	code, full := s.adminJSON(t, "POST", "/admin/offline-activations", map[string]string{"request": otherRequest})
	if code != 409 || full["error"].(map[string]any)["code"] != "device-limit" {
		t.Fatalf("over the device limit: %d %v", code, full)
	}
}

// TestAProcessTakesItsLicenseFromTheAgentWithoutAKeyOrADevice runs the
// Rust CLI's `licensewarden agent` and a Go process with no key of its own
// that names it in ACME_LICENSE_AGENT (docs/agent.md).
func TestAProcessTakesItsLicenseFromTheAgentWithoutAKeyOrADevice(t *testing.T) {
	s := startServer(t)
	token := s.license(t, "lic_go_agent", 1)
	// A short directory: a socket path has at most 107 bytes.
	dir, err := os.MkdirTemp("", "lwa")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	vendor, _ := json.Marshal(issuer.TrustedKey())
	if err := os.WriteFile(filepath.Join(dir, "vendor.pub"), vendor, 0o644); err != nil {
		t.Fatal(err)
	}
	cli, _ := filepath.Abs("../../target/debug/licensewarden")
	sock := filepath.Join(dir, "license.sock")
	agent := exec.Command(cli, "agent", "--socket", sock, "--product", "acme", "--public-key", filepath.Join(dir, "vendor.pub"),
		"--key", token, "--server", s.url, "--server-key", filepath.Join(s.dir, "server.pub"), "--state-dir", filepath.Join(dir, "state"))
	agent.Env = append(os.Environ(), "HOME="+dir, "RUST_LOG=warn")
	agent.Stderr = os.Stderr
	out, err := agent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = agent.Process.Kill(); _ = agent.Wait() })
	if line, _ := bufio.NewReader(out).ReadString('\n'); !strings.Contains(line, "serving lic_go_agent (active)") {
		t.Fatalf("agent: %q", line)
	}
	none := ""
	l, err := lw.New(context.Background(), lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Home: &none,
		Store: lw.MemoryStore(), Getenv: func(k string) string { return map[string]string{"ACME_LICENSE_AGENT": sock}[k] },
		Online: &lw.OnlineSettings{ServerURL: s.url, ServerKeys: []lw.TrustedKey{s.publicKey(t)}, Timeout: 2 * time.Second, NoBackground: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	res, err := l.ValidateIfDue(context.Background())
	if err != nil || res == nil || res.Error != nil || l.Snapshot().Status != lw.StatusActive {
		t.Fatalf("from the agent: %v %+v", err, res)
	}
	if info := l.Info(); info.KeySource != "agent:"+sock || info.LicenseID == nil || *info.LicenseID != "lic_go_agent" {
		t.Fatalf("info: %+v", info)
	}
	if _, err := l.Activate(context.Background()); err == nil || !strings.Contains(err.Error(), "where the agent runs") {
		t.Fatalf("a process of an agent registers no device: %v", err)
	}
	_ = agent.Process.Kill()
	_ = agent.Wait()
	res, err = l.ValidateIfDue(context.Background())
	if err != nil || res == nil || res.Error == nil || res.Error.Detail("cause") != "agent-unreachable" || l.Snapshot().Status != lw.StatusActive {
		t.Fatalf("the agent stopped: the answer holds within its lease, and the agent is named: %v %+v", err, res)
	}
}
