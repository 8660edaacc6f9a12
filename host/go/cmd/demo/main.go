// Command demo is the repository's quick demo: it makes a throwaway vendor
// key, issues a license, verifies it through the licensewarden core (the
// module inside dist/licensewarden.wasm, run by wazero) and prints license
// info. Go builds in seconds, so the demo needs no Rust build; the Rust CLI
// has the same walk-through (`licensewarden demo`).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

// The product policy of the demo (docs/policy.md).
const policy = `{
  "plans": {
    "community": {"features": ["basic_discovery"], "limits": {"max_devices": 1}},
    "pro": {"features": ["api_access", "basic_discovery", "rbac", "audit_logging"], "limits": {"max_devices": 5, "max_identities": 1000}},
    "enterprise": {"all_features": true}
  },
  "features": ["sso"],
  "soft_caps": ["max_identities"]
}`

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	seed := make([]byte, 16)
	if _, err := rand.Read(seed); err != nil {
		return err
	}
	vendor := testkit.NewIssuer("demo-1", hex.EncodeToString(seed))
	fmt.Println("1. keygen: a throwaway Ed25519 vendor key (kid demo-1)")
	now := time.Now().UTC()
	id := "lic_" + hex.EncodeToString(seed[:8])
	expires := now.AddDate(1, 0, 0).Format("2006-01-02")
	token := vendor.Issue(map[string]any{
		"id": id, "org": "Demo Org", "plan": "pro", "issued_at": now.Format(time.RFC3339),
		"expires_at": expires, "limits": map[string]any{"max_devices": 5},
	})
	fmt.Printf("2. issue: plan pro for Demo Org, expires %s\n   %s\n", expires, token)
	none := ""
	lic, err := lw.New(context.Background(), lw.Config{
		Product: "licensewarden-demo", TrustedKeys: []lw.TrustedKey{vendor.TrustedKey()},
		Policy: policy, Key: &token, Home: &none,
	})
	if err != nil {
		return err
	}
	defer lic.Close()
	verified, err := lic.Verify(token)
	if err != nil {
		return err
	}
	fmt.Printf("3. verify through the component (core module sha256 %s…): valid, license %s\n", lw.CoreModuleSHA256()[:12], verified.ID)
	sso := "on"
	if err := lic.CheckFeature("sso"); err != nil {
		sso = err.Error()
	}
	fmt.Printf("4. CheckFeature(\"api_access\"): %v; CheckFeature(\"sso\"): %s\n", lic.CheckFeature("api_access"), sso)
	fmt.Printf("   CheckCap(\"max_devices\", 1): %v\n", lic.CheckCap("max_devices", 1).Outcome)
	fmt.Println("5. license info:")
	fmt.Println()
	i := lic.Info()
	line := func(k, v string) { fmt.Printf("%-12s%s\n", k, v) }
	line("Product:", "licensewarden-demo")
	line("Plan:", i.Plan)
	line("Status:", i.Status.String())
	if i.Org != nil {
		line("Org:", *i.Org)
	}
	if i.LicenseID != nil {
		line("License:", *i.LicenseID)
	}
	if i.ExpiresText != nil && i.DaysRemaining != nil {
		line("Expires:", fmt.Sprintf("%s (%d days remaining)", *i.ExpiresText, *i.DaysRemaining))
	}
	line("Key source:", i.KeySource)
	line("Device:", i.DeviceID[:12]+"…")
	fmt.Println("Feature Flags:")
	for _, f := range i.Features {
		fmt.Printf("  %-20s %v\n", f.Name, f.Enabled)
	}
	fmt.Println("Device Limits:")
	for _, l := range i.Limits {
		soft := ""
		if l.Soft {
			soft = ", soft"
		}
		fmt.Printf("  %-20s %d (in use here: %d%s)\n", l.Name, l.Max, l.Current, soft)
	}
	return nil
}
