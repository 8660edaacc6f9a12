package licensewarden

// The core's stateless rules (where the key comes from, what a key file
// must hold, which header carries a caller's key) through one shared
// instance, for the functions that run before or without a Licensing:
// TrustedKeyFromFile runs before any configuration exists. Calls are
// serialised; an instance that traps is dropped and the next call makes a
// new one.

import (
	"context"
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

var rules struct {
	sync.Mutex
	ctx context.Context
	mod api.Module
	g   *exports
}

// withRules runs fn on the shared rules instance.
func withRules(fn func(ctx context.Context, g *exports) error) error {
	rules.Lock()
	defer rules.Unlock()
	if rules.g == nil {
		rt, compiled, err := runtimeAndModule()
		if err != nil {
			return internalError("compiling the core module", err)
		}
		// The stateless exports read no clock, facts, store or randomness;
		// these answer harmlessly if one ever did.
		imp := &hostImports{clock: time.Now, store: MemoryStore(), random: rand.Reader}
		ctx := context.WithValue(context.Background(), importsKey{}, Imports(imp))
		mod, err := rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions("_initialize"))
		if err != nil {
			return internalError("instantiating the core module", err)
		}
		g, err := bindExports(mod)
		if err != nil {
			closeModule(ctx, mod)
			return internalError("binding the core module", err)
		}
		rules.ctx, rules.mod, rules.g = ctx, mod, g
	}
	if err := fn(rules.ctx, rules.g); err != nil {
		closeModule(rules.ctx, rules.mod)
		rules.g = nil
		return internalError("the core's key rules", err)
	}
	return nil
}

// readForCore reads a key file (bounded, regular files only) as the core
// takes it: the bytes, or the platform's error mapped to a reason.
func readForCore(path string) Result[[]byte, ReadError] {
	b, err := ReadBounded(path, MaxKeyFileBytes)
	if err == nil {
		return Result[[]byte, ReadError]{Ok: b}
	}
	r, detail := unreadableReason(err)
	return Result[[]byte, ReadError]{IsErr: true, Err: ReadError{Reason: r, Detail: detail}}
}

// unreadableReason maps a failed bounded read to the core's reason (the
// core words the message), with the platform's words for any other error.
func unreadableReason(err error) (UnreadableReason, string) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return UnreadableReasonNotFound, ""
	case errors.Is(err, errTooBig):
		return UnreadableReasonTooLarge, ""
	case errors.Is(err, errNotFile), errors.Is(err, syscall.EISDIR):
		return UnreadableReasonNotARegularFile, ""
	case errors.Is(err, fs.ErrPermission):
		return UnreadableReasonPermissionDenied, ""
	}
	return UnreadableReasonOther, err.Error()
}

// TrustedKeyFromFile reads a key file written by `licensewarden keygen`
// ({"kid", "algorithm", "key"}) by the core's rule: a private key is
// refused, and an HMAC secret must not be readable by other users.
func TrustedKeyFromFile(path string) (TrustedKey, error) {
	read := readForCore(path)
	st, err := os.Stat(path)
	shared := err == nil && st.Mode().Perm()&0o077 != 0
	var r Result[TrustedKey, Error]
	if err := withRules(func(ctx context.Context, g *exports) (err error) {
		r, err = g.TrustedKeyFile(ctx, path, read, shared)
		return err
	}); err != nil {
		return TrustedKey{}, err
	}
	if r.IsErr {
		return TrustedKey{}, &r.Err
	}
	return r.Ok, nil
}

// places are the core's names for product; an error only when the core
// itself cannot run (never a guessed name: a wrong one would put the state
// or read the variables somewhere else, silently).
func places(product string) (KeyPlaces, error) {
	var p KeyPlaces
	err := withRules(func(ctx context.Context, g *exports) (err error) {
		p, err = g.KeyPlaces(ctx, product)
		return err
	})
	return p, err
}

// productDir is the product's directory name: `Acme DB` → `acme-db` (the
// home key file lives in `.<productDir>`).
func productDir(product string) (string, error) {
	p, err := places(product)
	if err != nil {
		return "", err
	}
	if len(p.HomeFile) == 0 {
		return "", internalError("key-places", errors.New("no home file"))
	}
	return strings.TrimPrefix(p.HomeFile[0], "."), nil
}

// EnvPrefix is the prefix of every variable a product reads: `acme-db` →
// `ACME_DB`; "" only when the core cannot run.
func EnvPrefix(product string) string {
	p, _ := places(product)
	return p.Prefix
}

// ResolveKey finds the license key by the core's rule: <PREFIX>_LICENSE_KEY
// > <PREFIX>_LICENSE_KEY_FILE > <home>/.<product>/license.key > none, keys
// trimmed and a file's first non-empty line taken. A named file that cannot
// be used is KeyInputUnreadable with the reason (the core then rejects the
// license naming the file), never a silent community tier.
func ResolveKey(product string, getenv func(string) string, home string) KeyInput {
	return resolveKey(product, nil, getenv, home)
}

// resolveKey asks the core where to look, looks, and reads the one file
// the core names. A failure of the core itself is an unreadable source,
// so the license is invalid rather than silently the community tier.
func resolveKey(product string, explicit *string, getenv func(string) string, home string) KeyInput {
	var k KeyInput
	err := withRules(func(ctx context.Context, g *exports) error {
		p, err := g.KeyPlaces(ctx, product)
		if err != nil {
			return err
		}
		found := KeyLookup{Explicit: explicit, KeyVar: lookup(getenv, p.KeyVar), FileVar: lookup(getenv, p.FileVar)}
		if home != "" {
			f := filepath.Join(append([]string{home}, p.HomeFile...)...)
			found.HomeFile = &f
		}
		step, err := g.FindKey(ctx, product, found)
		if err != nil || step.Case == KeyStepDone {
			k = step.Done
			return err
		}
		k, err = g.KeyFromFile(ctx, step.Read, readForCore(step.Read.Path))
		return err
	})
	if err != nil {
		return KeyInput{Case: KeyInputUnreadable, Unreadable: UnreadableKey{Source: "key-sources", Reason: UnreadableReasonOther, Detail: err.Error()}}
	}
	return k
}

func lookup(getenv func(string) string, name string) *string {
	if v := getenv(name); v != "" {
		return &v
	}
	return nil
}

// keySource is where the key came from, as `info` shows it.
func keySource(k KeyInput) string {
	switch k.Case {
	case KeyInputKey:
		return k.Key.Source
	case KeyInputUnreadable:
		return k.Unreadable.Source
	}
	return "none"
}
