package licensewarden

// The canonical ABI primitives the generated bindings (bindings.go) build on:
// reading and writing guest memory, allocating through the guest's
// cabi_realloc, and flat values. Every failure (an address outside memory,
// invalid UTF-8, a failed allocation) is recorded on the abi and turned into
// an error by the caller, never a Go panic in the host's own code.

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tetratelabs/wazero/api"
)

type abi struct {
	ctx     context.Context
	mem     api.Memory
	realloc api.Function
	err     error
}

// reallocs holds each live module's cabi_realloc: wazero builds a new call
// engine on every ExportedFunction lookup, which was most of the cost of an
// uncached call when done for every export call and import callback.
// Calls into one module are serialised (Licensing.mu), so sharing the
// function is safe.
var reallocs sync.Map // api.Module -> api.Function (nil when absent)

func newABI(ctx context.Context, mod api.Module) *abi {
	f, ok := reallocs.Load(mod)
	if !ok {
		f, _ = reallocs.LoadOrStore(mod, mod.ExportedFunction("cabi_realloc"))
	}
	realloc, _ := f.(api.Function)
	return &abi{ctx: ctx, mem: mod.Memory(), realloc: realloc}
}

// closeModule closes mod and forgets what was cached for it.
func closeModule(ctx context.Context, mod api.Module) error {
	reallocs.Delete(mod)
	return mod.Close(ctx)
}

func (a *abi) fail(format string, args ...any) {
	if a.err == nil {
		a.err = fmt.Errorf("licensewarden: canonical ABI: "+format, args...)
	}
}

// check aborts a host function (wazero turns the panic into a trap of the
// guest call) when lifting its arguments or lowering its result failed.
func (a *abi) check() {
	if a.err != nil {
		panic(a.err)
	}
}

func missingExport(name string) error {
	return fmt.Errorf("licensewarden: the core module lacks the export %q (built from another WIT?)", name)
}

// pad fills flat values up to end: the unused slots of a variant's join.
func pad(out []uint64, end int) []uint64 {
	for len(out) < end {
		out = append(out, 0)
	}
	return out
}

// fits reports whether n elements of size bytes at ptr lie inside memory.
func (a *abi) fits(ptr, n, size uint32) bool {
	total := uint64(n) * uint64(size)
	if a.mem == nil || uint64(ptr)+total > uint64(a.mem.Size()) {
		a.fail("list of %d elements at %d is outside memory", n, ptr)
		return false
	}
	return true
}

func (a *abi) alloc(size, align uint32) uint32 {
	if a.err != nil {
		return 0
	}
	if a.realloc == nil {
		a.fail("the core module exports no cabi_realloc")
		return 0
	}
	res, err := a.realloc.Call(a.ctx, 0, 0, uint64(align), uint64(size))
	if err != nil {
		a.fail("cabi_realloc(%d): %v", size, err)
		return 0
	}
	return uint32(res[0])
}

// inMemory is v when the read at p succeeded; otherwise the call fails
// naming the address.
func inMemory[T any](a *abi, p uint32, v T, ok bool) T {
	if !ok {
		a.fail("read at %d is outside memory", p)
	}
	return v
}

func (a *abi) loadU8(p uint32) uint8 {
	v, ok := a.mem.ReadByte(p)
	return inMemory(a, p, v, ok)
}

func (a *abi) loadU16(p uint32) uint16 {
	v, ok := a.mem.ReadUint16Le(p)
	return inMemory(a, p, v, ok)
}

func (a *abi) loadU32(p uint32) uint32 {
	v, ok := a.mem.ReadUint32Le(p)
	return inMemory(a, p, v, ok)
}

func (a *abi) loadU64(p uint32) uint64 {
	v, ok := a.mem.ReadUint64Le(p)
	return inMemory(a, p, v, ok)
}

func (a *abi) loadBool(p uint32) bool { return a.loadU8(p) != 0 }

func (a *abi) loadString(p uint32) string { return a.readString(a.loadU32(p), a.loadU32(p+4)) }

func (a *abi) readString(ptr, n uint32) string {
	if a.err != nil {
		return ""
	}
	b, ok := a.mem.Read(ptr, n)
	if !ok {
		a.fail("string of %d bytes at %d is outside memory", n, ptr)
		return ""
	}
	if !utf8.Valid(b) {
		a.fail("string at %d is not UTF-8", ptr)
		return ""
	}
	return string(b)
}

func (a *abi) write(ok bool, p uint32) {
	if !ok {
		a.fail("write at %d is outside memory", p)
	}
}

func (a *abi) storeU8(p uint32, v uint8)   { a.write(a.mem.WriteByte(p, v), p) }
func (a *abi) storeU16(p uint32, v uint16) { a.write(a.mem.WriteUint16Le(p, v), p) }
func (a *abi) storeU32(p uint32, v uint32) { a.write(a.mem.WriteUint32Le(p, v), p) }
func (a *abi) storeU64(p uint32, v uint64) { a.write(a.mem.WriteUint64Le(p, v), p) }

func (a *abi) storeBool(p uint32, v bool) {
	if v {
		a.storeU8(p, 1)
	} else {
		a.storeU8(p, 0)
	}
}

func (a *abi) allocString(s string) (uint32, uint32) {
	// A Go string may hold any bytes; a component string is UTF-8. Invalid
	// sequences become U+FFFD, so (for example) a state file with a flipped
	// high bit reaches the core as text that fails its seal, never as bytes
	// the guest would read as UTF-8 unchecked.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	ptr := a.alloc(uint32(len(s)), 1)
	if a.err == nil && len(s) > 0 {
		a.write(a.mem.WriteString(ptr, s), ptr)
	}
	return ptr, uint32(len(s))
}

func (a *abi) storeString(p uint32, s string) {
	ptr, n := a.allocString(s)
	a.storeU32(p, ptr)
	a.storeU32(p+4, n)
}

// The primitive helpers cover every WIT primitive the generator may name;
// today's WIT has no flat u8 parameter or result.
//
//lint:ignore U1000 called by generated bindings once the WIT passes a u8 flat
func (a *abi) lowerU8(v uint8, out []uint64) []uint64   { return append(out, uint64(v)) }
func (a *abi) lowerU16(v uint16, out []uint64) []uint64 { return append(out, uint64(v)) }
func (a *abi) lowerU32(v uint32, out []uint64) []uint64 { return append(out, uint64(v)) }
func (a *abi) lowerU64(v uint64, out []uint64) []uint64 { return append(out, v) }

func (a *abi) lowerBool(v bool, out []uint64) []uint64 {
	if v {
		return append(out, 1)
	}
	return append(out, 0)
}

func (a *abi) lowerString(s string, out []uint64) []uint64 {
	ptr, n := a.allocString(s)
	return append(out, uint64(ptr), uint64(n))
}

//lint:ignore U1000 called by generated bindings once the WIT returns a u8 flat
func (a *abi) liftU8(vals []uint64, i *int) uint8 {
	*i++
	return uint8(vals[*i-1])
}

func (a *abi) liftU16(vals []uint64, i *int) uint16 {
	*i++
	return uint16(vals[*i-1])
}

func (a *abi) liftU32(vals []uint64, i *int) uint32 {
	*i++
	return uint32(vals[*i-1])
}

func (a *abi) liftU64(vals []uint64, i *int) uint64 {
	*i++
	return vals[*i-1]
}

func (a *abi) liftBool(vals []uint64, i *int) bool {
	*i++
	return uint32(vals[*i-1]) != 0
}

func (a *abi) liftString(vals []uint64, i *int) string {
	*i += 2
	return a.readString(uint32(vals[*i-2]), uint32(vals[*i-1]))
}
