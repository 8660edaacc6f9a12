package licensewarden

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompilationCacheDirWritableByOthersIsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	err := SetCompilationCacheDir(dir)
	if err == nil || !strings.Contains(err.Error(), "writable by group or others") {
		t.Fatalf("a world-writable cache was accepted: %v", err)
	}
}

func TestCompilationCacheDirSymlinkIsRefused(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	if err := os.Mkdir(real, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	err := SetCompilationCacheDir(link)
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("a symlinked cache was accepted: %v", err)
	}
}

func TestCompilationCacheDirAfterTheFirstNewIsTooLate(t *testing.T) {
	none := ""
	l, err := New(context.Background(), Config{Home: &none})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if err := SetCompilationCacheDir(t.TempDir()); !errors.Is(err, ErrCacheTooLate) {
		t.Fatalf("got %v, want ErrCacheTooLate", err)
	}
}

// A fresh process (this test binary again) that sets the cache before its
// first New leaves the compiled core in the directory.
func TestCompilationCacheIsWrittenByANewProcess(t *testing.T) {
	if dir := os.Getenv("LW_TEST_CACHE_CHILD"); dir != "" {
		if err := SetCompilationCacheDir(dir); err != nil {
			t.Fatal(err)
		}
		none := ""
		l, err := New(context.Background(), Config{Home: &none})
		if err != nil {
			t.Fatal(err)
		}
		l.Close()
		return
	}
	dir := filepath.Join(t.TempDir(), "cache")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCompilationCacheIsWrittenByANewProcess$")
	cmd.Env = append(os.Environ(), "LW_TEST_CACHE_CHILD="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var files int
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
		if d != nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files == 0 {
		t.Fatal("the cache directory is empty after a process compiled the core")
	}
}
