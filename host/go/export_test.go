package licensewarden

// The internal benchmarks, for TestRatios in the external test package.
var (
	BenchBoundaryCallCheckFeature = BenchmarkBoundaryCallCheckFeature
	BenchBoundaryCallNop          = BenchmarkBoundaryCallNop
	BenchCompileModule            = BenchmarkCompileModule
	BenchCompileModuleWarmCache   = BenchmarkCompileModuleWarmCache
)
