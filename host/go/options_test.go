package licensewarden_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// The defaults every host shares (tests/options.json), as this host has them.
func TestDefaultsAreTheOnesEveryHostShares(t *testing.T) {
	b, err := os.ReadFile("../../tests/options.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Options []struct {
			DefaultMs int64  `json:"default_ms"`
			Go        string `json:"go"`
		} `json:"options"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Options) == 0 {
		t.Fatalf("tests/options.json: %v", err)
	}
	ours := map[string]time.Duration{
		"ReloadInterval":         lw.DefaultReloadInterval,
		"AccessReloadInterval":   lw.DefaultAccessReloadInterval,
		"OnlineSettings.Timeout": lw.DefaultTimeout,
		"FirstCheckWait":         lw.FirstCheckWait,
	}
	for _, o := range doc.Options {
		got, ok := ours[o.Go]
		if !ok {
			t.Fatalf("tests/options.json names %s, which this host does not have", o.Go)
		}
		if got != time.Duration(o.DefaultMs)*time.Millisecond {
			t.Errorf("%s: %v, the other hosts %v ms", o.Go, got, o.DefaultMs)
		}
	}
}
