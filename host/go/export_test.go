package licensewarden

// The internal benchmarks, for TestRatios in the external test package.
var (
	BenchBoundaryCallCheckFeature = BenchmarkBoundaryCallCheckFeature
	BenchBoundaryCallNop          = BenchmarkBoundaryCallNop
	BenchCompileModule            = BenchmarkCompileModule
	BenchCompileModuleWarmCache   = BenchmarkCompileModuleWarmCache
)

// CoreCalls counts entries into wasm (tests check memo answers make none).
func (l *Licensing) CoreCalls() int64 { return l.calls.Load() }
