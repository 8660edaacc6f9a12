package licensewarden

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"
)

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
