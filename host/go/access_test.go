package licensewarden_test

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
	"github.com/licensewarden/licensewarden/host/go/testkit"
)

const opsPolicy = `{"roles": {"network": {"allow": ["topology_*"]}}, "groups": {"network-ops-team": "network"}}`

// The policy lives in the core instance; a core re-created after a failure
// must get it back, or the next decision would be "no policy: full access".
func TestAccessPolicySurvivesACoreFailureAndTheFailureDenies(t *testing.T) {
	l, broken := breakableLicensing(t)
	policy := opsPolicy
	if err := l.SetAccessPolicy(&policy); err != nil {
		t.Fatal(err)
	}
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	if d := l.Authorize(ops, "firewall_rules", "execute"); d.Allow {
		t.Fatalf("the policy was not enforced: %+v", d)
	}
	broken.Store(true)
	if d := l.Authorize(ops, "topology_map", "execute"); d.Allow || !strings.Contains(d.Reason, "core failed") {
		t.Fatalf("a core failure did not deny: %+v", d)
	}
	broken.Store(false)
	if d := l.Authorize(ops, "firewall_rules", "execute"); d.Allow {
		t.Fatalf("the re-created core lost the policy: %+v", d)
	}
	if d := l.Authorize(ops, "topology_map", "execute"); !d.Allow || d.Pattern == nil || *d.Pattern != "topology_*" {
		t.Fatalf("the re-created core does not allow what the policy allows: %+v", d)
	}
}

// breakableLicensing is an instance with an rbac license whose clock
// panics (a failing import: the core call fails) while broken is set.
func breakableLicensing(t *testing.T) (*lw.Licensing, *atomic.Bool) {
	clock := testkit.NewClock(start)
	broken := new(atomic.Bool)
	token := rbacToken()
	l := newLicensing(t, clock, func(c *lw.Config) {
		c.Key = &token
		c.Clock = func() time.Time {
			if broken.Load() {
				panic("the clock broke")
			}
			return clock.Now()
		}
	})
	return l, broken
}

func rbacToken() string {
	return issuer.Issue(map[string]any{"id": "lic_rbac", "plan": "enterprise", "features": []string{"rbac"},
		"issued_at": "2027-01-01", "expires_at": "2099-12-31"})
}

func TestARefusedAccessPolicyNamesTheFieldAndKeepsTheLastGoodOne(t *testing.T) {
	token := rbacToken()
	l := newLicensing(t, testkit.NewClock(start), func(c *lw.Config) { c.Key = &token })
	good, bad := opsPolicy, `{"roles": {"network": {"allow": ["topology_*", ""]}}}`
	if err := l.SetAccessPolicy(&good); err != nil {
		t.Fatal(err)
	}
	err := l.SetAccessPolicy(&bad)
	var e *lw.Error
	if !errors.As(err, &e) || e.Code != lw.CodeInvalidConfig || !strings.Contains(e.Message, "roles.network.allow[1]") {
		t.Fatalf("got %v", err)
	}
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	if d := l.Authorize(ops, "firewall_rules", "execute"); d.Allow {
		t.Fatalf("the refused policy replaced the good one: %+v", d)
	}
	if d := l.Authorize(ops, "topology_map", "execute"); !d.Allow {
		t.Fatalf("the good policy is gone: %+v", d)
	}
}

// With no policy ever accepted, a refused one makes the core deny everyone;
// a core re-created after a failure must deny too, not fall back to "no
// policy: full access".
func TestARefusedPolicyStillDeniesAfterACoreFailure(t *testing.T) {
	l, broken := breakableLicensing(t)
	bad := "roles:\n  network: [no]\n"
	if err := l.SetAccessPolicy(&bad); err == nil {
		t.Fatal("the policy was accepted")
	}
	ops := lw.AccessSubject{Groups: []string{"network-ops-team"}}
	if d := l.Authorize(ops, "topology_map", "execute"); d.Allow {
		t.Fatalf("a refused policy allowed: %+v", d)
	}
	broken.Store(true)
	l.Authorize(ops, "topology_neighbors", "execute")
	broken.Store(false)
	if d := l.Authorize(ops, "topology_links", "execute"); d.Allow || !strings.Contains(d.Reason, "refused") {
		t.Fatalf("the re-created core forgot the refusal: %+v", d)
	}
}
