package dev.wasm2jar.wasi;

import static dev.wasm2jar.wasi.Abi.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_* calls on files and directories of a preopened @TempDir (fd 3). */
class FdTest {
    @TempDir
    Path dir;

    Guest g;

    @BeforeEach
    void setUp() {
        g = new Guest(WasiHost.builder().preopen(dir, "/sandbox"));
    }

    private int create(String name) {
        return g.openOk(3, name, OFLAGS_CREAT | OFLAGS_TRUNC, Guest.RW, 0);
    }

    private String content(String name) throws Exception {
        return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8);
    }

    @Test
    void writeSeekTellRead() throws Exception {
        int fd = create("f.txt");
        assertEquals(0, g.write(fd, "hello world"));
        int p = g.alloc(8);
        g.ok("fd_tell", fd, p);
        assertEquals(11, g.i64(p));
        assertEquals("hello world", content("f.txt"));
        assertEquals(6, g.seek(fd, 6, WHENCE_SET));
        assertEquals("world", g.read(fd, 100));
        assertEquals("", g.read(fd, 100), "at end of file");
        assertEquals(6, g.seek(fd, -5, WHENCE_END));
        assertEquals(4, g.seek(fd, -2, WHENCE_CUR));
        assertEquals("o w", g.read(fd, 3));
        assertEquals(7, g.seek(fd, 0, WHENCE_CUR));
        g.fails(Errno.EINVAL, "fd_seek", fd, -8L, WHENCE_CUR, p);
        g.fails(Errno.EINVAL, "fd_seek", fd, 0L, 3, p);
        g.fails(Errno.EINVAL, "fd_seek", fd, Long.MAX_VALUE, WHENCE_END, p);
        assertEquals(7, g.seek(fd, 0, WHENCE_CUR), "failed seeks leave the offset alone");
        // seeking past the end and writing leaves a hole of zeros
        assertEquals(20, g.seek(fd, 20, WHENCE_SET));
        g.write(fd, "!");
        byte[] all = Files.readAllBytes(dir.resolve("f.txt"));
        assertEquals(21, all.length);
        assertEquals(0, all[15]);
        assertEquals('!', all[20]);
    }

    @Test
    void scatterGather() throws Exception {
        int fd = create("sg");
        int a = g.str("abc");
        int b = g.str("defgh");
        int iov = g.iovecs(a, 3, b, 0, b, 5);
        int n = g.alloc(4);
        g.ok("fd_write", fd, iov, 3, n);
        assertEquals(8, g.i32(n));
        assertEquals("abcdefgh", content("sg"));
        g.seek(fd, 0, WHENCE_SET);
        int x = g.alloc(2);
        int y = g.alloc(10);
        int riov = g.iovecs(x, 2, y, 10);
        g.ok("fd_read", fd, riov, 2, n);
        assertEquals(8, g.i32(n));
        assertEquals("ab", g.string(x, 2));
        assertEquals("cdefgh", g.string(y, 6));
    }

    @Test
    void preadPwriteKeepTheOffset() throws Exception {
        int fd = create("p");
        g.write(fd, "0123456789");
        g.seek(fd, 2, WHENCE_SET);
        int buf = g.alloc(4);
        int iov = g.iovecs(buf, 4);
        int n = g.alloc(4);
        g.ok("fd_pread", fd, iov, 1, 5L, n);
        assertEquals(4, g.i32(n));
        assertEquals("5678", g.string(buf, 4));
        g.ok("fd_pread", fd, iov, 1, 8L, n);
        assertEquals(2, g.i32(n), "short at end of file");
        g.ok("fd_pread", fd, iov, 1, 100L, n);
        assertEquals(0, g.i32(n));
        int w = g.str("AB");
        g.ok("fd_pwrite", fd, g.iovecs(w, 2), 1, 3L, n);
        assertEquals(2, g.i32(n));
        assertEquals("012AB56789", content("p"));
        assertEquals(2, g.seek(fd, 0, WHENCE_CUR), "offset unchanged");
        g.fails(Errno.EINVAL, "fd_pread", fd, iov, 1, -1L, n);
        g.fails(Errno.EISDIR, "fd_pread", 3, iov, 1, 0L, n);
    }

    @Test
    void appendMode() throws Exception {
        Files.writeString(dir.resolve("log"), "first\n");
        int fd = g.openOk(3, "log", 0, Guest.RW, FDFLAGS_APPEND);
        assertEquals(FDFLAGS_APPEND, g.fdstat(fd)[1]);
        g.seek(fd, 0, WHENCE_SET);
        g.write(fd, "second\n");
        assertEquals("first\nsecond\n", content("log"));
        assertEquals(13, g.seek(fd, 0, WHENCE_CUR), "offset at the end after an append");
        int n = g.alloc(4);
        int w = g.str("third\n");
        g.ok("fd_pwrite", fd, g.iovecs(w, 6), 1, 0L, n);
        assertEquals("first\nsecond\nthird\n", content("log"), "pwrite appends in append mode (as Linux)");
        // switch append off: writes go to the offset again
        g.ok("fd_fdstat_set_flags", fd, 0);
        assertEquals(0, g.fdstat(fd)[1]);
        g.seek(fd, 0, WHENCE_SET);
        g.write(fd, "FIRST");
        assertEquals("FIRST\nsecond\nthird\n", content("log"));
        // and on again
        g.ok("fd_fdstat_set_flags", fd, FDFLAGS_APPEND);
        g.seek(fd, 0, WHENCE_SET);
        g.write(fd, "4");
        assertTrue(content("log").endsWith("third\n4"));
    }

    @Test
    void syncFlagsAreAcceptedAndReported() throws Exception {
        int fd = create("s");
        g.ok("fd_fdstat_set_flags", fd, FDFLAGS_SYNC | FDFLAGS_DSYNC | FDFLAGS_RSYNC);
        assertEquals(FDFLAGS_SYNC | FDFLAGS_DSYNC | FDFLAGS_RSYNC, g.fdstat(fd)[1]);
        g.write(fd, "durable");
        assertEquals("durable", content("s"));
        g.ok("fd_sync", fd);
        g.ok("fd_datasync", fd);
        g.ok("fd_sync", 3);
        g.ok("fd_datasync", 3);
    }

    @Test
    void readOnlyAndWriteOnly() throws Exception {
        Files.writeString(dir.resolve("ro"), "data");
        // Go's O_RDONLY rights: everything but FD_WRITE, FD_DATASYNC, FD_ALLOCATE, PATH_FILESTAT_SET_SIZE
        long goReadOnly = RIGHTS_FILE & ~(RIGHT_FD_WRITE | RIGHT_FD_DATASYNC | RIGHT_FD_ALLOCATE);
        int ro = g.openOk(3, "ro", 0, goReadOnly, 0);
        assertEquals(Errno.EBADF, g.write(ro, "x"));
        int n = g.alloc(4);
        int w = g.str("x");
        g.fails(Errno.EBADF, "fd_pwrite", ro, g.iovecs(w, 1), 1, 0L, n);
        g.fails(Errno.EBADF, "fd_filestat_set_size", ro, 0L);
        g.fails(Errno.ENOTCAPABLE, "fd_allocate", ro, 0L, 10L);
        g.ok("fd_fdstat_set_rights", ro, goReadOnly, 0L);
        int ro2 = g.openOk(3, "ro", 0, goReadOnly | RIGHT_FD_ALLOCATE, 0);
        g.fails(Errno.EBADF, "fd_allocate", ro2, 0L, 10L);
        assertEquals("data", g.read(ro, 10));
        assertEquals("data", content("ro"));

        int wo = g.openOk(3, "ro", 0, Guest.WRITE, 0);
        assertEquals(null, g.read(wo, 10));
        assertEquals(Errno.EBADF, g.lastErrno);
        g.fails(Errno.EBADF, "fd_pread", wo, g.iovecs(w, 1), 1, 0L, n);
        assertEquals(0, g.write(wo, "DA"));
        assertEquals("DAta", content("ro"));
    }

    @Test
    void directoryFdIsNotAFile() {
        int n = g.alloc(4);
        int buf = g.alloc(8);
        int iov = g.iovecs(buf, 8);
        g.fails(Errno.EISDIR, "fd_read", 3, iov, 1, n);
        g.fails(Errno.EISDIR, "fd_write", 3, iov, 1, n);
        g.fails(Errno.EBADF, "fd_seek", 3, 0L, WHENCE_SET, buf);
        g.fails(Errno.EBADF, "fd_tell", 3, buf);
        g.fails(Errno.EISDIR, "fd_filestat_set_size", 3, 0L);
        g.fails(Errno.EBADF, "fd_allocate", 3, 0L, 1L);
        g.fails(Errno.EBADF, "fd_advise", 3, 0L, 0L, 0);
        long[] st = g.fdstat(3);
        assertEquals(FILETYPE_DIRECTORY, st[0]);
        assertEquals(RIGHTS_DIRECTORY, st[2]);
        assertEquals(RIGHTS_ALL, st[3]);
    }

    @Test
    void filestatMatchesTheHost() throws Exception {
        int fd = create("st");
        g.write(fd, "12345");
        long[] st = g.fdStat(fd);
        Path host = dir.resolve("st");
        assertEquals(((Number) Files.getAttribute(host, "unix:dev")).longValue(), st[0]);
        assertEquals(((Number) Files.getAttribute(host, "unix:ino")).longValue(), st[1]);
        assertEquals(FILETYPE_REGULAR_FILE, st[2]);
        assertEquals(1, st[3]);
        assertEquals(5, st[4]);
        FileTime m = Files.getLastModifiedTime(host);
        Instant mi = m.toInstant();
        assertEquals(mi.getEpochSecond() * 1_000_000_000L + mi.getNano(), st[6]);
        assertTrue(st[5] > 0 && st[7] > 0);
        long[] d = g.fdStat(3);
        assertEquals(FILETYPE_DIRECTORY, d[2]);
        assertEquals(((Number) Files.getAttribute(dir, "unix:ino")).longValue(), d[1]);
    }

    @Test
    void filestatOfAnUnlinkedOpenFile() throws Exception {
        int fd = create("tmp");
        g.write(fd, "abc");
        long ino = g.fdStat(fd)[1];
        g.ok("path_unlink_file", 3, g.str("tmp"), 3);
        assertTrue(Files.notExists(dir.resolve("tmp")));
        g.write(fd, "de");
        long[] st = g.fdStat(fd);
        assertEquals(ino, st[1]);
        assertEquals(0, st[3], "nlink 0");
        assertEquals(5, st[4]);
        g.seek(fd, 0, WHENCE_SET);
        assertEquals("abcde", g.readAll(fd));
    }

    @Test
    void metadataOfARenamedOpenFile() throws Exception {
        int fd = create("before");
        g.write(fd, "abc");
        long ino = g.fdStat(fd)[1];
        Files.move(dir.resolve("before"), dir.resolve("after"));
        Files.writeString(dir.resolve("before"), "an impostor at the old path");
        long[] st = g.fdStat(fd);
        assertEquals(ino, st[1], "still the open file, not what is at its old path");
        assertEquals(1, st[3]);
        assertEquals(3, st[4]);
        g.ok("fd_filestat_set_times", fd, 0L, 1_234_000_000_000_000_000L, FSTFLAGS_MTIM);
        assertEquals(FileTime.from(Instant.ofEpochSecond(1_234_000_000L)), Files.getLastModifiedTime(dir.resolve("after")));
        assertTrue(Files.getLastModifiedTime(dir.resolve("before")).toMillis() > 1_600_000_000_000L, "impostor untouched");
    }

    @Test
    void setSizeShrinksAndGrowsAndKeepsTheOffset() throws Exception {
        int fd = create("sz");
        g.write(fd, "0123456789");
        g.ok("fd_filestat_set_size", fd, 4L);
        assertEquals("0123", content("sz"));
        assertEquals(10, g.seek(fd, 0, WHENCE_CUR), "ftruncate leaves the offset");
        g.ok("fd_filestat_set_size", fd, 8L);
        assertArrayEquals(new byte[] {'0', '1', '2', '3', 0, 0, 0, 0}, Files.readAllBytes(dir.resolve("sz")));
        assertEquals(8, g.fdStat(fd)[4]);
        g.fails(Errno.EINVAL, "fd_filestat_set_size", fd, -1L);
    }

    @Test
    void setTimes() throws Exception {
        int fd = create("t");
        long atim = 1_000_000_123_456_789L;
        long mtim = 1_500_000_987_654_321L;
        g.ok("fd_filestat_set_times", fd, atim, mtim, FSTFLAGS_ATIM | FSTFLAGS_MTIM);
        long[] st = g.fdStat(fd);
        assertEquals(atim, st[5]);
        assertEquals(mtim, st[6]);
        // only mtime: atime stays
        g.ok("fd_filestat_set_times", fd, 0L, 2_000_000_000_000_000_000L, FSTFLAGS_MTIM);
        st = g.fdStat(fd);
        assertEquals(atim, st[5]);
        assertEquals(2_000_000_000_000_000_000L, st[6]);
        // now
        long before = System.currentTimeMillis() * 1_000_000L - 1_000_000_000L;
        g.ok("fd_filestat_set_times", fd, 0L, 0L, FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM_NOW);
        st = g.fdStat(fd);
        assertTrue(st[5] >= before && st[6] >= before, "set to now");
        // nothing to do
        g.ok("fd_filestat_set_times", fd, 5L, 5L, 0);
        assertEquals(st[6], g.fdStat(fd)[6]);
        // invalid
        g.fails(Errno.EINVAL, "fd_filestat_set_times", fd, 0L, 0L, FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW);
        g.fails(Errno.EINVAL, "fd_filestat_set_times", fd, 0L, 0L, FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW);
        g.fails(Errno.EINVAL, "fd_filestat_set_times", fd, 0L, 0L, 16);
        g.fails(Errno.EBADF, "fd_filestat_set_times", 1, 0L, 0L, FSTFLAGS_MTIM);
        // on the directory
        g.ok("fd_filestat_set_times", 3, atim, mtim, FSTFLAGS_ATIM | FSTFLAGS_MTIM);
        assertEquals(mtim, g.fdStat(3)[6]);
    }

    @Test
    void allocateAndAdvise() throws Exception {
        int fd = create("al");
        g.write(fd, "xy");
        g.ok("fd_allocate", fd, 0L, 1L);
        assertEquals(2, Files.size(dir.resolve("al")), "within the file: unchanged");
        g.ok("fd_allocate", fd, 10L, 100_000L);
        assertEquals(100_010L, Files.size(dir.resolve("al")));
        assertEquals("xy", content("al").substring(0, 2));
        assertEquals(2, g.seek(fd, 0, WHENCE_CUR));
        g.fails(Errno.EINVAL, "fd_allocate", fd, 0L, 0L);
        g.fails(Errno.EINVAL, "fd_allocate", fd, -1L, 5L);
        g.fails(Errno.EFBIG, "fd_allocate", fd, Long.MAX_VALUE, 5L);
        for (int advice = 0; advice <= 5; advice++) {
            g.ok("fd_advise", fd, 0L, 100L, advice);
        }
        g.fails(Errno.EINVAL, "fd_advise", fd, 0L, 100L, 6);
        g.fails(Errno.EBADF, "fd_advise", 0, 0L, 100L, 0);
    }

    @Test
    void closeAndBadDescriptors() {
        int fd = create("c");
        g.ok("fd_close", fd);
        g.fails(Errno.EBADF, "fd_close", fd);
        assertEquals(Errno.EBADF, g.write(fd, "x"));
        int p = g.alloc(64);
        g.fails(Errno.EBADF, "fd_fdstat_get", fd, p);
        g.fails(Errno.EBADF, "fd_filestat_get", fd, p);
        g.fails(Errno.EBADF, "fd_seek", fd, 0L, 0, p);
        g.fails(Errno.EBADF, "fd_fdstat_get", -1, p);
        g.fails(Errno.EBADF, "fd_fdstat_get", 1 << 30, p);
        g.fails(Errno.EBADF, "fd_sync", 1000);
        // the lowest free number is reused
        assertEquals(fd, create("c2"));
    }

    @Test
    void closingTheHostClosesGuestFiles() throws Exception {
        int fd = create("open");
        g.host.close();
        assertEquals(Errno.EBADF, g.write(fd, "x"));
        assertEquals(Errno.EBADF, g.write(1, "x"));
    }

    @Test
    void preopenMustBeADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WasiHost.builder().preopen(file, "/x").build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WasiHost.builder().preopen(dir.resolve("missing"), "/x").build());
    }

    @Test
    void characterDevices() {
        Guest h = new Guest(WasiHost.builder().preopen(java.nio.file.Paths.get("/dev"), "/dev"));
        int fd = h.openOk(3, "null", 0, Guest.RW, 0);
        assertEquals(FILETYPE_CHARACTER_DEVICE, h.fdstat(fd)[0]);
        assertEquals(FILETYPE_CHARACTER_DEVICE, h.fdStat(fd)[2]);
        assertEquals(0, h.write(fd, "into the void"));
        assertEquals("", h.read(fd, 10));
        int z = h.openOk(3, "zero", 0, Guest.READ, 0);
        int buf = h.alloc(16);
        for (int i = 0; i < 16; i++) {
            h.mem.writeByte(buf + i, (byte) 1);
        }
        int n = h.alloc(4);
        h.ok("fd_read", z, h.iovecs(buf, 16), 1, n);
        assertEquals(16, h.i32(n));
        assertEquals(0, h.mem.readI64(buf) | h.mem.readI64(buf + 8));
        h.fails(Errno.ENODEV, "fd_allocate", fd, 0L, 10L);
    }

    @Test
    void renumber() throws Exception {
        int a = create("a");
        int b = create("b");
        g.ok("fd_renumber", a, b);
        assertEquals(0, g.write(b, "to a"));
        assertEquals("to a", content("a"));
        assertEquals("", content("b"));
        assertEquals(Errno.EBADF, g.write(a, "x"), "the old number is free");
        g.fails(Errno.EBADF, "fd_renumber", a, b);
        g.fails(Errno.EBADF, "fd_renumber", b, 77);
        g.ok("fd_renumber", b, b);
        assertEquals(0, g.write(b, "!"));
        // a preopen moves with its prestat
        g.ok("fd_renumber", 3, b);
        int p = g.alloc(8);
        g.ok("fd_prestat_get", b, p);
        g.fails(Errno.EBADF, "fd_prestat_get", 3, p);
    }

    @Test
    void prestat() {
        int p = g.alloc(8);
        g.ok("fd_prestat_get", 3, p);
        assertEquals(PREOPENTYPE_DIR, g.u8(p));
        assertEquals("/sandbox".length(), g.i32(p + 4));
        int name = g.alloc(16);
        g.ok("fd_prestat_dir_name", 3, name, 8);
        assertEquals("/sandbox", g.string(name, 8));
        g.fails(Errno.ENAMETOOLONG, "fd_prestat_dir_name", 3, name, 7);
        g.fails(Errno.EBADF, "fd_prestat_get", 4, p);
        int fd = create("x");
        g.fails(Errno.EBADF, "fd_prestat_get", fd, p);
        g.fails(Errno.EBADF, "fd_prestat_dir_name", fd, name, 16);
        g.fails(Errno.EFAULT, "fd_prestat_dir_name", 3, g.mem.byteSize() - 4, 8);
    }

    @Test
    void severalPreopensInOrder(@TempDir Path other) {
        Guest h = new Guest(WasiHost.builder().preopen(dir, "/a").preopen(other, "data").preopen(dir, "."));
        int p = h.alloc(8);
        int name = h.alloc(16);
        String[] want = {"/a", "data", "."};
        for (int i = 0; i < 3; i++) {
            h.ok("fd_prestat_get", 3 + i, p);
            assertEquals(want[i].length(), h.i32(p + 4));
            h.ok("fd_prestat_dir_name", 3 + i, name, want[i].length());
            assertEquals(want[i], h.string(name, want[i].length()));
        }
        h.fails(Errno.EBADF, "fd_prestat_get", 6, p);
    }

    @Test
    void rightsCanOnlyNarrow() throws Exception {
        int fd = g.openOk(3, "r", OFLAGS_CREAT, Guest.RW, 0);
        long[] st = g.fdstat(fd);
        assertEquals(FILETYPE_REGULAR_FILE, st[0]);
        assertEquals(Guest.RW & RIGHTS_FILE, st[2]);
        g.ok("fd_fdstat_set_rights", fd, st[2] & ~RIGHT_FD_SEEK, 0L);
        int p = g.alloc(8);
        g.fails(Errno.ENOTCAPABLE, "fd_seek", fd, 1L, WHENCE_SET, p);
        g.ok("fd_seek", fd, 0L, WHENCE_CUR, p); // a tell needs FD_TELL only
        g.fails(Errno.ENOTCAPABLE, "fd_fdstat_set_rights", fd, st[2], 0L);
        g.fails(Errno.ENOTCAPABLE, "fd_fdstat_set_rights", fd, 0L, RIGHT_FD_READ);
        g.ok("fd_fdstat_set_rights", fd, RIGHT_FD_READ, 0L);
        g.fails(Errno.ENOTCAPABLE, "fd_filestat_get", fd, p);
        g.fails(Errno.ENOTCAPABLE, "fd_tell", fd, p);
        assertEquals(Errno.EBADF, g.write(fd, "x"));
        // a directory's rights gate path operations
        long[] d = g.fdstat(3);
        g.ok("fd_fdstat_set_rights", 3, d[2] & ~RIGHT_PATH_CREATE_DIRECTORY, d[3] & ~RIGHT_FD_WRITE);
        g.fails(Errno.ENOTCAPABLE, "path_create_directory", 3, g.str("sub"), 3);
        assertEquals(Errno.ENOTCAPABLE, g.open(3, 0, "r", 0, RIGHT_FD_WRITE, 0, 0), "not inheritable any more");
        assertEquals(0, g.open(3, 0, "r", 0, RIGHT_FD_READ, 0, 0));
    }

    @Test
    void badPointersAreEfaultWithoutSideEffects() throws Exception {
        int fd = create("e");
        g.write(fd, "abcdef");
        g.seek(fd, 0, WHENCE_SET);
        int end = g.mem.byteSize();
        int n = g.alloc(4);
        int buf = g.alloc(4);
        g.fails(Errno.EFAULT, "fd_read", fd, g.iovecs(end - 2, 4), 1, n);
        g.fails(Errno.EFAULT, "fd_read", fd, g.iovecs(buf, 4), 1, end);
        g.fails(Errno.EFAULT, "fd_read", fd, end - 4, 1, n);
        g.fails(Errno.EFAULT, "fd_read", fd, g.iovecs(buf, 4, -16, 4), 2, n);
        assertEquals(0, g.seek(fd, 0, WHENCE_CUR), "nothing was read");
        g.fails(Errno.EFAULT, "fd_write", fd, g.iovecs(end - 1, 2), 1, n);
        g.fails(Errno.EFAULT, "fd_write", fd, g.iovecs(buf, 1), 1, -4);
        assertEquals("abcdef", content("e"), "nothing was written");
        g.fails(Errno.EFAULT, "fd_fdstat_get", fd, end - 23);
        g.fails(Errno.EFAULT, "fd_filestat_get", fd, end - 63);
        g.fails(Errno.EFAULT, "fd_tell", fd, end - 7);
        g.fails(Errno.EFAULT, "fd_prestat_get", 3, end - 7);
        // a wrapping length
        g.fails(Errno.EFAULT, "fd_write", fd, g.iovecs(buf, -1), 1, n);
    }

    @Test
    void memoryGrowthIsSeen() {
        // the host reads Memory.buf afresh on every call: growth replaces the buffer
        int fd = create("grow");
        int old = g.mem.byteSize();
        g.mem.grow(2);
        int far = old + 100;
        g.mem.write(far, "grown".getBytes());
        int iov = g.alloc(8);
        g.mem.writeI32(iov, far);
        g.mem.writeI32(iov + 4, 5);
        int n = g.alloc(4);
        g.ok("fd_write", fd, iov, 1, n);
        assertEquals(5, g.i32(n));
        g.seek(fd, 0, WHENCE_SET);
        assertEquals("grown", g.read(fd, 10));
    }

    @Test
    void symlinkIsNotFollowedByFdStatOfDir() throws Exception {
        Files.createDirectory(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        int fd = g.openOk(3, "link", OFLAGS_DIRECTORY, RIGHT_FD_READDIR | RIGHT_FD_FILESTAT_GET, 0);
        assertEquals(FILETYPE_DIRECTORY, g.fdStat(fd)[2]);
        assertEquals(((Number) Files.getAttribute(dir.resolve("real"), "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue(),
                g.fdStat(fd)[1]);
    }
}
