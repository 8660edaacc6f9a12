package licensewarden

import (
	"errors"
	"fmt"
	"os"

	"github.com/tetratelabs/wazero"
)

// The compilation cache is opt-in, not a default under the user's cache
// directory: it holds the machine code this process executes for the core,
// so whoever can write there can make every license check say yes without
// touching the product's binary. wazero says the same ("the embedder must
// safeguard this directory"). A product that installs a directory only its
// owner can write (/var/cache/acme, created 0700 by the installer) gets the
// warm start; everyone else compiles in memory, ~100 ms once per process.
var cacheSetting struct {
	dir   string
	cache wazero.CompilationCache
}

// ErrCacheTooLate is returned by SetCompilationCacheDir once a Licensing
// has been created: the core is compiled once per process, at the first.
var ErrCacheTooLate = errors.New("licensewarden: SetCompilationCacheDir must be called before the first licensewarden.New (the core is compiled once per process)")

// SetCompilationCacheDir keeps wazero's compiled core in dir, so a process
// that starts again skips compiling it (README "Benchmarks": cold and warm
// start). Call it before the first New. dir is created 0700 if missing; it
// must be a real directory (not a symlink) that neither group nor others
// can write, or the call fails and nothing is cached. "" turns the cache
// off again.
func SetCompilationCacheDir(dir string) error {
	if dir == "" {
		if shared.started() {
			return ErrCacheTooLate
		}
		cacheSetting.dir, cacheSetting.cache = "", nil
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("licensewarden: compilation cache %q: %w", dir, err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("licensewarden: compilation cache %q: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("licensewarden: compilation cache %q is not a directory (a symlink or a file); pass a directory the product owns", dir)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("licensewarden: compilation cache %q is writable by group or others (mode %04o): anyone who can write there can change the code that checks licenses; chmod go-w it or pass another directory", dir, fi.Mode().Perm())
	}
	if shared.started() {
		return ErrCacheTooLate
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return fmt.Errorf("licensewarden: compilation cache %q: %w", dir, err)
	}
	cacheSetting.dir, cacheSetting.cache = dir, cache
	return nil
}

// runtimeConfig is the one runtime configuration: 32 MiB of guest memory
// (far above what the core needs; the cap keeps a misbehaving module from
// taking the process down), plus the cache when one was set.
func runtimeConfig() wazero.RuntimeConfig {
	cfg := wazero.NewRuntimeConfig().WithMemoryLimitPages(512)
	if cacheSetting.cache != nil {
		cfg = cfg.WithCompilationCache(cacheSetting.cache)
	}
	return cfg
}
