package dev.wasm2jar.wasi;

import static dev.wasm2jar.wasi.Abi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** path_* calls on a preopened @TempDir (fd 3), errors included. */
class PathTest {
    private static final int FOLLOW = LOOKUP_SYMLINK_FOLLOW;

    /** What Go asks for on os.Open (O_RDONLY): see syscall/fs_wasip1.go. */
    private static final long GO_FILE_RIGHTS = RIGHT_FD_DATASYNC | RIGHT_FD_READ | RIGHT_FD_SEEK
            | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_SYNC | RIGHT_FD_TELL | RIGHT_FD_WRITE | RIGHT_FD_ADVISE
            | RIGHT_FD_ALLOCATE | RIGHT_PATH_CREATE_DIRECTORY | RIGHT_PATH_CREATE_FILE | RIGHT_PATH_LINK_SOURCE
            | RIGHT_PATH_LINK_TARGET | RIGHT_PATH_OPEN | RIGHT_FD_READDIR | RIGHT_PATH_READLINK
            | RIGHT_PATH_RENAME_SOURCE | RIGHT_PATH_RENAME_TARGET | RIGHT_PATH_FILESTAT_GET
            | RIGHT_PATH_FILESTAT_SET_SIZE | RIGHT_PATH_FILESTAT_SET_TIMES | RIGHT_FD_FILESTAT_GET
            | RIGHT_FD_FILESTAT_SET_SIZE | RIGHT_FD_FILESTAT_SET_TIMES | RIGHT_PATH_SYMLINK
            | RIGHT_PATH_REMOVE_DIRECTORY | RIGHT_PATH_UNLINK_FILE | RIGHT_POLL_FD_READWRITE;
    private static final long GO_WRITE_RIGHTS = RIGHT_FD_DATASYNC | RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE
            | RIGHT_PATH_FILESTAT_SET_SIZE;

    @TempDir
    Path dir;

    Guest g;

    @BeforeEach
    void setUp() {
        g = new Guest(WasiHost.builder().preopen(dir, "/"));
    }

    private int call(String fn, String path) {
        return g.call(fn, 3, g.str(path), Guest.len(path));
    }

    private int open(String path, int oflags, long rights) {
        return g.open(3, FOLLOW, path, oflags, rights, rights, 0);
    }

    // ---- path_open ----

    @Test
    void openFlags() throws Exception {
        assertEquals(Errno.ENOENT, open("new", 0, Guest.RW));
        assertEquals(0, open("new", OFLAGS_CREAT, Guest.RW));
        assertTrue(Files.isRegularFile(dir.resolve("new")));
        g.write(g.lastFd, "content");
        assertEquals(Errno.EEXIST, open("new", OFLAGS_CREAT | OFLAGS_EXCL, Guest.RW));
        assertEquals(0, open("new", OFLAGS_CREAT, Guest.READ), "CREAT on an existing file opens it");
        assertEquals("content", g.read(g.lastFd, 100));
        assertEquals(0, open("new", OFLAGS_TRUNC, Guest.RW));
        assertEquals(0, Files.size(dir.resolve("new")));
        assertEquals(0, open("excl", OFLAGS_CREAT | OFLAGS_EXCL, Guest.RW));
        assertEquals(Errno.ENOTDIR, open("new", OFLAGS_DIRECTORY, RIGHT_FD_READDIR));
        assertEquals(Errno.ENOTDIR, open("new/", 0, Guest.READ));
        assertEquals(Errno.ENOTDIR, open("new/x", OFLAGS_CREAT, Guest.RW));
        assertEquals(Errno.ENOENT, open("nodir/x", OFLAGS_CREAT, Guest.RW));
        assertEquals(Errno.EINVAL, open("d", OFLAGS_CREAT | OFLAGS_DIRECTORY, Guest.RW));
        assertEquals(Errno.EINVAL, open("new", 16, Guest.RW));
        assertEquals(Errno.EINVAL, g.open(3, FOLLOW, "new", 0, Guest.RW, Guest.RW, 32));
        assertEquals(Errno.ENOENT, open("", 0, Guest.READ));
    }

    @Test
    void readOnlyCreateAndTruncate() throws Exception {
        // O_RDONLY|O_CREAT creates; O_RDONLY|O_TRUNC truncates (Linux)
        assertEquals(0, open("ro", OFLAGS_CREAT, Guest.READ));
        assertTrue(Files.exists(dir.resolve("ro")));
        Files.writeString(dir.resolve("ro"), "xyz");
        assertEquals(0, open("ro", OFLAGS_TRUNC, Guest.READ));
        assertEquals(0, Files.size(dir.resolve("ro")));
        assertEquals(Errno.EBADF, g.write(g.lastFd, "no"));
    }

    @Test
    void openDirectories() throws Exception {
        Files.createDirectory(dir.resolve("d"));
        Files.writeString(dir.resolve("d/f"), "in d");
        assertEquals(0, g.open(3, FOLLOW, "d", OFLAGS_DIRECTORY, RIGHT_FD_READDIR | RIGHT_PATH_OPEN, Guest.READ, 0));
        int d = g.lastFd;
        long[] st = g.fdstat(d);
        assertEquals(FILETYPE_DIRECTORY, st[0]);
        assertEquals(RIGHT_FD_READDIR | RIGHT_PATH_OPEN, st[2]);
        // a path relative to the new directory fd
        assertEquals(0, g.open(d, FOLLOW, "f", 0, Guest.READ, Guest.READ, 0));
        assertEquals("in d", g.read(g.lastFd, 100));
        // what the directory does not pass on cannot be had
        assertEquals(Errno.ENOTCAPABLE, g.open(d, FOLLOW, "f", 0, Guest.RW, 0, 0));
        // directories cannot be opened for writing (EISDIR), like POSIX and as Go expects
        assertEquals(Errno.EISDIR, open("d", 0, GO_FILE_RIGHTS));
        assertEquals(Errno.EISDIR, open("d", OFLAGS_TRUNC, Guest.READ));
        assertEquals(Errno.EISDIR, open("d", OFLAGS_CREAT, Guest.READ));
        // Go's os.Open(dir): the read-only file rights, no O_DIRECTORY: a directory fd
        assertEquals(0, g.open(3, FOLLOW, "d", 0, GO_FILE_RIGHTS & ~GO_WRITE_RIGHTS, GO_FILE_RIGHTS, 0));
        assertEquals(FILETYPE_DIRECTORY, g.fdstat(g.lastFd)[0]);
        assertEquals(0, open(".", OFLAGS_DIRECTORY, RIGHT_FD_READDIR));
        assertEquals(0, open("d/..", OFLAGS_DIRECTORY, RIGHT_FD_READDIR));
        assertEquals(0, open("d/", 0, RIGHT_FD_READDIR));
        assertEquals(Errno.EISDIR, open("newdir/", OFLAGS_CREAT, Guest.RW));
    }

    @Test
    void openSymlinks() throws Exception {
        Files.writeString(dir.resolve("target"), "via link");
        Files.createSymbolicLink(dir.resolve("link"), Paths.get("target"));
        Files.createSymbolicLink(dir.resolve("dangling"), Paths.get("created-through-link"));
        assertEquals(0, open("link", 0, Guest.READ));
        assertEquals("via link", g.read(g.lastFd, 100));
        assertEquals(Errno.ELOOP, g.open(3, 0, "link", 0, Guest.READ, Guest.READ, 0), "not followed: O_NOFOLLOW");
        // O_CREAT through a dangling symlink creates its target ...
        assertEquals(0, open("dangling", OFLAGS_CREAT, Guest.RW));
        assertTrue(Files.isRegularFile(dir.resolve("created-through-link")));
        // ... but O_CREAT|O_EXCL never follows
        assertEquals(Errno.EEXIST, open("link", OFLAGS_CREAT | OFLAGS_EXCL, Guest.RW));
    }

    @Test
    void rightsBeyondTheDirectorysInheritingAreRefused() {
        Guest h = new Guest(WasiHost.builder().preopen(dir, "/"));
        long[] st = h.fdstat(3);
        h.ok("fd_fdstat_set_rights", 3, st[2], RIGHT_FD_READ | RIGHT_FD_SEEK);
        assertEquals(Errno.ENOTCAPABLE, h.open(3, 0, "x", OFLAGS_CREAT, RIGHT_FD_WRITE, 0, 0));
        assertEquals(Errno.ENOTCAPABLE, h.open(3, 0, "x", OFLAGS_CREAT, RIGHT_FD_READ, RIGHT_FD_WRITE, 0));
        assertEquals(0, h.open(3, 0, "x", OFLAGS_CREAT, RIGHT_FD_READ, RIGHT_FD_SEEK, 0));
        // undefined right bits are ignored (Go's fullRights sets them)
        assertEquals(0, h.open(3, 0, "x", 0, RIGHT_FD_READ | (1L << 40), 0, 0));
        h.ok("fd_fdstat_set_rights", 3, st[2] & ~RIGHT_PATH_OPEN, RIGHT_FD_READ | RIGHT_FD_SEEK);
        assertEquals(Errno.ENOTCAPABLE, h.open(3, 0, "x", 0, RIGHT_FD_READ, 0, 0));
    }

    @Test
    void pathOpsNeedADirectory() throws Exception {
        int fd = g.openOk(3, "file", OFLAGS_CREAT, Guest.RW, 0);
        assertEquals(Errno.ENOTDIR, g.open(fd, 0, "x", 0, Guest.READ, 0, 0));
        g.fails(Errno.ENOTDIR, "path_create_directory", fd, g.str("x"), 1);
        g.fails(Errno.EBADF, "path_create_directory", 1, g.str("x"), 1);
        g.fails(Errno.EBADF, "path_create_directory", 99, g.str("x"), 1);
        int buf = g.alloc(64);
        g.fails(Errno.EBADF, "path_filestat_get", 0, 0, g.str("x"), 1, buf);
    }

    // ---- directories ----

    @Test
    void createAndRemoveDirectories() throws Exception {
        assertEquals(0, call("path_create_directory", "a"));
        assertTrue(Files.isDirectory(dir.resolve("a")));
        assertEquals(0, call("path_create_directory", "a/b/"));
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
        assertEquals(Errno.EEXIST, call("path_create_directory", "a"));
        assertEquals(Errno.EEXIST, call("path_create_directory", "a/."));
        assertEquals(Errno.ENOENT, call("path_create_directory", "x/y"));
        Files.writeString(dir.resolve("f"), "");
        assertEquals(Errno.ENOTDIR, call("path_create_directory", "f/y"));
        assertEquals(Errno.EEXIST, call("path_create_directory", "f"));

        assertEquals(Errno.ENOTEMPTY, call("path_remove_directory", "a"));
        assertEquals(Errno.ENOTDIR, call("path_remove_directory", "f"));
        assertEquals(Errno.ENOENT, call("path_remove_directory", "nope"));
        assertEquals(Errno.EINVAL, call("path_remove_directory", "a/b/."));
        assertEquals(Errno.ENOTEMPTY, call("path_remove_directory", "a/b/.."));
        assertEquals(0, call("path_remove_directory", "a/b"));
        assertEquals(0, call("path_remove_directory", "a/"));
        assertFalse(Files.exists(dir.resolve("a")));
        Files.createDirectory(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("dlink"), Paths.get("real"));
        assertEquals(Errno.ENOTDIR, call("path_remove_directory", "dlink"), "a symlink is not a directory");
        assertEquals(Errno.ENOTDIR, call("path_remove_directory", "dlink/"), "not even with a slash (Linux)");
        assertTrue(Files.isDirectory(dir.resolve("real")));
        Files.createSymbolicLink(dir.resolve("dangling"), Paths.get("nowhere"));
        assertEquals(Errno.EEXIST, call("path_create_directory", "dangling/"));
        assertEquals(Errno.EEXIST, call("path_create_directory", "dlink/"));
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void unlink() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        Files.createDirectory(dir.resolve("d"));
        Files.createSymbolicLink(dir.resolve("l"), Paths.get("f"));
        Files.createSymbolicLink(dir.resolve("ld"), Paths.get("d"));
        assertEquals(Errno.EISDIR, call("path_unlink_file", "d"));
        assertEquals(Errno.ENOENT, call("path_unlink_file", "nope"));
        assertEquals(Errno.ENOTDIR, call("path_unlink_file", "f/"));
        assertEquals(Errno.EISDIR, call("path_unlink_file", "."));
        assertEquals(Errno.ENOTDIR, call("path_unlink_file", "ld/"));
        assertEquals(Errno.EISDIR, call("path_unlink_file", "d/"));
        assertEquals(0, call("path_unlink_file", "l"));
        assertTrue(Files.exists(dir.resolve("f")), "unlinking a symlink leaves its target");
        assertEquals(0, call("path_unlink_file", "ld"));
        assertTrue(Files.isDirectory(dir.resolve("d")));
        assertEquals(0, call("path_unlink_file", "f"));
        assertFalse(Files.exists(dir.resolve("f")));
    }

    // ---- rename ----

    private int rename(String from, String to) {
        return g.call("path_rename", 3, g.str(from), Guest.len(from), 3, g.str(to), Guest.len(to));
    }

    @Test
    void renameFiles() throws Exception {
        Files.writeString(dir.resolve("a"), "A");
        Files.writeString(dir.resolve("b"), "B");
        assertEquals(0, rename("a", "c"));
        assertEquals("A", Files.readString(dir.resolve("c")));
        assertFalse(Files.exists(dir.resolve("a")));
        assertEquals(0, rename("c", "b"), "replaces an existing file");
        assertEquals("A", Files.readString(dir.resolve("b")));
        assertEquals(Errno.ENOENT, rename("a", "x"));
        Files.createDirectory(dir.resolve("d"));
        assertEquals(Errno.EISDIR, rename("b", "d"));
        assertEquals(0, rename("b", "d/b"));
        assertEquals(Errno.ENOTDIR, rename("d/b", "x/"));
        assertEquals(Errno.EBUSY, rename(".", "x"));
        assertEquals(Errno.EBUSY, rename("d/b", "d/.."));
        // onto a hard link of itself: nothing happens
        Files.createLink(dir.resolve("hl"), dir.resolve("d/b"));
        assertEquals(0, rename("d/b", "hl"));
        assertTrue(Files.exists(dir.resolve("d/b")) && Files.exists(dir.resolve("hl")));
    }

    @Test
    void renameDirectories() throws Exception {
        Files.createDirectories(dir.resolve("src/inner"));
        Files.createDirectory(dir.resolve("empty"));
        Files.createDirectory(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x"), "");
        Files.writeString(dir.resolve("file"), "");
        assertEquals(Errno.ENOTDIR, rename("src", "file"));
        assertEquals(Errno.ENOTEMPTY, rename("src", "full"));
        assertEquals(Errno.EINVAL, rename("src", "src/inner/moved"));
        assertEquals(0, rename("src", "empty"), "replaces an empty directory");
        assertTrue(Files.isDirectory(dir.resolve("empty/inner")));
        assertFalse(Files.exists(dir.resolve("src")));
        assertEquals(0, rename("empty/", "renamed"));
        assertTrue(Files.isDirectory(dir.resolve("renamed/inner")));
    }

    @Test
    void renameAcrossPreopens(@TempDir Path other) throws Exception {
        Guest h = new Guest(WasiHost.builder().preopen(dir, "/a").preopen(other, "/b"));
        Files.writeString(dir.resolve("f"), "moving");
        h.ok("path_rename", 3, h.str("f"), 1, 4, h.str("g"), 1);
        assertEquals("moving", Files.readString(other.resolve("g")));
        h.ok("path_link", 4, 0, h.str("g"), 1, 3, h.str("back"), 4);
        assertEquals("moving", Files.readString(dir.resolve("back")));
    }

    // ---- symlinks, hard links ----

    @Test
    void symlinkAndReadlink() throws Exception {
        String target = "some/where/../else";
        g.ok("path_symlink", g.str(target), Guest.len(target), 3, g.str("sl"), 2);
        assertTrue(Files.isSymbolicLink(dir.resolve("sl")));
        assertEquals(target, Files.readSymbolicLink(dir.resolve("sl")).toString());
        int buf = g.alloc(64);
        int n = g.alloc(4);
        g.ok("path_readlink", 3, g.str("sl"), 2, buf, 64, n);
        assertEquals(target.length(), g.i32(n));
        assertEquals(target, g.string(buf, g.i32(n)));
        // a small buffer gets the start of the target (truncated, as readlink(2))
        g.ok("path_readlink", 3, g.str("sl"), 2, buf, 4, n);
        assertEquals(4, g.i32(n));
        assertEquals("some", g.string(buf, 4));
        Files.writeString(dir.resolve("f"), "");
        g.fails(Errno.EINVAL, "path_readlink", 3, g.str("f"), 1, buf, 64, n);
        g.fails(Errno.ENOENT, "path_readlink", 3, g.str("x"), 1, buf, 64, n);
        g.fails(Errno.EEXIST, "path_symlink", g.str("t"), 1, 3, g.str("f"), 1);
        g.fails(Errno.EEXIST, "path_symlink", g.str("t"), 1, 3, g.str("sl"), 2);
        g.fails(Errno.ENOENT, "path_symlink", g.str("t"), 1, 3, g.str("no/sl"), 5);
        g.fails(Errno.ENOENT, "path_symlink", g.str(""), 0, 3, g.str("empty"), 5);
        // dangling: lstat sees the link, stat follows into nothing
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.pathStat(3, 0, "sl")[2]);
        assertEquals(target.length(), g.pathStat(3, 0, "sl")[4]);
        assertEquals(Errno.ENOENT, g.pathStatErr(3, FOLLOW, "sl"));
    }

    @Test
    void hardLinks() throws Exception {
        Files.writeString(dir.resolve("orig"), "shared");
        g.ok("path_link", 3, 0, g.str("orig"), 4, 3, g.str("copy"), 4);
        assertEquals("shared", Files.readString(dir.resolve("copy")));
        long[] st = g.pathStat(3, 0, "orig");
        assertEquals(2, st[3], "nlink");
        assertEquals(st[1], g.pathStat(3, 0, "copy")[1], "same inode");
        g.fails(Errno.EEXIST, "path_link", 3, 0, g.str("orig"), 4, 3, g.str("copy"), 4);
        g.fails(Errno.ENOENT, "path_link", 3, 0, g.str("none"), 4, 3, g.str("x"), 1);
        Files.createDirectory(dir.resolve("d"));
        g.fails(Errno.EPERM, "path_link", 3, 0, g.str("d"), 1, 3, g.str("dl"), 2);
        // through a symlink: SYMLINK_FOLLOW links the target, without it the link itself
        Files.createSymbolicLink(dir.resolve("sym"), Paths.get("orig"));
        g.ok("path_link", 3, FOLLOW, g.str("sym"), 3, 3, g.str("viaTarget"), 9);
        assertFalse(Files.isSymbolicLink(dir.resolve("viaTarget")));
        assertEquals(st[1], g.pathStat(3, 0, "viaTarget")[1]);
        g.ok("path_link", 3, 0, g.str("sym"), 3, 3, g.str("linkToLink"), 10);
        assertTrue(Files.isSymbolicLink(dir.resolve("linkToLink")));
    }

    // ---- stat, times ----

    @Test
    void filestatGet() throws Exception {
        Files.createDirectory(dir.resolve("d"));
        Files.write(dir.resolve("d/f"), new byte[1234]);
        Files.createSymbolicLink(dir.resolve("l"), Paths.get("d/f"));
        long[] f = g.pathStat(3, 0, "d/f");
        assertEquals(FILETYPE_REGULAR_FILE, f[2]);
        assertEquals(1234, f[4]);
        assertEquals(1, f[3]);
        assertEquals(((Number) Files.getAttribute(dir.resolve("d/f"), "unix:ino")).longValue(), f[1]);
        assertEquals(FILETYPE_DIRECTORY, g.pathStat(3, 0, "d")[2]);
        assertEquals(FILETYPE_DIRECTORY, g.pathStat(3, 0, ".")[2]);
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.pathStat(3, 0, "l")[2]);
        long[] followed = g.pathStat(3, FOLLOW, "l");
        assertEquals(FILETYPE_REGULAR_FILE, followed[2]);
        assertEquals(f[1], followed[1]);
        assertEquals(Errno.ENOENT, g.pathStatErr(3, 0, "nope"));
        assertEquals(Errno.ENOTDIR, g.pathStatErr(3, 0, "d/f/x"));
        assertEquals(Errno.ENOTDIR, g.pathStatErr(3, 0, "d/f/"));
        assertEquals(Errno.ENOENT, g.pathStatErr(3, 0, ""));
        assertEquals(FILETYPE_CHARACTER_DEVICE, new Guest(WasiHost.builder().preopen(Paths.get("/dev"), "/dev"))
                .pathStat(3, FOLLOW, "null")[2]);
    }

    @Test
    void setTimesOnPaths() throws Exception {
        Files.writeString(dir.resolve("f"), "");
        Files.createSymbolicLink(dir.resolve("l"), Paths.get("f"));
        long atim = 1_111_111_111_222_333_444L;
        long mtim = 1_222_222_222_333_444_555L;
        String p = "f";
        g.ok("path_filestat_set_times", 3, 0, g.str(p), 1, atim, mtim, FSTFLAGS_ATIM | FSTFLAGS_MTIM);
        long[] st = g.pathStat(3, 0, "f");
        assertEquals(atim, st[5]);
        assertEquals(mtim, st[6]);
        // not following: the link's own times change, the target's stay
        g.ok("path_filestat_set_times", 3, 0, g.str("l"), 1, 0L, 1_000_000_000_000_000_000L, FSTFLAGS_MTIM);
        assertEquals(1_000_000_000_000_000_000L, g.pathStat(3, 0, "l")[6]);
        assertEquals(mtim, g.pathStat(3, 0, "f")[6]);
        assertEquals(FileTime.fromMillis(1_000_000_000_000L),
                Files.getLastModifiedTime(dir.resolve("l"), LinkOption.NOFOLLOW_LINKS));
        // following: the target's
        g.ok("path_filestat_set_times", 3, FOLLOW, g.str("l"), 1, 0L, 1_300_000_000_000_000_000L, FSTFLAGS_MTIM);
        assertEquals(1_300_000_000_000_000_000L, g.pathStat(3, 0, "f")[6]);
        g.fails(Errno.EINVAL, "path_filestat_set_times", 3, 0, g.str(p), 1, 0L, 0L, FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW);
        g.fails(Errno.EINVAL, "path_filestat_set_times", 3, 0, g.str(p), 1, 0L, 0L, FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW);
        g.fails(Errno.ENOENT, "path_filestat_set_times", 3, 0, g.str("zz"), 2, 0L, 0L, FSTFLAGS_MTIM_NOW);
        long before = (System.currentTimeMillis() - 1000) * 1_000_000L;
        g.ok("path_filestat_set_times", 3, 0, g.str(p), 1, 0L, 0L, FSTFLAGS_MTIM_NOW);
        assertTrue(g.pathStat(3, 0, "f")[6] >= before);
        assertEquals(atim, g.pathStat(3, 0, "f")[5], "atime untouched");
    }

    // ---- strings ----

    @Test
    void pathEncoding() throws Exception {
        assertEquals(0, open("héllo-wörld-€", OFLAGS_CREAT, Guest.RW));
        assertTrue(Files.exists(dir.resolve("héllo-wörld-€")));
        int bad = g.bytes(new byte[] {'a', (byte) 0xC3, 'b'});
        int out = g.alloc(4);
        g.fails(Errno.EILSEQ, "path_open", 3, 0, bad, 3, 0, Guest.READ, 0L, 0, out);
        int nul = g.bytes(new byte[] {'a', 0, 'b'});
        g.fails(Errno.EINVAL, "path_open", 3, 0, nul, 3, 0, Guest.READ, 0L, 0, out);
        g.fails(Errno.EFAULT, "path_open", 3, 0, g.mem.byteSize() - 2, 3, 0, Guest.READ, 0L, 0, out);
        g.fails(Errno.EFAULT, "path_open", 3, 0, g.str("héllo-wörld-€"), Guest.len("héllo-wörld-€"), 0, Guest.READ,
                0L, 0, g.mem.byteSize());
        g.fails(Errno.EFAULT, "path_create_directory", 3, -100, 10);
    }

    @Test
    void readdirNamesAreUtf8() throws Exception {
        Files.writeString(dir.resolve("ünï"), "");
        int buf = g.alloc(256);
        int n = g.alloc(4);
        g.ok("fd_readdir", 3, buf, 256, 0L, n);
        String all = new String(g.mem.readBytes(buf, g.i32(n)), StandardCharsets.UTF_8);
        assertTrue(all.contains("ünï"));
    }
}
