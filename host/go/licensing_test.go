package licensewarden_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

var issuer = testkit.NewIssuer("test-2026", "licensewarden go host tests")

var start = time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)

func proToken(expires string) string {
	return issuer.Issue(map[string]any{"id": "lic_go_1", "org": "Acme", "plan": "pro", "features": []string{"sso", "audit"},
		"limits": map[string]any{"seats": 5}, "issued_at": "2027-01-01", "expires_at": expires})
}

func newLicensing(t *testing.T, c *testkit.Clock, mutate func(*lw.Config)) *lw.Licensing {
	t.Helper()
	none := ""
	cfg := lw.Config{Product: "acme", TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Clock: c.Now,
		Getenv: func(string) string { return "" }, Home: &none}
	if mutate != nil {
		mutate(&cfg)
	}
	l, err := lw.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func explicit(token string) func(*lw.Config) {
	return func(c *lw.Config) { c.Key = &token }
}

func TestLicensedFeaturePassesAndUnlicensedNamesFeatureAndPlan(t *testing.T) {
	l := newLicensing(t, testkit.NewClock(start), explicit(proToken("2027-06-30")))
	if err := l.CheckFeature("sso"); err != nil {
		t.Fatalf("sso: %v", err)
	}
	err := l.CheckFeature("warehouse")
	var e *lw.Error
	if !errors.As(err, &e) || e.Code != lw.CodeFeatureNotLicensed {
		t.Fatalf("warehouse: want feature-not-licensed, got %v", err)
	}
	if e.Detail("feature") != "warehouse" || e.Detail("plan") != "pro" {
		t.Fatalf("details: %+v", e.Details)
	}
	if !errors.Is(err, lw.ErrFeatureNotLicensed) || !errors.Is(err, lw.ErrLicense) || errors.Is(err, lw.ErrLicenseExpired) {
		t.Fatalf("errors.Is classes wrong for %v", err)
	}
	if e.Code.String() != "feature-not-licensed" || e.Class() != "FeatureNotLicensedError" {
		t.Fatalf("code %q class %q", e.Code, e.Class())
	}
}

func TestExpiredLicenseBlocksRequestsButNotHealth(t *testing.T) {
	c := testkit.NewClock(start)
	l := newLicensing(t, c, explicit(proToken("2027-01-31")))
	c.Set(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if err := l.CheckFeature("sso"); !errors.Is(err, lw.ErrLicenseExpired) {
		t.Fatalf("after expiry want LicenseExpiredError, got %v", err)
	}
	if d := l.Gate("/api/query", ""); d.Allow || d.HTTPStatus != 503 {
		t.Fatalf("gate /api/query after expiry: %+v", d)
	}
	if d := l.Gate("/health", ""); !d.Allow {
		t.Fatalf("gate /health after expiry: %+v", d)
	}
	if i := l.Info(); i.Status != lw.StatusExpired || i.Valid {
		t.Fatalf("info: %+v", i)
	}
}

func TestTamperedKeyIsInvalidWithTheReason(t *testing.T) {
	tok := proToken("2027-06-30")
	tampered := tok[:len(tok)-2] + "AA"
	l := newLicensing(t, testkit.NewClock(start), explicit(tampered))
	i := l.Info()
	if i.Status != lw.StatusInvalid || i.Error == nil || i.Error.Code != lw.CodeBadSignature {
		t.Fatalf("info: status %v error %+v", i.Status, i.Error)
	}
	if err := l.CheckFeature("sso"); err == nil {
		t.Fatal("a tampered key must not unlock sso")
	}
	if _, err := l.Verify(tampered); !errors.Is(err, lw.ErrLicenseInvalid) {
		t.Fatalf("verify: %v", err)
	}
}

func TestCapOverHardLimitIsRejectedAndCounted(t *testing.T) {
	l := newLicensing(t, testkit.NewClock(start), explicit(proToken("2027-06-30")))
	if c := l.CheckCap("seats", 5); c.Outcome != lw.CapOutcomeWithin {
		t.Fatalf("5 of 5: %+v", c)
	}
	c := l.CheckCap("seats", 6)
	if c.Outcome != lw.CapOutcomeHardExceeded || c.Error == nil || c.Error.Code != lw.CodeCapExceeded {
		t.Fatalf("6 of 5: %+v", c)
	}
	if m := l.Metrics(); !strings.Contains(m, "seats") {
		t.Fatalf("metrics:\n%s", m)
	}
}

func TestKeyResolutionOrderEnvThenFileThenHome(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".acme"), 0o700)
	os.WriteFile(filepath.Join(home, ".acme", "license.key"), []byte("\n  "+proToken("2027-06-30")+"  \n"), 0o600)
	keyFile := filepath.Join(t.TempDir(), "key")
	os.WriteFile(keyFile, []byte(proToken("2027-05-31")+"\n"), 0o600)
	env := map[string]string{}
	mk := func() *lw.Licensing {
		return newLicensing(t, testkit.NewClock(start), func(c *lw.Config) {
			c.Home = &home
			c.Getenv = func(k string) string { return env[k] }
		})
	}
	if s := mk().KeySource(); s != "file:"+filepath.Join(home, ".acme", "license.key") {
		t.Fatalf("home file: %q", s)
	}
	env["ACME_LICENSE_KEY_FILE"] = keyFile
	if s := mk().KeySource(); s != "file:"+keyFile+" (ACME_LICENSE_KEY_FILE)" {
		t.Fatalf("_FILE: %q", s)
	}
	env["ACME_LICENSE_KEY"] = " " + proToken("2027-04-30") + " "
	l := mk()
	if s := l.KeySource(); s != "env:ACME_LICENSE_KEY" {
		t.Fatalf("env: %q", s)
	}
	if i := l.Info(); i.ExpiresText == nil || *i.ExpiresText != "2027-04-30" {
		t.Fatalf("env key not the one loaded: %+v", i.ExpiresText)
	}
	env = map[string]string{"ACME_LICENSE_KEY_FILE": filepath.Join(home, "missing")}
	i := mk().Info()
	if !strings.HasSuffix(i.KeySource, "(ACME_LICENSE_KEY_FILE)") || i.Status != lw.StatusInvalid || i.Error == nil || !strings.Contains(i.Error.Message, ": not found;") {
		t.Fatalf("missing _FILE must be reported, not community: %q %v %+v", i.KeySource, i.Status, i.Error)
	}
}

func TestRenewedKeyFileIsPickedUpWithoutRestart(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".acme")
	os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, "license.key")
	os.WriteFile(path, []byte(proToken("2027-01-31")), 0o600)
	c := testkit.NewClock(start)
	l := newLicensing(t, c, func(cfg *lw.Config) { cfg.Home = &home; cfg.ReloadInterval = time.Second })
	os.WriteFile(path, []byte(proToken("2028-01-31")), 0o600)
	c.Set(start.Add(2 * time.Second))
	if i := l.Info(); *i.ExpiresText != "2028-01-31" {
		t.Fatalf("renewed key not loaded: %s", *i.ExpiresText)
	}
}

func TestNoKeyIsCommunityAndPaidFeaturesAreRefused(t *testing.T) {
	l := newLicensing(t, testkit.NewClock(start), nil)
	if s := l.Snapshot(); s.Status != lw.StatusCommunity {
		t.Fatalf("status %v", s.Status)
	}
	if err := l.CheckFeature("sso"); !errors.Is(err, lw.ErrFeatureNotLicensed) {
		t.Fatalf("sso without key: %v", err)
	}
}

func TestPrivateKeyFileIsRefusedAsTrustedKey(t *testing.T) {
	p := filepath.Join(t.TempDir(), "private.key")
	os.WriteFile(p, []byte(`{"kid":"k","algorithm":"ed25519","private_key":"x"}`), 0o600)
	if _, err := lw.TrustedKeyFromFile(p); err == nil || !strings.Contains(err.Error(), "is a private key") {
		t.Fatalf("private key: %v", err)
	}
	if _, err := lw.TrustedKeyFromFile(filepath.Join(t.TempDir(), "nope")); !errors.Is(err, lw.ErrInvalidConfig) || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("missing: %v", err)
	}
	secret := filepath.Join(t.TempDir(), "secret.key")
	os.WriteFile(secret, []byte(`{"kid":"k","algorithm":"hmac-sha256","key":"`+strings.Repeat("A", 43)+`"}`), 0o644)
	if _, err := lw.TrustedKeyFromFile(secret); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable secret: %v", err)
	}
}

func TestBadConfigurationNamesTheProblem(t *testing.T) {
	none := ""
	_, err := lw.New(context.Background(), lw.Config{Policy: "{not json", Getenv: func(string) string { return "" }, Home: &none})
	if !errors.Is(err, lw.ErrInvalidConfig) {
		t.Fatalf("want InvalidConfigError, got %v", err)
	}
}

func TestConcurrentChecksAgree(t *testing.T) {
	l := newLicensing(t, testkit.NewClock(start), explicit(proToken("2027-06-30")))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if err := l.CheckFeature("sso"); err != nil {
					errs <- err
				}
				if l.CheckFeature("warehouse") == nil {
					errs <- errors.New("warehouse allowed")
				}
				if c := l.CheckCap("seats", uint64(i%8)); (i%8 > 5) != (c.Outcome == lw.CapOutcomeHardExceeded) {
					errs <- errors.New("cap outcome wrong")
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// One machine, one device id: the Go host's facts give the id the Rust
// host's CLI (same rule, other language) prints on this machine.
func TestDeviceIDMatchesTheRustHost(t *testing.T) {
	bin, _ := filepath.Abs("../../target/debug/licensewarden")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: run scripts/test.sh (it builds the CLI first)", bin)
	}
	cmd := exec.Command(bin, "info", "--json", "--product", "acme")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "ACME_LICENSE_KEY=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("licensewarden info: %v", err)
	}
	var info struct {
		DeviceID string `json:"device_id"`
	}
	if err := json.Unmarshal(out, &info); err != nil || info.DeviceID == "" {
		t.Fatalf("info --json: %v %s", err, out)
	}
	none := ""
	l, err := lw.New(context.Background(), lw.Config{Product: "acme", Home: &none, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if got := l.Info().DeviceID; got != info.DeviceID {
		t.Fatalf("device id %s, the Rust host says %s (facts %+v)", got, info.DeviceID, lw.MachineFacts())
	}
}

func TestTheBackgroundLoopWaitsForTheCoresNextBoundary(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	token := proToken("2026-06-01T00:00:05Z")
	none := ""
	l, err := lw.New(context.Background(), lw.Config{TrustedKeys: []lw.TrustedKey{issuer.TrustedKey()}, Key: &token, Home: &none,
		Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if d := l.NextCheckDelay(); d != 5*time.Second {
		t.Fatalf("delay %v, want 5s", d)
	}
	now = now.Add(4900 * time.Millisecond)
	if d := l.NextCheckDelay(); d != time.Second {
		t.Fatalf("delay %v, want the 1 s floor", d)
	}
}
