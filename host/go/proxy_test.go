package licensewarden_test

// Online checks through a real forwarding proxy (Debian's tinyproxy with
// basic auth, on 127.0.0.1): the core picks the route from the proxy
// variables and the setting; net/http's own reading of the environment
// (which skips every proxy for 127.0.0.1) is never used.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// daemon runs a test script that starts a daemon and prints "PORT PID":
// the port; the daemon is stopped when the test ends.
func daemon(t *testing.T, script string, args ...string) int {
	out, err := exec.Command(script, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	var port, pid int
	if _, err := fmt.Sscan(string(out), &port, &pid); err != nil {
		t.Fatalf("%s said %q", script, out)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGTERM) })
	return port
}

func startProxy(t *testing.T) string {
	return fmt.Sprintf("127.0.0.1:%d", daemon(t, "../../tests/proxy/tinyproxy.sh", t.TempDir(), "lw", "s3cret"))
}

func (s *server) through(t *testing.T, token string, n int, env map[string]string, proxy string) *lw.Licensing {
	return s.over(t, s.url, "", token, n, env, proxy)
}

// over is a product reaching the server at url (directly or behind TLS),
// with its CA bundle setting, environment and proxy setting.
func (s *server) over(t *testing.T, url, caFile, token string, n int, env map[string]string, proxy string) *lw.Licensing {
	none := ""
	l, err := lw.New(context.Background(), lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token,
		Home: &none, Store: lw.MemoryStore(), Getenv: func(k string) string { return env[k] },
		DeviceFacts: &lw.DeviceFacts{MAC: fmt.Sprintf("02:00:00:00:04:%02x", n), Hostname: fmt.Sprintf("go-proxy-%d", n), Arch: "x86_64", OS: "linux"},
		Online: &lw.OnlineSettings{ServerURL: url, ServerKeys: []lw.TrustedKey{s.publicKey(t)}, Timeout: 3 * time.Second, NoBackground: true,
			Proxy: proxy, CAFile: caFile}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestOnlineChecksGoThroughTheProxyTheCoreChose(t *testing.T) {
	s := startServer(t)
	addr := startProxy(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_proxy", 9)
	activate := func(n int, env map[string]string, proxy string) *lw.Error {
		out, err := s.through(t, token, n, env, proxy).Activate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return out.Error
	}
	if e := activate(1, map[string]string{"http_proxy": "http://lw:s3cret@" + addr}, ""); e != nil {
		t.Fatalf("the right credentials: %v", e)
	}
	e := activate(2, map[string]string{"http_proxy": "http://lw:wrong@" + addr}, "")
	// tinyproxy answers 407 and closes before reading the request's body:
	// the client reads the 407, or only the reset, depending on timing.
	if e == nil || e.Code != lw.CodeOffline || (e.Detail("cause") != "proxy-auth-required" && e.Detail("cause") != "proxy-closed") ||
		!strings.Contains(e.Message, "the proxy at http://"+addr+" (http_proxy)") || strings.Contains(e.Message, "wrong") {
		t.Fatalf("wrong credentials must be offline naming the proxy, never the password: %v", e)
	}
	if e := activate(3, map[string]string{"http_proxy": "http://lw:wrong@" + addr, "NO_PROXY": "127.0.0.1"}, ""); e != nil {
		t.Fatalf("NO_PROXY connects directly: %v", e)
	}
	if e := activate(4, map[string]string{"http_proxy": "http://lw:wrong@" + addr}, "http://lw:s3cret@"+addr); e != nil {
		t.Fatalf("the setting wins over the variables: %v", e)
	}
	if e := activate(5, map[string]string{"HTTP_PROXY": "http://lw:wrong@" + addr}, ""); e != nil {
		t.Fatalf("HTTP_PROXY is never read: %v", e)
	}
	var bad *lw.Error
	none := ""
	_, err := lw.New(ctx, lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token, Home: &none,
		Getenv: func(k string) string { return map[string]string{"http_proxy": "socks5://u:hidden@p:1080"}[k] },
		Online: &lw.OnlineSettings{ServerURL: s.url, ServerKeys: []lw.TrustedKey{s.publicKey(t)}, NoBackground: true}})
	if !errors.As(err, &bad) || bad.Code != lw.CodeInvalidConfig || !strings.Contains(bad.Message, "socks5") || strings.Contains(bad.Message, "hidden") {
		t.Fatalf("an unusable proxy setting fails the start by name: %v", err)
	}
}

// startTLS puts stunnel with a test CA in front of the server: the https
// URL and the directory holding ca.pem and other-ca.pem.
func startTLS(t *testing.T, s *server) (string, string) {
	dir := t.TempDir()
	backend := s.url[strings.LastIndex(s.url, ":")+1:]
	return fmt.Sprintf("https://127.0.0.1:%d", daemon(t, "../../tests/tls/stunnel.sh", dir, backend)), dir
}

func TestOnlineChecksOverTLSTrustTheCABundleTheCoreChose(t *testing.T) {
	s := startServer(t)
	https, certs := startTLS(t, s)
	addr := startProxy(t)
	ctx := context.Background()
	token := s.license(t, "lic_go_tls", 20)
	ca := certs + "/ca.pem"
	activate := func(n int, caFile string, env map[string]string) *lw.Error {
		out, err := s.over(t, https, caFile, token, n, env, "").Activate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return out.Error
	}
	if e := activate(11, "", nil); e == nil || e.Detail("cause") != "tls-failed" || !strings.Contains(e.Message, "ca_file setting or SSL_CERT_FILE") {
		t.Fatalf("a certificate from an unknown CA: %v", e)
	}
	if e := activate(12, ca, nil); e != nil {
		t.Fatalf("the CAFile setting: %v", e)
	}
	if e := activate(13, "", map[string]string{"SSL_CERT_FILE": ca}); e != nil {
		t.Fatalf("SSL_CERT_FILE: %v", e)
	}
	wrong := certs + "/other-ca.pem"
	if e := activate(14, wrong, map[string]string{"SSL_CERT_FILE": ca}); e == nil || e.Detail("cause") != "tls-failed" ||
		!strings.Contains(e.Message, wrong) || !strings.Contains(e.Message, "(named by ca_file)") {
		t.Fatalf("the setting wins, and its CA did not sign the certificate: %v", e)
	}
	if e := activate(15, certs+"/missing.pem", nil); e == nil || !strings.Contains(e.Message, "missing.pem") {
		t.Fatalf("a CA file that cannot be read: %v", e)
	}
	tunnel := func(n int, password string) *lw.Error {
		return activate(n, "", map[string]string{"https_proxy": "http://lw:" + password + "@" + addr, "SSL_CERT_FILE": ca})
	}
	if e := tunnel(16, "s3cret"); e != nil {
		t.Fatalf("CONNECT with the right credentials: %v", e)
	}
	if e := tunnel(17, "wrong"); e == nil || !strings.Contains(e.Message, "the proxy at http://"+addr+" (https_proxy)") || strings.Contains(e.Message, "wrong") {
		t.Fatalf("wrong credentials on CONNECT: %v", e)
	}
}

func TestACABundleWithAClientOfYourOwnIsRefusedNotIgnored(t *testing.T) {
	none := ""
	token := issuer.Issue(map[string]any{"id": "lic_go_ca_client", "plan": "pro", "issued_at": "2026-01-01"})
	_, err := lw.New(context.Background(), lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token, Home: &none,
		Online: &lw.OnlineSettings{ServerURL: "https://license.example.com", ServerKeys: []lw.TrustedKey{issuer.TrustedKey()},
			NoBackground: true, Client: &http.Client{}, CAFile: "/etc/corp/ca.pem"}})
	var e *lw.Error
	if !errors.As(err, &e) || e.Code != lw.CodeInvalidConfig || !strings.Contains(e.Message, "CAFile") {
		t.Fatalf("CAFile with a Client of your own: %v", err)
	}
}
