package licensewarden_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

// rbacYAML is tests/fixtures/rbac-ops.yaml: network-ops-team may run
// topology_*, admin everything.
var rbacYAML = func() string {
	b, err := os.ReadFile("../../tests/fixtures/rbac-ops.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func caller(r *http.Request) lw.AccessSubject {
	if r.Header.Get("x-api-key") == "vendor-admin" {
		return lw.AccessSubject{Roles: []string{"admin"}}
	}
	var groups []string
	for _, g := range strings.Split(r.Header.Get("x-groups"), ",") {
		if g = strings.TrimSpace(g); g != "" {
			groups = append(groups, g)
		}
	}
	return lw.AccessSubject{Groups: groups}
}

func get(t *testing.T, url string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func post(t *testing.T, url, key string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, nil)
	req.Header.Set("x-api-key", key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestRequireActionGatesQueriesByGroupAndTheReloadRouteReReadsTheFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "rbac.yaml")
	if err := os.WriteFile(file, []byte(rbacYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	token := rbacToken()
	env := map[string]string{"ACME_RBAC_POLICY_FILE": file, "ACME_RBAC_RELOAD_INTERVAL": "0"}
	l := newLicensing(t, testkit.NewClock(start), func(c *lw.Config) {
		c.Key = &token
		c.Getenv = func(k string) string { return env[k] }
	})
	mux := http.NewServeMux()
	query := func(r *http.Request) string { return r.PathValue("name") }
	mux.Handle("GET /api/queries/{name}", l.RequireAction(query, caller, "")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"rows":[]}`))
	})))
	mux.Handle("POST /admin/rbac/reload", l.AccessReloadHandler(func(r *http.Request) bool { return r.Header.Get("x-api-key") == "vendor-admin" }))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	if code, _ := get(t, srv.URL+"/api/queries/topology_map", "x-groups", "network-ops-team"); code != 200 {
		t.Fatalf("topology_map: %d", code)
	}
	code, body := get(t, srv.URL+"/api/queries/firewall_rules", "x-groups", "network-ops-team")
	want := `{"error":{"code":"access-denied","details":{"action":"firewall_rules","groups":"network-ops-team","roles":"network","verb":"execute"}`
	if code != 403 || !strings.HasPrefix(body, want) {
		t.Fatalf("firewall_rules: %d %s", code, body)
	}
	if code, _ := get(t, srv.URL+"/api/queries/firewall_rules", "x-api-key", "vendor-admin"); code != 200 {
		t.Fatalf("admin: %d", code)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(rbacYAML, `"topology_*"`, `"firewall_*"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _ := post(t, srv.URL+"/admin/rbac/reload", "wrong"); code != 401 {
		t.Fatalf("reload without credentials: %d", code)
	}
	if code, out := post(t, srv.URL+"/admin/rbac/reload", "vendor-admin"); code != 200 || out["access"].(map[string]any)["enforced"] != true {
		t.Fatalf("reload: %d %v", code, out)
	}
	if code, _ := get(t, srv.URL+"/api/queries/firewall_rules", "x-groups", "network-ops-team"); code != 200 {
		t.Fatalf("after reload: %d", code)
	}
	if err := os.WriteFile(file, []byte("roles:\n  network: [no]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := post(t, srv.URL+"/admin/rbac/reload", "vendor-admin")
	if code != 422 || out["error"].(map[string]any)["details"].(map[string]any)["field"] != "line 2" {
		t.Fatalf("refused reload: %d %v", code, out)
	}
	if code, _ := get(t, srv.URL+"/api/queries/firewall_rules", "x-groups", "network-ops-team"); code != 200 {
		t.Fatalf("the refused reload replaced the policy: %d", code)
	}
	if m := l.Metrics(); !strings.Contains(m, "_rbac_policy_error 1") {
		t.Fatalf("metrics:\n%s", m)
	}
}

func TestThePolicyFileIsReReadWhenItChangesAndDecisionsAreLogged(t *testing.T) {
	file := filepath.Join(t.TempDir(), "rbac.yaml")
	if err := os.WriteFile(file, []byte(rbacYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	token := rbacToken()
	l := newLicensing(t, testkit.NewClock(start), func(c *lw.Config) {
		c.Key = &token
		c.AccessPolicyFile = file
		c.AccessReloadInterval = time.Millisecond
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	if !l.Authorize(ops, "topology_map", "execute").Allow {
		t.Fatal("topology_map denied")
	}
	calls := l.CoreCalls()
	l.Authorize(ops, "topology_map", "execute")
	if l.CoreCalls() != calls {
		t.Fatal("a repeated decision went to the core")
	}
	if err := os.WriteFile(file, []byte(strings.Replace(rbacYAML, `"topology_*"`, `"firewall_*"`, 1)+"# changed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if l.Authorize(ops, "topology_map", "execute").Allow {
		t.Fatal("the changed file was not re-read")
	}
	if !strings.Contains(logs.String(), `msg="licensewarden: rbac deny" action=topology_map`) {
		t.Fatalf("no debug line:\n%s", logs.String())
	}
}

func TestAnUnreadablePolicyFileFailsNewNamingIt(t *testing.T) {
	none := ""
	_, err := lw.New(context.Background(), lw.Config{Product: "acme", Home: &none, AccessPolicyFile: "/nonexistent/rbac.yaml"})
	var e *lw.Error
	if !errors.As(err, &e) || e.Code != lw.CodeInvalidConfig || !strings.Contains(e.Message, "rbac.yaml") {
		t.Fatalf("got %v", err)
	}
}
