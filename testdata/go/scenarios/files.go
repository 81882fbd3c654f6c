package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// cmdFiles exercises the file system inside dir, which must exist and be
// empty. Only paths relative to dir are printed; errors are printed as their
// fs.Err* class, never as OS-specific text (except on stderr when failing).
func cmdFiles() int {
	args := os.Args[2:]
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: scenarios files <dir>")
		return 2
	}
	dir := args[0]
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	must := func(what string, err error) {
		if err != nil {
			fmt.Printf("%s: FAILED (%s)\n", what, errClass(err))
			fmt.Fprintf(os.Stderr, "files: %s: %v\n", what, err)
			os.Exit(1)
		}
	}
	show := func(what string, v any) { fmt.Printf("%s: %v\n", what, v) }

	// An empty directory to start with.
	entries, err := os.ReadDir(dir)
	must("readdir initial", err)
	show("initial entries", len(entries))

	// Create, write, close, read back.
	f, err := os.Create(p("hello.txt"))
	must("create hello.txt", err)
	n, err := f.WriteString("hello, world\n")
	must("write hello.txt", err)
	must("close hello.txt", f.Close())
	show("wrote bytes", n)
	data, err := os.ReadFile(p("hello.txt"))
	must("readfile hello.txt", err)
	fmt.Printf("read back: %q\n", data)

	// Append.
	f, err = os.OpenFile(p("hello.txt"), os.O_APPEND|os.O_WRONLY, 0)
	must("open for append", err)
	_, err = f.WriteString("second line\n")
	must("append", err)
	must("close append", f.Close())
	data, err = os.ReadFile(p("hello.txt"))
	must("readfile after append", err)
	fmt.Printf("after append: %q\n", data)

	// Seek and read, ReadAt.
	f, err = os.Open(p("hello.txt"))
	must("open for seek", err)
	off, err := f.Seek(7, io.SeekStart)
	must("seek start", err)
	buf := make([]byte, 5)
	_, err = io.ReadFull(f, buf)
	must("read after seek", err)
	fmt.Printf("seek(7,start)=%d read=%q\n", off, buf)
	off, err = f.Seek(0, io.SeekCurrent)
	must("seek current", err)
	show("position now", off)
	off, err = f.Seek(-5, io.SeekEnd)
	must("seek end", err)
	_, err = io.ReadFull(f, buf)
	must("read after seek end", err)
	fmt.Printf("seek(-5,end)=%d read=%q\n", off, buf)
	_, err = f.Read(buf)
	fmt.Printf("read at eof: io.EOF=%v\n", err == io.EOF)
	_, err = f.ReadAt(buf, 0)
	must("readat", err)
	fmt.Printf("readat(0)=%q\n", buf)
	st, err := f.Stat()
	must("fstat", err)
	show("fstat size", st.Size())
	must("close seek", f.Close())

	// WriteAt on a read-write handle.
	f, err = os.OpenFile(p("hello.txt"), os.O_RDWR, 0)
	must("open rdwr", err)
	_, err = f.WriteAt([]byte("HELLO"), 0)
	must("writeat", err)
	must("close rdwr", f.Close())
	data, err = os.ReadFile(p("hello.txt"))
	must("readfile after writeat", err)
	fmt.Printf("after writeat: %q\n", data)

	// A larger file, written and read back in one go.
	big := make([]byte, 300_000)
	for i := range big {
		big[i] = byte(i*7 + i/251)
	}
	must("writefile big.bin", os.WriteFile(p("big.bin"), big, 0o644))
	back, err := os.ReadFile(p("big.bin"))
	must("readfile big.bin", err)
	sum := sha256.Sum256(back)
	fmt.Printf("big.bin: len=%d equal=%v sha256=%x\n", len(back), string(back) == string(big), sum[:8])

	// Rename.
	must("rename", os.Rename(p("hello.txt"), p("renamed.txt")))
	_, err = os.Stat(p("hello.txt"))
	fmt.Printf("stat old name after rename: %s\n", errClass(err))

	// Stat.
	st, err = os.Stat(p("renamed.txt"))
	must("stat renamed.txt", err)
	fmt.Printf("stat renamed.txt: name=%s size=%d isdir=%v regular=%v modtime-nonzero=%v modtime-after-2020=%v\n",
		st.Name(), st.Size(), st.IsDir(), st.Mode().IsRegular(), !st.ModTime().IsZero(),
		st.ModTime().After(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)))
	st, err = os.Stat(dir)
	must("stat dir", err)
	fmt.Printf("stat dir: isdir=%v regular=%v\n", st.IsDir(), st.Mode().IsRegular())

	// Chtimes to a fixed time.
	fixed := time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)
	must("chtimes", os.Chtimes(p("renamed.txt"), fixed, fixed))
	st, err = os.Stat(p("renamed.txt"))
	must("stat after chtimes", err)
	fmt.Printf("modtime after chtimes: %s\n", st.ModTime().UTC().Format(time.RFC3339Nano))

	// Directories.
	must("mkdir sub", os.Mkdir(p("sub"), 0o755))
	must("mkdirall a/b/c", os.MkdirAll(p("a/b/c"), 0o755))
	must("mkdirall a/b/c again", os.MkdirAll(p("a/b/c"), 0o755))
	must("writefile a/b/c/deep.txt", os.WriteFile(p("a/b/c/deep.txt"), []byte("deep\n"), 0o644))
	must("writefile a/top.txt", os.WriteFile(p("a/top.txt"), []byte("top\n"), 0o644))
	data, err = os.ReadFile(p("a/b/../b/c/deep.txt"))
	must("readfile via ..", err)
	fmt.Printf("a/b/../b/c/deep.txt: %q\n", data)

	// Symlinks.
	must("symlink", os.Symlink("renamed.txt", p("link")))
	target, err := os.Readlink(p("link"))
	must("readlink", err)
	fmt.Printf("readlink link: %q\n", target)
	lst, err := os.Lstat(p("link"))
	must("lstat link", err)
	fmt.Printf("lstat link: symlink=%v regular=%v\n", lst.Mode()&fs.ModeSymlink != 0, lst.Mode().IsRegular())
	st, err = os.Stat(p("link"))
	must("stat link", err)
	fmt.Printf("stat link: symlink=%v regular=%v size=%d\n", st.Mode()&fs.ModeSymlink != 0, st.Mode().IsRegular(), st.Size())
	data, err = os.ReadFile(p("link"))
	must("read through link", err)
	fmt.Printf("read through link: %q\n", data)
	must("symlink to dir", os.Symlink("a/b", p("dirlink")))
	data, err = os.ReadFile(p("dirlink/c/deep.txt"))
	must("read through dir link", err)
	fmt.Printf("read dirlink/c/deep.txt: %q\n", data)

	// Truncate: shorter, then longer (zero filled), then via the handle.
	must("truncate 5", os.Truncate(p("renamed.txt"), 5))
	data, err = os.ReadFile(p("renamed.txt"))
	must("read after truncate", err)
	fmt.Printf("after truncate(5): %q\n", data)
	must("truncate 8", os.Truncate(p("renamed.txt"), 8))
	data, err = os.ReadFile(p("renamed.txt"))
	must("read after extend", err)
	fmt.Printf("after truncate(8): %q\n", data)
	f, err = os.OpenFile(p("renamed.txt"), os.O_RDWR, 0)
	must("open for ftruncate", err)
	must("ftruncate", f.Truncate(2))
	must("close ftruncate", f.Close())
	data, err = os.ReadFile(p("renamed.txt"))
	must("read after ftruncate", err)
	fmt.Printf("after f.Truncate(2): %q\n", data)

	// O_TRUNC on open.
	must("writefile trunc.txt", os.WriteFile(p("trunc.txt"), []byte("0123456789"), 0o644))
	must("writefile trunc.txt again", os.WriteFile(p("trunc.txt"), []byte("abc"), 0o644))
	data, err = os.ReadFile(p("trunc.txt"))
	must("read trunc.txt", err)
	fmt.Printf("after O_TRUNC rewrite: %q\n", data)

	// CreateTemp: the name is random, print only its shape.
	tf, err := os.CreateTemp(dir, "tmp-*.txt")
	must("createtemp", err)
	base := filepath.Base(tf.Name())
	fmt.Printf("createtemp: in-dir=%v prefix=%v suffix=%v\n",
		filepath.Dir(tf.Name()) == filepath.Clean(dir), strings.HasPrefix(base, "tmp-"), strings.HasSuffix(base, ".txt"))
	must("close temp", tf.Close())
	must("remove temp", os.Remove(tf.Name()))

	// Errors, by class.
	_, err = os.Open(p("missing.txt"))
	fmt.Printf("open missing: ErrNotExist=%v\n", errors.Is(err, fs.ErrNotExist))
	_, err = os.ReadFile(p("missing-dir/x.txt"))
	fmt.Printf("read in missing dir: ErrNotExist=%v\n", errors.Is(err, fs.ErrNotExist))
	_, err = os.OpenFile(p("renamed.txt"), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	fmt.Printf("O_EXCL on existing: ErrExist=%v\n", errors.Is(err, fs.ErrExist))
	err = os.Mkdir(p("sub"), 0o755)
	fmt.Printf("mkdir existing: ErrExist=%v\n", errors.Is(err, fs.ErrExist))
	err = os.Remove(p("missing.txt"))
	fmt.Printf("remove missing: ErrNotExist=%v\n", errors.Is(err, fs.ErrNotExist))
	err = os.Remove(p("a"))
	fmt.Printf("remove non-empty dir: failed=%v\n", err != nil)
	_, err = os.ReadDir(p("renamed.txt"))
	fmt.Printf("readdir of a file: failed=%v\n", err != nil)
	var pe *fs.PathError
	_, err = os.Stat(p("missing.txt"))
	fmt.Printf("stat missing: PathError=%v op=%q\n", errors.As(err, &pe), opOf(pe))

	// Directory listing (os.ReadDir sorts by name).
	fmt.Println("listing:")
	listDir(dir)

	// WalkDir (lexical order).
	fmt.Println("walk:")
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		fmt.Printf("  %s %s\n", typeChar(d.Type()), filepath.ToSlash(rel))
		return nil
	})
	must("walkdir", err)

	// fs.FS view of the directory.
	var globbed []string
	globbed, err = fs.Glob(os.DirFS(dir), "*.txt")
	must("glob", err)
	fmt.Printf("glob *.txt: %q\n", globbed)

	// Remove and RemoveAll.
	must("remove trunc.txt", os.Remove(p("trunc.txt")))
	must("remove link", os.Remove(p("link")))
	must("remove dirlink", os.Remove(p("dirlink")))
	must("removeall a", os.RemoveAll(p("a")))
	must("removeall missing", os.RemoveAll(p("never-existed")))
	must("remove empty dir sub", os.Remove(p("sub")))
	_, err = os.Stat(p("a"))
	fmt.Printf("stat a after removeall: ErrNotExist=%v\n", errors.Is(err, fs.ErrNotExist))
	fmt.Println("listing after removals:")
	listDir(dir)

	// Working directory and relative paths.
	must("chdir dir", os.Chdir(dir))
	wd, err := os.Getwd()
	must("getwd", err)
	fmt.Printf("getwd is dir: %v\n", sameFile(wd, dir))
	must("writefile relative", os.WriteFile("rel.txt", []byte("relative\n"), 0o644))
	data, err = os.ReadFile(p("rel.txt"))
	must("read rel.txt by absolute path", err)
	fmt.Printf("rel.txt: %q\n", data)
	must("mkdir relative", os.Mkdir("d", 0o755))
	must("chdir d", os.Chdir("d"))
	wd, err = os.Getwd()
	must("getwd in d", err)
	fmt.Printf("getwd is dir/d: %v\n", sameFile(wd, p("d")))
	data, err = os.ReadFile("../rel.txt")
	must("read ../rel.txt", err)
	fmt.Printf("../rel.txt: %q\n", data)
	must("chdir ..", os.Chdir(".."))
	must("remove d", os.Remove("d"))
	must("remove rel.txt", os.Remove("rel.txt"))
	fmt.Println("final listing:")
	listDir(dir)
	fmt.Println("files: done")
	return 0
}

func listDir(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Printf("  readdir FAILED (%s)\n", errClass(err))
		return
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	fmt.Printf("  sorted=%v count=%d\n", sort.StringsAreSorted(names), len(entries))
	for _, e := range entries {
		line := fmt.Sprintf("  %s %s isdir=%v", typeChar(e.Type()), e.Name(), e.IsDir())
		if e.Type().IsRegular() {
			info, err := e.Info()
			if err != nil {
				line += " size=?(" + errClass(err) + ")"
			} else {
				line += fmt.Sprintf(" size=%d", info.Size())
			}
		}
		fmt.Println(line)
	}
}

func typeChar(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "l"
	case m.IsDir():
		return "d"
	case m.IsRegular():
		return "f"
	default:
		return "?"
	}
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}

func opOf(pe *fs.PathError) string {
	if pe == nil {
		return ""
	}
	return pe.Op
}

// errClass describes an error without OS-specific text.
func errClass(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, fs.ErrNotExist):
		return "ErrNotExist"
	case errors.Is(err, fs.ErrExist):
		return "ErrExist"
	case errors.Is(err, fs.ErrPermission):
		return "ErrPermission"
	case errors.Is(err, errors.ErrUnsupported):
		return "ErrUnsupported"
	default:
		return "other error"
	}
}
