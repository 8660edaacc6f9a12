package licensewarden

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"
)

// One call across the boundary: check-feature straight into wasm (no
// snapshot, no memo), for a feature the license lacks.
func BenchmarkBoundaryCallCheckFeature(b *testing.B) {
	none := ""
	l, err := New(context.Background(), Config{Home: &none})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for b.Loop() {
		var r Result[struct{}, Error]
		if e := l.enter("check-feature", func(g *exports) (err error) { r, err = g.CheckFeature(l.ctx, "warehouse"); return }); e != nil || !r.IsErr {
			b.Fatal("allowed")
		}
	}
}

// wazero's bare call of an exported function that does nothing: the floor
// of any boundary call.
func BenchmarkBoundaryCallNop(b *testing.B) {
	ctx := context.Background()
	rt := wazero.NewRuntime(ctx)
	defer rt.Close(ctx)
	mod, err := rt.InstantiateWithConfig(ctx, []byte{
		0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
		0x07, 0x07, 0x01, 0x03, 'n', 'o', 'p', 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
	}, wazero.NewModuleConfig())
	if err != nil {
		b.Fatal(err)
	}
	nop := mod.ExportedFunction("nop")
	for b.Loop() {
		if _, err := nop.Call(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// Compiling the embedded module: paid once per process (the shared runtime).
func BenchmarkCompileModule(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		rt := wazero.NewRuntime(ctx)
		if _, err := rt.CompileModule(ctx, coreModule); err != nil {
			b.Fatal(err)
		}
		rt.Close(ctx)
	}
}

// Compiling the embedded module with SetCompilationCacheDir's cache warm:
// each iteration opens the directory afresh, as a new process would.
func BenchmarkCompileModuleWarmCache(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	warm, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCompilationCache(warm))
	if _, err := rt.CompileModule(ctx, coreModule); err != nil {
		b.Fatal(err)
	}
	rt.Close(ctx)
	for b.Loop() {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCompilationCache(cache))
		if _, err := rt.CompileModule(ctx, coreModule); err != nil {
			b.Fatal(err)
		}
		rt.Close(ctx)
		cache.Close(ctx)
	}
}
