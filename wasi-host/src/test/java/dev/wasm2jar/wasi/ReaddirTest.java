package dev.wasm2jar.wasi;

import static dev.wasm2jar.wasi.Abi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaddirTest {
    @TempDir
    Path dir;

    Guest g;

    record Dirent(long next, long ino, int type, String name) {}

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("a"), "");
        Files.writeString(dir.resolve("a-rather-long-file-name-to-overflow-small-buffers.txt"), "");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/inner"), "");
        Files.createSymbolicLink(dir.resolve("link"), Paths.get("sub"));
        g = new Guest(WasiHost.builder().preopen(dir, "/"));
    }

    private static long ino(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    /** Parses whole entries; returns them and leaves a truncated tail out. */
    private List<Dirent> parse(int buf, int used) {
        List<Dirent> out = new ArrayList<>();
        int at = buf;
        int end = buf + used;
        while (at + DIRENT_SIZE <= end) {
            int namlen = g.i32(at + 16);
            if (at + DIRENT_SIZE + namlen > end) {
                break;
            }
            byte[] name = g.mem.readBytes(at + DIRENT_SIZE, namlen);
            out.add(new Dirent(g.i64(at), g.i64(at + 8), g.u8(at + 20), new String(name, StandardCharsets.UTF_8)));
            at += DIRENT_SIZE + namlen;
        }
        return out;
    }

    private int readdir(int fd, int buf, int len, long cookie) {
        int n = g.alloc(4);
        g.ok("fd_readdir", fd, buf, len, cookie, n);
        return g.i32(n);
    }

    @Test
    void everythingInOneBuffer() throws Exception {
        int buf = g.alloc(4096);
        int used = readdir(3, buf, 4096, 0);
        assertTrue(used < 4096, "less than the buffer: end of directory");
        List<Dirent> ents = parse(buf, used);
        assertEquals(6, ents.size());
        Map<String, Dirent> byName = new LinkedHashMap<>();
        for (int i = 0; i < ents.size(); i++) {
            Dirent d = ents.get(i);
            assertEquals(i + 1, d.next(), "d_next is the next cookie");
            byName.put(d.name(), d);
        }
        assertEquals(".", ents.get(0).name());
        assertEquals("..", ents.get(1).name());
        assertEquals(FILETYPE_DIRECTORY, byName.get(".").type());
        assertEquals(ino(dir), byName.get(".").ino());
        assertEquals(FILETYPE_DIRECTORY, byName.get("..").type());
        assertEquals(FILETYPE_REGULAR_FILE, byName.get("a").type());
        assertEquals(ino(dir.resolve("a")), byName.get("a").ino());
        assertEquals(FILETYPE_DIRECTORY, byName.get("sub").type());
        assertEquals(ino(dir.resolve("sub")), byName.get("sub").ino());
        assertEquals(FILETYPE_SYMBOLIC_LINK, byName.get("link").type());
        assertEquals(ino(dir.resolve("link")), byName.get("link").ino());
        int total = 0;
        for (Dirent d : ents) {
            total += DIRENT_SIZE + d.name().getBytes(StandardCharsets.UTF_8).length;
        }
        assertEquals(total, used, "entries packed back to back");
    }

    @Test
    void smallBuffersWithCookiesLikeGo() {
        // Go's loop: read, consume whole entries, continue from the last whole entry's d_next
        int size = 64;
        int buf = g.alloc(size);
        List<String> names = new ArrayList<>();
        long cookie = 0;
        int calls = 0;
        while (true) {
            int used = readdir(3, buf, size, cookie);
            calls++;
            List<Dirent> ents = parse(buf, used);
            for (Dirent d : ents) {
                names.add(d.name());
                cookie = d.next();
            }
            if (used < size) {
                break;
            }
            assertEquals(size, used, "a full buffer means: there may be more");
            if (ents.isEmpty()) {
                // one entry larger than the buffer: a guest grows its buffer; here, double
                size *= 2;
                buf = g.alloc(size);
            }
        }
        assertTrue(calls > 3);
        assertEquals(List.of(".", "..", "a", "a-rather-long-file-name-to-overflow-small-buffers.txt", "link", "sub"),
                names.stream().sorted().toList());
    }

    @Test
    void truncatedEntryFillsTheBufferExactly() {
        int buf = g.alloc(64);
        for (int i = 0; i < 64; i++) {
            g.mem.writeByte(buf + i, (byte) 0x77);
        }
        // 10 bytes: part of "."'s header
        assertEquals(10, readdir(3, buf, 10, 0));
        assertEquals(1, g.i64(buf), "d_next of the cut entry");
        assertEquals(0x77, g.u8(buf + 10), "nothing past the buffer");
        // 25 bytes: "." whole (25 bytes), nothing else
        assertEquals(25, readdir(3, buf, 25, 0));
        assertEquals(1, parse(buf, 25).size());
        // 30 bytes: "." and 5 bytes of ".."'s header
        assertEquals(30, readdir(3, buf, 30, 0));
        assertEquals(0x77, g.u8(buf + 30));
        // zero-length buffer
        assertEquals(0, readdir(3, buf, 0, 0));
    }

    @Test
    void cookiesPastTheEndReadNothing() {
        int buf = g.alloc(256);
        assertEquals(0, readdir(3, buf, 256, 6));
        assertEquals(0, readdir(3, buf, 256, 1000));
        int used = readdir(3, buf, 256, 5);
        assertEquals(1, parse(buf, used).size(), "the last entry");
    }

    @Test
    void cookieZeroReadsAfresh() throws Exception {
        int buf = g.alloc(4096);
        int before = parse(buf, readdir(3, buf, 4096, 0)).size();
        Files.writeString(dir.resolve("new-file"), "");
        // continuing the old listing does not show it ...
        assertEquals(0, parse(buf, readdir(3, buf, 4096, before)).size());
        // ... rewinding does
        List<Dirent> after = parse(buf, readdir(3, buf, 4096, 0));
        assertEquals(before + 1, after.size());
        assertTrue(after.stream().anyMatch(d -> d.name().equals("new-file")));
    }

    @Test
    void subdirectoryFd() throws Exception {
        int fd = g.openOk(3, "link", OFLAGS_DIRECTORY, RIGHT_FD_READDIR, 0);
        int buf = g.alloc(1024);
        List<Dirent> ents = parse(buf, readdir(fd, buf, 1024, 0));
        assertEquals(List.of(".", "..", "inner"), ents.stream().map(Dirent::name).toList());
        assertEquals(ino(dir.resolve("sub")), ents.get(0).ino());
        assertEquals(ino(dir), ents.get(1).ino(), ".. is the parent");
    }

    @Test
    void errors() {
        int buf = g.alloc(64);
        int n = g.alloc(4);
        int fd = g.openOk(3, "a", 0, Guest.READ, 0);
        g.fails(Errno.ENOTDIR, "fd_readdir", fd, buf, 64, 0L, n);
        g.fails(Errno.EBADF, "fd_readdir", 42, buf, 64, 0L, n);
        g.fails(Errno.EFAULT, "fd_readdir", 3, g.mem.byteSize() - 10, 64, 0L, n);
        g.fails(Errno.EFAULT, "fd_readdir", 3, buf, 64, 0L, -2);
        int d = g.openOk(3, "sub", OFLAGS_DIRECTORY, RIGHT_PATH_OPEN, 0);
        g.fails(Errno.ENOTCAPABLE, "fd_readdir", d, buf, 64, 0L, n);
    }
}
