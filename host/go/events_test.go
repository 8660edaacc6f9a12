package licensewarden_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

// License events reach Config.Logger: the status at start and when it
// changes (expiry), a soft cap newly exceeded (once, not per call); the key
// never.
func TestStartUpExpiryAndASoftCapAreLoggedOnceEach(t *testing.T) {
	key := issuer.Issue(map[string]any{"id": "lic_events", "org": "Acme Corp", "plan": "pro",
		"issued_at": "2026-01-01", "expires_at": "2026-06-30"})
	var out bytes.Buffer
	c := testkit.NewClock(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	l := newLicensing(t, c, func(cfg *lw.Config) {
		cfg.Key = &key
		cfg.Policy = `{"plans": {"pro": {"features": ["sso"], "limits": {"seats": 5}}}, "soft_caps": ["seats"]}`
		cfg.Logger = slog.New(slog.NewTextHandler(&out, nil))
	})
	for _, n := range []uint64{6, 7, 8} {
		l.CheckCap("seats", n)
	}
	c.Set(time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC))
	l.Snapshot()
	log := out.String()
	if !strings.Contains(log, `level=INFO msg="licensewarden: license status active: plan pro, license lic_events for Acme Corp, expires 2026-06-30`) {
		t.Fatalf("no start-up line:\n%s", log)
	}
	if n := strings.Count(log, `level=WARN msg="licensewarden: cap exceeded: 'seats' is 6`); n != 1 {
		t.Fatalf("soft cap logged %d times:\n%s", n, log)
	}
	if n := strings.Count(log, "level=ERROR msg=\"licensewarden: license status changed from active to expired"); n != 1 {
		t.Fatalf("expiry logged %d times:\n%s", n, log)
	}
	if strings.Contains(log, key) {
		t.Fatal("the key reached the log")
	}
}
