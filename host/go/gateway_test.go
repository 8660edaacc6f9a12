package licensewarden_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

func gatewayServer(t *testing.T) (*httptest.Server, *lw.Gateway) {
	c := testkit.NewClock(start)
	g, err := lw.NewGateway(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Clock: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/query", g.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := lw.CallerFrom(r.Context())
		fmt.Fprint(w, "plan ", c.Snapshot.Plan, " for ", c.LicenseID)
	})))
	mux.Handle("/api/sso", g.RequireFeature("sso")(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "sso") })))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Cleanup(g.Close)
	return srv, g
}

func call(t *testing.T, url string, header ...string) (int, string) {
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

func TestOneCoreDecidesEveryCallersKeyAndRemembersForgeriesApart(t *testing.T) {
	srv, g := gatewayServer(t)
	pro := proToken("2027-06-30")
	if code, body := call(t, srv.URL+"/api/query", "Authorization", "License "+pro); code != 200 || !strings.HasPrefix(body, "plan pro for ") {
		t.Fatalf("pro key: %d %s", code, body)
	}
	if code, _ := call(t, srv.URL+"/api/sso", "X-License-Key", pro); code != 200 {
		t.Fatalf("X-License-Key: %d", code)
	}
	basic := issuer.Issue(map[string]any{"id": "lic_basic", "plan": "basic", "issued_at": "2027-01-01"})
	if code, body := call(t, srv.URL+"/api/sso", "Authorization", "license "+basic); code != 403 || !strings.Contains(body, `"feature":"sso"`) {
		t.Fatalf("basic key on sso: %d %s", code, body)
	}
	if code, body := call(t, srv.URL+"/api/query"); code != 401 || !strings.Contains(body, "no-license") {
		t.Fatalf("no key: %d %s", code, body)
	}
	if code, body := call(t, srv.URL+"/api/query", "Authorization", "License "+pro[:len(pro)-3]+"AAA"); code != 401 || !strings.Contains(body, "bad-signature") {
		t.Fatalf("forged key: %d %s", code, body)
	}
	expired := proToken("2027-01-05")
	if code, body := call(t, srv.URL+"/api/query", "Authorization", "License "+expired); code != 503 || !strings.Contains(body, `"expired"`) {
		t.Fatalf("expired key: %d %s", code, body)
	}
	s := g.Stats()
	if s.CachedKeys != 3 || s.RejectedKeys != 1 || s.CachedBytes > s.CacheBudget {
		t.Fatalf("want 3 verified keys (pro, basic, expired) and 1 forgery within budget: %+v", s)
	}
}

func TestGatewaySettingsItDoesNotUseAreRefused(t *testing.T) {
	key, home := "lg1.x", "/tmp"
	_, err := lw.NewGateway(context.Background(), lw.Config{Key: &key, Home: &home})
	var e *lw.Error
	if !errors.As(err, &e) || e.Code != lw.CodeInvalidConfig || !strings.Contains(e.Message, "Home, Key") {
		t.Fatalf("want invalid-config naming Home and Key: %v", err)
	}
}
