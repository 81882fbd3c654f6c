package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.HostFunction;
import dev.wasm2jar.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Plays the guest: calls the host functions through their MethodHandles with wasm-typed
 * arguments, against a real linear memory it lays structures out in by hand.
 */
final class Guest {
    static final int PAGES = 4;

    final WasiHost host;
    final Memory mem = new Memory(PAGES, -1);
    private final Map<String, HostFunction> fns = new HashMap<>();
    /** Bump allocator for scratch data; starts above the null page. */
    private int heap = 1024;

    Guest(WasiHost host) {
        this.host = host;
        host.setMemory(mem);
        for (HostFunction f : host.functions()) {
            fns.put(f.name(), f);
        }
    }

    Guest(WasiHost.Builder b) {
        this(b.build());
    }

    /** Calls a function; int and long arguments as the wasm signature says. Returns its errno. */
    int call(String name, Object... args) {
        HostFunction f = fns.get(name);
        if (f == null) {
            throw new AssertionError("no function " + name);
        }
        try {
            Object r = f.handle().invokeWithArguments(args);
            return (Integer) r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Asserts a call succeeds. */
    void ok(String name, Object... args) {
        int e = call(name, args);
        assertEquals(Errno.name(0), Errno.name(e), name + " failed");
    }

    /** Asserts a call fails with the errno. */
    void fails(int errno, String name, Object... args) {
        assertEquals(Errno.name(errno), Errno.name(call(name, args)), name);
    }

    // ---- memory ----

    int alloc(int size) {
        heap = (heap + 7) & ~7;
        int at = heap;
        heap += size;
        if (heap > mem.byteSize()) {
            throw new IllegalStateException("guest heap exhausted");
        }
        for (int i = 0; i < size; i++) {
            mem.writeByte(at + i, (byte) 0x5A); // garbage, so unwritten fields show
        }
        return at;
    }

    int bytes(byte[] b) {
        int at = alloc(b.length);
        mem.write(at, b);
        return at;
    }

    /** A string in memory; pass {@code str(s), len(s)}. */
    int str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    int i32(int addr) {
        return mem.readI32(addr);
    }

    long i64(int addr) {
        return mem.readI64(addr);
    }

    int u8(int addr) {
        return mem.readByte(addr) & 0xFF;
    }

    int u16(int addr) {
        return (mem.readByte(addr) & 0xFF) | (mem.readByte(addr + 1) & 0xFF) << 8;
    }

    String string(int addr, int len) {
        return mem.readString(addr, len);
    }

    /** An iovec array over the given (addr, len) pairs. */
    int iovecs(int... addrLen) {
        int at = alloc(addrLen.length * 4);
        for (int i = 0; i < addrLen.length; i++) {
            mem.writeI32(at + 4 * i, addrLen[i]);
        }
        return at;
    }

    // ---- common calls ----

    static final long READ = Abi.RIGHT_FD_READ | Abi.RIGHT_FD_SEEK | Abi.RIGHT_FD_TELL | Abi.RIGHT_FD_FILESTAT_GET
            | Abi.RIGHT_FD_READDIR | Abi.RIGHT_FD_ADVISE | Abi.RIGHT_FD_FDSTAT_SET_FLAGS | Abi.RIGHT_POLL_FD_READWRITE
            | Abi.RIGHT_FD_SYNC | Abi.RIGHT_FD_DATASYNC | Abi.RIGHT_FD_FILESTAT_SET_TIMES;
    static final long WRITE = Abi.RIGHT_FD_WRITE | Abi.RIGHT_FD_SEEK | Abi.RIGHT_FD_TELL | Abi.RIGHT_FD_FILESTAT_GET
            | Abi.RIGHT_FD_ALLOCATE | Abi.RIGHT_FD_FILESTAT_SET_SIZE | Abi.RIGHT_FD_DATASYNC | Abi.RIGHT_FD_SYNC
            | Abi.RIGHT_FD_FDSTAT_SET_FLAGS | Abi.RIGHT_POLL_FD_READWRITE | Abi.RIGHT_FD_FILESTAT_SET_TIMES;
    static final long RW = READ | WRITE;

    /** path_open; returns the errno, the fd in {@link #lastFd}. */
    int open(int dirfd, int lookup, String path, int oflags, long base, long inheriting, int fdflags) {
        int out = alloc(4);
        int e = call("path_open", dirfd, lookup, str(path), len(path), oflags, base, inheriting, fdflags, out);
        lastFd = e == 0 ? i32(out) : -1;
        return e;
    }

    int lastFd = -1;

    /** Opens (following symlinks) and asserts success. */
    int openOk(int dirfd, String path, int oflags, long base, int fdflags) {
        int e = open(dirfd, Abi.LOOKUP_SYMLINK_FOLLOW, path, oflags, base, base, fdflags);
        assertEquals("SUCCESS", Errno.name(e), "path_open " + path);
        return lastFd;
    }

    int write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int buf = bytes(b);
        int iov = iovecs(buf, b.length);
        int out = alloc(4);
        int e = call("fd_write", fd, iov, 1, out);
        if (e == 0) {
            assertEquals(b.length, i32(out), "fd_write wrote everything");
        }
        return e;
    }

    /** fd_read of up to {@code max} bytes; the text read, or null on an error (in {@link #lastErrno}). */
    String read(int fd, int max) {
        int buf = alloc(max);
        int iov = iovecs(buf, max);
        int out = alloc(4);
        lastErrno = call("fd_read", fd, iov, 1, out);
        return lastErrno == 0 ? string(buf, i32(out)) : null;
    }

    int lastErrno;

    /** Reads until end of file. */
    String readAll(int fd) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String s = read(fd, 7);
            assertEquals("SUCCESS", Errno.name(lastErrno));
            if (s.isEmpty()) {
                return sb.toString();
            }
            sb.append(s);
        }
    }

    long seek(int fd, long offset, int whence) {
        int out = alloc(8);
        ok("fd_seek", fd, offset, whence, out);
        return i64(out);
    }

    /** A filestat read back: [dev, ino, filetype, nlink, size, atim, mtim, ctim]. */
    long[] filestat(int addr) {
        return new long[] {i64(addr), i64(addr + 8), u8(addr + 16), i64(addr + 24), i64(addr + 32), i64(addr + 40),
            i64(addr + 48), i64(addr + 56)};
    }

    long[] pathStat(int dirfd, int flags, String path) {
        int buf = alloc(64);
        ok("path_filestat_get", dirfd, flags, str(path), len(path), buf);
        return filestat(buf);
    }

    int pathStatErr(int dirfd, int flags, String path) {
        int buf = alloc(64);
        return call("path_filestat_get", dirfd, flags, str(path), len(path), buf);
    }

    long[] fdStat(int fd) {
        int buf = alloc(64);
        ok("fd_filestat_get", fd, buf);
        return filestat(buf);
    }

    /** fd_fdstat_get: [filetype, flags, rights base, rights inheriting]. */
    long[] fdstat(int fd) {
        int buf = alloc(24);
        ok("fd_fdstat_get", fd, buf);
        return new long[] {u8(buf), u16(buf + 2), i64(buf + 8), i64(buf + 16)};
    }
}
