package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

// serve runs the service over real HTTP on 127.0.0.1 with a pro license
// (sso, no api_access) that expires at the end of 2027-01-31.
func serve(t *testing.T) (*httptest.Server, *testkit.Clock) {
	iss := testkit.NewIssuer("acme-2027", "go-service example test")
	token := iss.Issue(map[string]any{"id": "lic_svc", "plan": "pro", "features": []string{"sso"}, "issued_at": "2027-01-01", "expires_at": "2027-01-31"})
	c := testkit.NewClock(time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC))
	none := ""
	lic, err := lw.New(context.Background(), lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{iss.TrustedKey()}, Key: &token, Clock: c.Now, Home: &none})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewApp(lic))
	t.Cleanup(func() { srv.Close(); lic.Close() })
	return srv, c
}

func get(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	r, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

func TestUnlicensedFeatureIs403NamingFeatureAndPlan(t *testing.T) {
	srv, _ := serve(t)
	if code, body := get(t, srv, "/api/sso"); code != 200 || body != "sso configured" {
		t.Fatalf("/api/sso: %d %s", code, body)
	}
	code, body := get(t, srv, "/api/query")
	var denial struct {
		Error struct {
			Code    string            `json:"code"`
			Details map[string]string `json:"details"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &denial); err != nil || code != 403 {
		t.Fatalf("/api/query: %d %s", code, body)
	}
	if denial.Error.Code != "feature-not-licensed" || denial.Error.Details["feature"] != "api_access" || denial.Error.Details["plan"] != "pro" {
		t.Fatalf("denial body: %s", body)
	}
}

func TestExpiredLicenseBlocksNewRequestsButNotHealth(t *testing.T) {
	srv, c := serve(t)
	if code, _ := get(t, srv, "/api/devices"); code != 200 {
		t.Fatalf("/api/devices before expiry: %d", code)
	}
	c.Set(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if code, body := get(t, srv, "/api/devices"); code != 503 || !strings.Contains(body, `"expired"`) {
		t.Fatalf("/api/devices after expiry: %d %s", code, body)
	}
	for _, p := range []string{"/health", "/ready", "/metrics", "/license"} {
		if code, body := get(t, srv, p); code != 200 {
			t.Fatalf("%s after expiry: %d %s", p, code, body)
		}
	}
}

func TestMetricsIsThePrometheusText(t *testing.T) {
	srv, _ := serve(t)
	code, body := get(t, srv, "/metrics")
	if code != 200 || !strings.Contains(body, "# TYPE") || !strings.Contains(body, "pro") {
		t.Fatalf("/metrics: %d\n%s", code, body)
	}
}
