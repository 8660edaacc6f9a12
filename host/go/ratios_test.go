package licensewarden_test

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// TestRatios prints each benchmark figure against its baseline in
// interleaved rounds (LW_BENCH_ROUNDS, default 7; the order alternates so
// neither side always runs on a warmer core): the median ratio and its
// min-max. Figures, not assertions: it runs only under scripts/bench.sh
// (LW_BENCH=1), e.g. `LW_BENCH=1 go test -run '^TestRatios$' -benchtime 300ms .`
func TestRatios(t *testing.T) {
	if os.Getenv("LW_BENCH") == "" {
		t.Skip("a benchmark: scripts/bench.sh runs it with LW_BENCH=1")
	}
	rounds := 7
	if n, err := strconv.Atoi(os.Getenv("LW_BENCH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	pairs := []struct {
		name              string
		subject, baseline func(*testing.B)
	}{
		{"verify: through wazero vs crypto/ed25519", BenchmarkVerifyThroughWazero, BenchmarkVerifyNativeEd25519},
		{"boundary: uncached check-feature vs wazero's bare call of an empty export", lw.BenchBoundaryCallCheckFeature, lw.BenchBoundaryCallNop},
		{"snapshot: CheckFeature allowed vs map + time.Now()", BenchmarkCheckFeatureSnapshot, BenchmarkMapLookupPlusClock},
		{"denial: CheckFeature denied (memo) vs map + time.Now()", BenchmarkCheckFeatureDeniedMemo, BenchmarkMapLookupPlusClock},
		{"access: Authorize (memo) vs a map of the question", BenchmarkAuthorizeMemo, BenchmarkAccessTableLookup},
		{"access: Authorize (memo) vs a map of the question + time.Now()", BenchmarkAuthorizeMemo, BenchmarkAccessTableLookupPlusClock},
		{"start: compile the module, cold vs SetCompilationCacheDir warm", lw.BenchCompileModule, lw.BenchCompileModuleWarmCache},
	}
	ns := func(f func(*testing.B)) float64 {
		r := testing.Benchmark(f)
		return float64(r.T.Nanoseconds()) / float64(r.N)
	}
	median := func(xs []float64) float64 {
		s := slices.Clone(xs)
		slices.Sort(s)
		if len(s)%2 == 1 {
			return s[len(s)/2]
		}
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	for _, p := range pairs {
		var subj, base, ratios []float64
		for r := range rounds {
			var x, y float64
			if r%2 == 1 {
				x, y = ns(p.subject), ns(p.baseline)
			} else {
				y = ns(p.baseline)
				x = ns(p.subject)
			}
			subj, base, ratios = append(subj, x), append(base, y), append(ratios, x/y)
		}
		fmt.Printf("%s: %s vs %s, ratio %.2fx [%.2f-%.2f]\n", p.name, human(median(subj)), human(median(base)),
			median(ratios), slices.Min(ratios), slices.Max(ratios))
	}
}

func human(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.1f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.1f ns", ns)
	}
}
