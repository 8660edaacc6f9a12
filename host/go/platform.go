package licensewarden

// What the Go host reads from the machine: key files (bounded, regular files
// only, opened non-blocking), the license key by the order every host uses,
// device facts by the rule every host applies, and state files.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
)

// MaxKeyFileBytes caps every key or license file this host reads.
const MaxKeyFileBytes = 64 * 1024

var (
	errTooBig  = errors.New("larger than the size cap")
	errNotFile = errors.New("not a regular file")
)

// ReadBounded reads at most limit bytes of a regular file. It opens the file
// non-blocking, so a FIFO or a device never hangs the process; larger files
// and non-files are refused.
func ReadBounded(path string, limit int) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotFile
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, errTooBig
	}
	return b, nil
}

func whyUnreadable(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "not found"
	case errors.Is(err, errTooBig):
		return "the file is larger than 64 KiB"
	case errors.Is(err, errNotFile), errors.Is(err, syscall.EISDIR):
		return "not a regular file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return "cannot read: " + err.Error()
}

var archNames = map[string]string{"amd64": "x86_64", "arm64": "aarch64", "386": "x86", "arm": "arm"}
var osNames = map[string]string{"darwin": "macos"}

// sysClassNetMAC is the rule every host applies on Linux: the first
// interface in name order other than lo with a non-zero address.
func sysClassNetMAC() string {
	entries, err := os.ReadDir("/sys/class/net")
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "lo" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := ReadBounded(filepath.Join("/sys/class/net", n, "address"), 4096)
		if err != nil {
			continue
		}
		if mac := strings.TrimSpace(string(b)); mac != "" && mac != "00:00:00:00:00:00" {
			return mac
		}
	}
	return ""
}

func interfaceMAC() string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return ""
	}
	sort.Slice(ifaces, func(i, j int) bool { return ifaces[i].Name < ifaces[j].Name })
	for _, i := range ifaces {
		mac := i.HardwareAddr.String()
		if i.Flags&net.FlagLoopback == 0 && mac != "" && mac != "00:00:00:00:00:00" {
			return mac
		}
	}
	return ""
}

// MachineFacts returns this machine's MAC, hostname, arch and OS, chosen as
// every host chooses them, so one machine has one device id.
func MachineFacts() DeviceFacts {
	mac := sysClassNetMAC()
	if mac == "" {
		mac = interfaceMAC()
	}
	host, _ := os.Hostname()
	arch := runtime.GOARCH
	if a, ok := archNames[arch]; ok {
		arch = a
	}
	osName := runtime.GOOS
	if o, ok := osNames[osName]; ok {
		osName = o
	}
	return DeviceFacts{MAC: mac, Hostname: host, Arch: arch, OS: osName}
}

// Store keeps the core's sealed state slots (slot `validation`) and the
// rollback witnesses (slots `witness-...`).
type Store interface {
	// Load returns a slot's contents, or false when absent or unreadable.
	Load(slot string) (string, bool)
	// Save writes a slot atomically; an error (path and cause) is reported
	// by the core as `state-not-saved`.
	Save(slot, data string) error
}

// NewestChanger is a Store that observes file times: the newest
// modification time (unix ms) of its files and the OS time files, which a
// clock set back would be behind (0: none).
type NewestChanger interface {
	NewestChange() int64
}

// MemoryStore keeps slots in memory (tests, processes without a disk).
func MemoryStore() Store { return &memoryStore{slots: map[string]string{}} }

type memoryStore struct {
	slots  map[string]string
	newest int64
}

// NewestChange is what SetNewestChange injected (tests), else 0.
func (m *memoryStore) NewestChange() int64 { return m.newest }

// SetNewestChange injects a file time (conformance vectors).
func (m *memoryStore) SetNewestChange(ms int64) { m.newest = ms }

// Remove deletes a slot (tests: a deleted witness).
func (m *memoryStore) Remove(slot string) { delete(m.slots, slot) }

func (m *memoryStore) Load(slot string) (string, bool) {
	v, ok := m.slots[slot]
	return v, ok
}

func (m *memoryStore) Save(slot, data string) error {
	m.slots[slot] = data
	return nil
}

// FileStore keeps slots as files in dir, written atomically (temp file +
// rename, mode 0600) and read bounded; witnessDir ("" = dir) holds the
// rollback witnesses.
func FileStore(dir string, witnessDir ...string) Store {
	f := fileStore{dir: dir, fileTimes: true}
	if len(witnessDir) > 0 {
		f.witnessDir = witnessDir[0]
	}
	return f
}

type fileStore struct {
	dir, witnessDir string
	fileTimes       bool
}

// osTimeFiles are stamped by the OS as its clock moves (systemd-timesyncd,
// at every synchronisation).
var osTimeFiles = []string{"/var/lib/systemd/timesync/clock"}

// NewestChange is the newest modification time (unix ms) of the store's
// directories, their slot files and the OS time files.
func (f fileStore) NewestChange() int64 {
	if !f.fileTimes {
		return 0
	}
	paths := append([]string(nil), osTimeFiles...)
	for _, d := range []string{f.dir, f.witnessDir} {
		if d == "" {
			continue
		}
		paths = append(paths, d)
		if m, err := filepath.Glob(filepath.Join(d, "*.state")); err == nil {
			if len(m) > 64 {
				m = m[:64]
			}
			paths = append(paths, m...)
		}
	}
	var newest int64
	for _, p := range paths {
		if st, err := os.Lstat(p); err == nil && st.ModTime().UnixMilli() > newest {
			newest = st.ModTime().UnixMilli()
		}
	}
	return newest
}

var slotName = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$`)

func (f fileStore) path(slot string) (string, error) {
	if !slotName.MatchString(slot) {
		return "", fmt.Errorf("invalid slot name %q", slot)
	}
	if f.witnessDir != "" && strings.HasPrefix(slot, "witness-") {
		return filepath.Join(f.witnessDir, slot+".state"), nil
	}
	return filepath.Join(f.dir, slot+".state"), nil
}

func (f fileStore) Load(slot string) (string, bool) {
	p, err := f.path(slot)
	if err != nil {
		return "", false
	}
	b, err := ReadBounded(p, 1<<20)
	if err != nil {
		return "", false
	}
	return string(b), true
}

func (f fileStore) Save(slot, data string) error {
	p, err := f.path(slot)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), slot+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
