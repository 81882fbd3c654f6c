package dev.wasm2jar.wasi;

import static dev.wasm2jar.wasi.Abi.*;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Trap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The wasi_snapshot_preview1 functions. Each public-facing method has the exact wasm signature
 * of its witx declaration (i32 as int, i64 as long) and returns the errno; the work happens in a
 * method that throws, and {@link #fail} turns what it throws into the errno at the boundary: a
 * {@link WasiError}, an I/O exception mapped by {@link HostFs#errno}, an out-of-bounds pointer
 * into EFAULT. Only {@link ProcExit} and genuine host bugs propagate to the guest's caller.
 *
 * <p>One instance serves one guest instance, called from one thread at a time.
 */
final class Preview1 {
    private static final int GATHER_LIMIT = 64 * 1024;

    private final byte[][] args;
    private final byte[][] env;
    private final StdinSource stdin;
    /** The source of random_get; null until first used when the default (SecureRandom) applies. */
    private Random random;
    private final LongSupplier realtime;
    private final LongSupplier monotonic;

    private Fd[] fds;
    private Memory memory;
    private byte[] scratch = new byte[8192];

    Preview1(byte[][] args, byte[][] env, StdinSource stdin, OutputStream stdout, OutputStream stderr,
            List<Preopen> preopens, Random random, LongSupplier realtime, LongSupplier monotonic) {
        this.args = args;
        this.env = env;
        this.stdin = stdin;
        this.random = random;
        this.realtime = realtime;
        this.monotonic = monotonic;
        fds = new Fd[Math.max(8, 3 + preopens.size())];
        fds[0] = new Fd.Stdin(stdin);
        fds[1] = new Fd.Stdout(stdout);
        fds[2] = new Fd.Stdout(stderr);
        int fd = 3;
        for (Preopen p : preopens) {
            fds[fd++] = new Fd.Dir(p, List.of(), p.host, p.guestName, RIGHTS_DIRECTORY, RIGHTS_ALL, 0);
        }
    }

    void setMemory(Memory memory) {
        this.memory = memory;
    }

    /** Closes every open file (not the stdio streams, which belong to the embedder). */
    void closeAll() {
        for (int i = 0; i < fds.length; i++) {
            Fd f = fds[i];
            fds[i] = null;
            if (f instanceof Fd.File) {
                try {
                    ((Fd.File) f).ch.close();
                } catch (IOException e) {
                    // closing on shutdown: nothing to report to
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The error boundary

    private int fail(Throwable t) {
        if (t instanceof WasiError) {
            return ((WasiError) t).errno;
        }
        if (t instanceof IOException) {
            return HostFs.errno((IOException) t);
        }
        if (t instanceof Trap || t instanceof IndexOutOfBoundsException) {
            return Errno.EFAULT;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Errno.EINTR;
        }
        if (t instanceof UncheckedIOException) {
            return HostFs.errno(((UncheckedIOException) t).getCause());
        }
        if (t instanceof InvalidPathException) {
            return Errno.EILSEQ;
        }
        if (t instanceof NonReadableChannelException || t instanceof NonWritableChannelException) {
            return Errno.EBADF;
        }
        if (t instanceof SecurityException) {
            return Errno.EACCES;
        }
        if (t instanceof UnsupportedOperationException) {
            return Errno.ENOTSUP;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t; // ProcExit, or a bug in the host: not the guest's errno
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    private static WasiError err(int errno) {
        return WasiError.of(errno);
    }

    // ------------------------------------------------------------------------------------------
    // Guest memory. Addresses are unsigned; every range is checked before use so that a bad
    // pointer becomes EFAULT, before any side effect where the function can tell.

    private void check(int addr, long len) throws WasiError {
        Memory m = memory;
        if (m == null || (addr & 0xFFFFFFFFL) + len > m.byteSize()) {
            throw err(Errno.EFAULT);
        }
    }

    private byte[] array() {
        return memory.buf.array();
    }

    private int base() {
        return memory.buf.arrayOffset();
    }

    private int loadI32(int addr) throws WasiError {
        check(addr, 4);
        return memory.buf.getInt(addr);
    }

    private long loadI64(int addr) throws WasiError {
        check(addr, 8);
        return memory.buf.getLong(addr);
    }

    private int loadU8(int addr) throws WasiError {
        check(addr, 1);
        return memory.buf.get(addr) & 0xFF;
    }

    private int loadU16(int addr) throws WasiError {
        check(addr, 2);
        return memory.buf.getShort(addr) & 0xFFFF;
    }

    private void storeI32(int addr, int v) throws WasiError {
        check(addr, 4);
        memory.buf.putInt(addr, v);
    }

    private void storeI64(int addr, long v) throws WasiError {
        check(addr, 8);
        memory.buf.putLong(addr, v);
    }

    private void storeBytes(int addr, byte[] src, int off, int len) throws WasiError {
        check(addr, len);
        System.arraycopy(src, off, array(), base() + addr, len);
    }

    /** Fills [addr, addr+len) with zeros (caller checked the range). */
    private void zero(int addr, int len) {
        java.util.Arrays.fill(array(), base() + addr, base() + addr + len, (byte) 0);
    }

    /** A guest string argument: UTF-8, strictly decoded (EILSEQ otherwise). */
    private String readString(int addr, int len) throws WasiError {
        check(addr, len & 0xFFFFFFFFL);
        if (len < 0) {
            throw err(Errno.EFAULT);
        }
        byte[] a = array();
        int off = base() + addr;
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (a[off + i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(a, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(a, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw err(Errno.EILSEQ);
        }
    }

    /**
     * Validates an iovec array: every buffer lies in memory and the lengths add up to at most
     * 2^31-1 (the size result is a u32; POSIX would say SSIZE_MAX). Returns the total length.
     */
    private long checkIovecs(int iovs, int iovsLen) throws WasiError {
        long n = iovsLen & 0xFFFFFFFFL;
        check(iovs, n * IOVEC_SIZE);
        long total = 0;
        for (long i = 0; i < n; i++) {
            int at = iovs + (int) (i * IOVEC_SIZE);
            int addr = memory.buf.getInt(at);
            long len = memory.buf.getInt(at + 4) & 0xFFFFFFFFL;
            check(addr, len);
            total += len;
            if (total > Integer.MAX_VALUE) {
                throw err(Errno.EINVAL);
            }
        }
        return total;
    }

    private int iovAddr(int iovs, int i) {
        return memory.buf.getInt(iovs + i * IOVEC_SIZE);
    }

    private int iovLen(int iovs, int i) {
        return memory.buf.getInt(iovs + i * IOVEC_SIZE + 4);
    }

    /** Heap buffers over the non-empty iovecs (ranges already checked). */
    private ByteBuffer[] iovBuffers(int iovs, int iovsLen) {
        int count = 0;
        for (int i = 0; i < iovsLen; i++) {
            if (iovLen(iovs, i) != 0) {
                count++;
            }
        }
        ByteBuffer[] out = new ByteBuffer[count];
        byte[] a = array();
        int b = base();
        int k = 0;
        for (int i = 0; i < iovsLen; i++) {
            int len = iovLen(iovs, i);
            if (len != 0) {
                out[k++] = ByteBuffer.wrap(a, b + iovAddr(iovs, i), len);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Descriptors

    private Fd lookup(int fd) throws WasiError {
        if (fd < 0 || fd >= fds.length || fds[fd] == null) {
            throw err(Errno.EBADF);
        }
        return fds[fd];
    }

    private static void need(Fd f, long rights) throws WasiError {
        if ((f.rightsBase & rights) != rights) {
            throw err(Errno.ENOTCAPABLE);
        }
    }

    /** The directory a path_* call resolves from: EBADF unless open, ENOTDIR unless a directory. */
    private Fd.Dir dirFd(int fd, long rights) throws WasiError {
        Fd f = lookup(fd);
        if (!(f instanceof Fd.Dir)) {
            throw err(f instanceof Fd.File ? Errno.ENOTDIR : Errno.EBADF);
        }
        need(f, rights);
        return (Fd.Dir) f;
    }

    /** A file for the calls that only apply to files (EBADF for anything else). */
    private Fd.File fileFd(int fd, long rights) throws WasiError {
        Fd f = lookup(fd);
        if (!(f instanceof Fd.File)) {
            throw err(Errno.EBADF);
        }
        need(f, rights);
        return (Fd.File) f;
    }

    private int allocate(Fd f) throws WasiError {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] == null) {
                fds[i] = f;
                return i;
            }
        }
        if (fds.length >= Integer.MAX_VALUE / 2) {
            throw err(Errno.EMFILE);
        }
        int i = fds.length;
        fds = java.util.Arrays.copyOf(fds, fds.length * 2);
        fds[i] = f;
        return i;
    }

    // ------------------------------------------------------------------------------------------
    // args, environ

    int args_get(int argv, int argvBuf) {
        try {
            writeStrings(args, argv, argvBuf);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int args_sizes_get(int argcPtr, int bufSizePtr) {
        try {
            writeSizes(args, argcPtr, bufSizePtr);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int environ_get(int environ, int environBuf) {
        try {
            writeStrings(env, environ, environBuf);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int environ_sizes_get(int countPtr, int bufSizePtr) {
        try {
            writeSizes(env, countPtr, bufSizePtr);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    private static long totalSize(byte[][] strings) {
        long total = 0;
        for (byte[] s : strings) {
            total += s.length + 1;
        }
        return total;
    }

    private void writeSizes(byte[][] strings, int countPtr, int bufSizePtr) throws WasiError {
        check(countPtr, 4);
        check(bufSizePtr, 4);
        long total = totalSize(strings);
        if (total > 0xFFFFFFFFL) {
            throw err(Errno.EOVERFLOW);
        }
        storeI32(countPtr, strings.length);
        storeI32(bufSizePtr, (int) total);
    }

    private void writeStrings(byte[][] strings, int ptrs, int buf) throws WasiError {
        check(ptrs, 4L * strings.length);
        check(buf, totalSize(strings));
        int at = buf;
        for (int i = 0; i < strings.length; i++) {
            memory.buf.putInt(ptrs + 4 * i, at);
            byte[] s = strings[i];
            System.arraycopy(s, 0, array(), base() + at, s.length);
            array()[base() + at + s.length] = 0;
            at += s.length + 1;
        }
    }

    // ------------------------------------------------------------------------------------------
    // clocks, random, proc, sched

    /** Holder so JMX initializes only when a guest asks for CPU time. */
    private static final class Cpu {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

        static long process() {
            if (OS instanceof com.sun.management.OperatingSystemMXBean) {
                return ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime();
            }
            return -1;
        }

        static long thread() {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return -1;
            }
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    private long clockNow(int id) throws WasiError {
        switch (id) {
            case CLOCK_REALTIME:
                return realtime.getAsLong();
            case CLOCK_MONOTONIC:
                return monotonic.getAsLong();
            case CLOCK_PROCESS_CPUTIME_ID: {
                long t = Cpu.process();
                if (t < 0) {
                    throw err(Errno.EINVAL);
                }
                return t;
            }
            case CLOCK_THREAD_CPUTIME_ID: {
                long t = Cpu.thread();
                if (t < 0) {
                    throw err(Errno.EINVAL);
                }
                return t;
            }
            default:
                throw err(Errno.EINVAL);
        }
    }

    int clock_res_get(int id, int resPtr) {
        try {
            check(resPtr, 8);
            long res;
            switch (id) {
                case CLOCK_REALTIME:
                    res = 1_000L; // Instant.now(): microseconds on most platforms
                    break;
                case CLOCK_MONOTONIC:
                case CLOCK_THREAD_CPUTIME_ID:
                    res = 1L; // System.nanoTime / clock_gettime(CLOCK_THREAD_CPUTIME_ID)
                    clockNow(id); // EINVAL where unsupported
                    break;
                case CLOCK_PROCESS_CPUTIME_ID:
                    res = 1_000L;
                    clockNow(id);
                    break;
                default:
                    throw err(Errno.EINVAL);
            }
            storeI64(resPtr, res);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int clock_time_get(int id, long precision, int timePtr) {
        try {
            check(timePtr, 8);
            storeI64(timePtr, clockNow(id));
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int random_get(int buf, int len) {
        try {
            long n = len & 0xFFFFFFFFL;
            check(buf, n);
            // Random fills whole arrays only: full chunks through the scratch buffer, the
            // remainder (or a small request) through an array of its size.
            byte[] chunk = scratch;
            int at = buf;
            long left = n;
            while (left > 0) {
                byte[] part = left >= chunk.length ? chunk : new byte[(int) left];
                if (random == null) {
                    random = new java.security.SecureRandom(); // ~25 ms to set up: not at start-up
                }
                random.nextBytes(part);
                System.arraycopy(part, 0, array(), base() + at, part.length);
                at += part.length;
                left -= part.length;
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    void proc_exit(int code) {
        throw new ProcExit(code);
    }

    /** Signals cannot be raised in a JVM-hosted guest; like wazero, ENOSYS. */
    int proc_raise(int sig) {
        return Errno.ENOSYS;
    }

    int sched_yield() {
        Thread.yield();
        return 0;
    }

    // ------------------------------------------------------------------------------------------
    // fd_*

    int fd_advise(int fd, long offset, long len, int advice) {
        try {
            fileFd(fd, RIGHT_FD_ADVISE);
            if (advice < 0 || advice > ADVICE_MAX || offset < 0 || len < 0) {
                throw err(Errno.EINVAL);
            }
            // Advice only: Java offers no posix_fadvise, and ignoring advice is always correct.
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_allocate(int fd, long offset, long len) {
        try {
            Fd.File f = fileFd(fd, RIGHT_FD_ALLOCATE);
            if ((f.rightsBase & RIGHT_FD_WRITE) == 0) {
                throw err(Errno.EBADF);
            }
            if (offset < 0 || len <= 0) {
                throw err(Errno.EINVAL);
            }
            if (f.filetype != FILETYPE_REGULAR_FILE) {
                throw err(Errno.ENODEV);
            }
            long end = offset + len;
            if (end < 0) {
                throw err(Errno.EFBIG);
            }
            long size = f.ch.size();
            if (end > size) {
                // Allocate the new blocks for real (zeros), as posix_fallocate does; the blocks
                // already in the file stay as they are.
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(64 * 1024, end - size));
                long pos = size;
                while (pos < end) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), end - pos));
                    while (zeros.hasRemaining()) {
                        pos += f.ch.write(zeros, pos);
                    }
                }
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_close(int fd) {
        try {
            Fd f = lookup(fd);
            fds[fd] = null;
            if (f instanceof Fd.File) {
                ((Fd.File) f).ch.close();
            } else if (f instanceof Fd.Stdout) {
                ((Fd.Stdout) f).out.flush(); // the stream itself belongs to the embedder
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_datasync(int fd) {
        return sync(fd, RIGHT_FD_DATASYNC, false);
    }

    int fd_sync(int fd) {
        return sync(fd, RIGHT_FD_SYNC, true);
    }

    private int sync(int fd, long right, boolean metadata) {
        try {
            Fd f = lookup(fd);
            if (f instanceof Fd.Stdin) {
                throw err(Errno.EBADF);
            }
            need(f, right);
            if (f instanceof Fd.File) {
                ((Fd.File) f).ch.force(metadata);
            } else if (f instanceof Fd.Stdout) {
                ((Fd.Stdout) f).out.flush();
            } else {
                try (FileChannel ch = FileChannel.open(((Fd.Dir) f).host, StandardOpenOption.READ)) {
                    ch.force(metadata);
                }
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_fdstat_get(int fd, int buf) {
        try {
            Fd f = lookup(fd);
            check(buf, FDSTAT_SIZE);
            zero(buf, FDSTAT_SIZE);
            memory.buf.put(buf, (byte) f.filetype);
            memory.buf.putShort(buf + 2, (short) f.fdflags);
            memory.buf.putLong(buf + 8, f.rightsBase);
            memory.buf.putLong(buf + 16, f.rightsInheriting);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_fdstat_set_flags(int fd, int flags) {
        try {
            Fd f = lookup(fd);
            if ((flags & ~FDFLAGS_ALL) != 0) {
                throw err(Errno.EINVAL);
            }
            need(f, RIGHT_FD_FDSTAT_SET_FLAGS);
            f.fdflags = flags;
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_fdstat_set_rights(int fd, long base, long inheriting) {
        try {
            Fd f = lookup(fd);
            if ((base & ~f.rightsBase) != 0 || (inheriting & ~f.rightsInheriting) != 0) {
                throw err(Errno.ENOTCAPABLE);
            }
            f.rightsBase = base;
            f.rightsInheriting = inheriting;
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_filestat_get(int fd, int buf) {
        try {
            Fd f = lookup(fd);
            need(f, RIGHT_FD_FILESTAT_GET);
            check(buf, FILESTAT_SIZE);
            HostFs.Stat s;
            if (f instanceof Fd.Dir) {
                s = HostFs.lstat(((Fd.Dir) f).host);
            } else if (f instanceof Fd.File) {
                s = fileStat((Fd.File) f);
            } else {
                s = new HostFs.Stat();
                s.filetype = f.filetype;
            }
            writeFilestat(buf, s);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /**
     * Metadata of an open file. Java reaches metadata only by path: this reads the path the file
     * was opened at while it still names the same file (same dev and inode); once the file was
     * renamed or unlinked, its /proc/self/fd entry (Linux); failing that, what was known at
     * open time. The size always comes from the open file.
     */
    private static HostFs.Stat fileStat(Fd.File f) throws IOException {
        HostFs.Stat s = currentStat(f);
        if (s == null) {
            Path proc = HostFs.procFd(f.openStat.dev, f.openStat.ino);
            s = proc != null ? HostFs.statFollowing(proc) : f.openStat.copy();
        }
        if (s.filetype == FILETYPE_REGULAR_FILE) {
            s.size = f.ch.size();
        }
        return s;
    }

    /** The metadata at the file's path if the path still names the open file, else null. */
    private static HostFs.Stat currentStat(Fd.File f) {
        try {
            HostFs.Stat s = HostFs.lstat(f.host);
            if (s.dev == f.openStat.dev && s.ino == f.openStat.ino) {
                return s;
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return null;
    }

    private void writeFilestat(int buf, HostFs.Stat s) throws WasiError {
        check(buf, FILESTAT_SIZE);
        zero(buf, FILESTAT_SIZE);
        ByteBuffer b = memory.buf;
        b.putLong(buf, s.dev);
        b.putLong(buf + 8, s.ino);
        b.put(buf + 16, (byte) s.filetype);
        b.putLong(buf + 24, s.nlink);
        b.putLong(buf + 32, s.size);
        b.putLong(buf + 40, s.atim);
        b.putLong(buf + 48, s.mtim);
        b.putLong(buf + 56, s.ctim);
    }

    int fd_filestat_set_size(int fd, long size) {
        try {
            Fd f = lookup(fd);
            if (!(f instanceof Fd.File)) {
                throw err(f instanceof Fd.Dir ? Errno.EISDIR : Errno.EBADF);
            }
            Fd.File file = (Fd.File) f;
            need(f, RIGHT_FD_FILESTAT_SET_SIZE);
            if ((f.rightsBase & RIGHT_FD_WRITE) == 0) {
                throw err(Errno.EBADF);
            }
            if (size < 0) {
                throw err(Errno.EINVAL); // beyond 2^63-1: larger than any file can be
            }
            setSize(file.ch, size);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /** ftruncate: shrinks or extends (with zeros) and leaves the file offset alone. */
    private static void setSize(FileChannel ch, long size) throws IOException {
        long pos = ch.position();
        long cur = ch.size();
        if (size < cur) {
            ch.truncate(size);
            ch.position(pos); // FileChannel.truncate clamps the position; ftruncate does not
        } else if (size > cur) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    int fd_filestat_set_times(int fd, long atim, long mtim, int fstFlags) {
        try {
            checkFstFlags(fstFlags);
            Fd f = lookup(fd);
            if (!(f instanceof Fd.Dir || f instanceof Fd.File)) {
                throw err(Errno.EBADF);
            }
            need(f, RIGHT_FD_FILESTAT_SET_TIMES);
            if (f instanceof Fd.File) {
                Fd.File file = (Fd.File) f;
                if (currentStat(file) != null) {
                    setTimes(file.host, atim, mtim, fstFlags, true);
                } else {
                    // renamed or unlinked: Java has no futimens, but /proc/self/fd leads to the inode
                    Path proc = HostFs.procFd(file.openStat.dev, file.openStat.ino);
                    if (proc == null) {
                        throw err(Errno.ESTALE);
                    }
                    setTimes(proc, atim, mtim, fstFlags, false);
                }
            } else {
                setTimes(((Fd.Dir) f).host, atim, mtim, fstFlags, true);
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    private static void checkFstFlags(int fstFlags) throws WasiError {
        if ((fstFlags & ~FSTFLAGS_ALL) != 0
                || (fstFlags & (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)) == (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)
                || (fstFlags & (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) == (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) {
            throw err(Errno.EINVAL);
        }
    }

    private void setTimes(Path host, long atim, long mtim, int fstFlags, boolean nofollow) throws IOException {
        FileTime now = null;
        if ((fstFlags & (FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM_NOW)) != 0) {
            now = HostFs.fileTime(realtime.getAsLong());
        }
        FileTime a = (fstFlags & FSTFLAGS_ATIM) != 0 ? HostFs.fileTime(atim)
                : (fstFlags & FSTFLAGS_ATIM_NOW) != 0 ? now : null;
        FileTime m = (fstFlags & FSTFLAGS_MTIM) != 0 ? HostFs.fileTime(mtim)
                : (fstFlags & FSTFLAGS_MTIM_NOW) != 0 ? now : null;
        if (a == null && m == null) {
            return;
        }
        BasicFileAttributeView view = nofollow
                ? Files.getFileAttributeView(host, BasicFileAttributeView.class, HostFs.NOFOLLOW)
                : Files.getFileAttributeView(host, BasicFileAttributeView.class);
        view.setTimes(m, a, null);
    }

    int fd_pread(int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        try {
            Fd f = lookup(fd);
            checkIovecs(iovs, iovsLen);
            check(nreadPtr, 4);
            Fd.File file = positional(f);
            if ((f.rightsBase & RIGHT_FD_READ) == 0) {
                throw err(Errno.EBADF);
            }
            need(f, RIGHT_FD_SEEK);
            if (offset < 0) {
                throw err(Errno.EINVAL);
            }
            long total = 0;
            long pos = offset;
            for (ByteBuffer b : iovBuffers(iovs, iovsLen)) {
                int want = b.remaining();
                int n = 0;
                while (b.hasRemaining()) {
                    int k = file.ch.read(b, pos + n);
                    if (k <= 0) {
                        break;
                    }
                    n += k;
                }
                total += n;
                pos += n;
                if (n < want) {
                    break;
                }
            }
            storeI32(nreadPtr, (int) total);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /** The file behind fd_pread/fd_pwrite/fd_seek-like calls: ESPIPE for stdio, EISDIR for a directory. */
    private static Fd.File positional(Fd f) throws WasiError {
        if (f instanceof Fd.File) {
            return (Fd.File) f;
        }
        throw err(f instanceof Fd.Dir ? Errno.EISDIR : Errno.ESPIPE);
    }

    int fd_prestat_get(int fd, int buf) {
        try {
            Fd f = lookup(fd);
            if (!(f instanceof Fd.Dir) || ((Fd.Dir) f).preopenName == null) {
                throw err(Errno.EBADF);
            }
            check(buf, PRESTAT_SIZE);
            zero(buf, PRESTAT_SIZE);
            memory.buf.put(buf, (byte) PREOPENTYPE_DIR);
            memory.buf.putInt(buf + 4, ((Fd.Dir) f).preopenName.getBytes(StandardCharsets.UTF_8).length);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_prestat_dir_name(int fd, int path, int pathLen) {
        try {
            Fd f = lookup(fd);
            if (!(f instanceof Fd.Dir) || ((Fd.Dir) f).preopenName == null) {
                throw err(Errno.EBADF);
            }
            byte[] name = ((Fd.Dir) f).preopenName.getBytes(StandardCharsets.UTF_8);
            if ((pathLen & 0xFFFFFFFFL) < name.length) {
                throw err(Errno.ENAMETOOLONG);
            }
            storeBytes(path, name, 0, name.length);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_pwrite(int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        try {
            Fd f = lookup(fd);
            long total = checkIovecs(iovs, iovsLen);
            check(nwrittenPtr, 4);
            Fd.File file = positional(f);
            if ((f.rightsBase & RIGHT_FD_WRITE) == 0) {
                throw err(Errno.EBADF);
            }
            need(f, RIGHT_FD_SEEK);
            if (offset < 0) {
                throw err(Errno.EINVAL);
            }
            ByteBuffer[] bufs = iovBuffers(iovs, iovsLen);
            if ((f.fdflags & FDFLAGS_APPEND) != 0) {
                // Linux: pwrite on an O_APPEND file appends, whatever the offset
                appendWrite(file, bufs, false);
            } else {
                long pos = offset;
                for (ByteBuffer b : bufs) {
                    while (b.hasRemaining()) {
                        pos += file.ch.write(b, pos);
                    }
                }
            }
            syncAfterWrite(file);
            storeI32(nwrittenPtr, (int) total);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /** Appends at the current end of file; moves the file offset there when {@code advance}. */
    private static void appendWrite(Fd.File file, ByteBuffer[] bufs, boolean advance) throws IOException {
        long pos = file.ch.size();
        for (ByteBuffer b : bufs) {
            while (b.hasRemaining()) {
                pos += file.ch.write(b, pos);
            }
        }
        if (advance) {
            file.ch.position(pos);
        }
    }

    /** O_SYNC / O_DSYNC, which Java cannot set on an open channel: force after each write. */
    private static void syncAfterWrite(Fd.File file) throws IOException {
        if ((file.fdflags & FDFLAGS_SYNC) != 0) {
            file.ch.force(true);
        } else if ((file.fdflags & FDFLAGS_DSYNC) != 0) {
            file.ch.force(false);
        }
    }

    int fd_read(int fd, int iovs, int iovsLen, int nreadPtr) {
        try {
            Fd f = lookup(fd);
            long want = checkIovecs(iovs, iovsLen);
            check(nreadPtr, 4);
            int n;
            if (f instanceof Fd.Stdin) {
                if ((f.rightsBase & RIGHT_FD_READ) == 0) {
                    throw err(Errno.EBADF);
                }
                n = want == 0 ? 0 : readStdin(f.nonblocking(), iovs, iovsLen);
            } else if (f instanceof Fd.File) {
                if ((f.rightsBase & RIGHT_FD_READ) == 0) {
                    throw err(Errno.EBADF);
                }
                long k = want == 0 ? 0 : ((Fd.File) f).ch.read(iovBuffers(iovs, iovsLen));
                n = k < 0 ? 0 : (int) k;
            } else if (f instanceof Fd.Dir) {
                throw err(Errno.EISDIR);
            } else {
                throw err(Errno.EBADF);
            }
            storeI32(nreadPtr, n);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /** Reads stdin into the iovecs: blocks (unless non-blocking) for the first bytes only. */
    private int readStdin(boolean nonblocking, int iovs, int iovsLen) throws WasiError, IOException, InterruptedException {
        byte[] a = array();
        int b = base();
        int total = 0;
        boolean first = true;
        for (int i = 0; i < iovsLen; i++) {
            int len = iovLen(iovs, i);
            if (len == 0) {
                continue;
            }
            int addr = b + iovAddr(iovs, i);
            int n;
            if (first) {
                n = stdin.read(a, addr, len, !nonblocking);
                if (n < 0) {
                    throw err(Errno.EAGAIN);
                }
                first = false;
            } else {
                n = stdin.readAvailable(a, addr, len);
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    int fd_readdir(int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        try {
            Fd f = lookup(fd);
            if (!(f instanceof Fd.Dir)) {
                throw err(Errno.ENOTDIR);
            }
            need(f, RIGHT_FD_READDIR);
            long cap = bufLen & 0xFFFFFFFFL;
            check(buf, cap);
            check(bufusedPtr, 4);
            Fd.Dir dir = (Fd.Dir) f;
            if (cookie == 0 || dir.listing == null) {
                Path parent = dir.rel.isEmpty() ? dir.host : dir.host.getParent();
                dir.listing = DirListing.read(dir.host, parent);
            }
            DirListing l = dir.listing;
            ByteBuffer m = memory.buf;
            byte[] header = new byte[DIRENT_SIZE];
            ByteBuffer h = ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long used = 0;
            // cookies past the end (or negative as signed) read nothing: the end of the directory
            for (long i = cookie; i >= 0 && i < l.size() && used < cap; i++) {
                int idx = (int) i;
                byte[] name = l.names[idx];
                h.putLong(0, i + 1);
                h.putLong(8, l.ino(idx));
                h.putInt(16, name.length);
                h.put(20, (byte) l.type(idx));
                // the entry, cut off where the buffer ends: the caller sees a full buffer and
                // reads again from the last whole entry's d_next (with a larger buffer if needed)
                int k = (int) Math.min(DIRENT_SIZE, cap - used);
                storeBytes(buf + (int) used, header, 0, k);
                used += k;
                k = (int) Math.min(name.length, cap - used);
                storeBytes(buf + (int) used, name, 0, k);
                used += k;
            }
            m.putInt(bufusedPtr, (int) used);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /**
     * Both descriptors must be open (as in wazero and the original wasi-common; wasmtime also
     * accepts a closed {@code to}). {@code to} is closed and {@code fd} takes its number.
     */
    int fd_renumber(int fd, int to) {
        try {
            Fd f = lookup(fd);
            Fd old = lookup(to);
            if (fd == to) {
                return 0;
            }
            fds[to] = f;
            fds[fd] = null;
            if (old instanceof Fd.File) {
                ((Fd.File) old).ch.close();
            } else if (old instanceof Fd.Stdout) {
                ((Fd.Stdout) old).out.flush();
            }
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_seek(int fd, long offset, int whence, int newOffsetPtr) {
        try {
            Fd f = lookup(fd);
            check(newOffsetPtr, 8);
            if (!(f instanceof Fd.File)) {
                throw err(f instanceof Fd.Dir ? Errno.EBADF : Errno.ESPIPE);
            }
            Fd.File file = (Fd.File) f;
            need(f, offset == 0 && whence == WHENCE_CUR ? RIGHT_FD_TELL : RIGHT_FD_SEEK);
            long from;
            switch (whence) {
                case WHENCE_SET:
                    from = 0;
                    break;
                case WHENCE_CUR:
                    from = file.ch.position();
                    break;
                case WHENCE_END:
                    from = file.ch.size();
                    break;
                default:
                    throw err(Errno.EINVAL);
            }
            long pos = from + offset;
            if (((from ^ pos) & (offset ^ pos)) < 0 || pos < 0) {
                throw err(Errno.EINVAL);
            }
            file.ch.position(pos);
            storeI64(newOffsetPtr, pos);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_tell(int fd, int offsetPtr) {
        try {
            Fd f = lookup(fd);
            check(offsetPtr, 8);
            if (!(f instanceof Fd.File)) {
                throw err(f instanceof Fd.Dir ? Errno.EBADF : Errno.ESPIPE);
            }
            need(f, RIGHT_FD_TELL);
            storeI64(offsetPtr, ((Fd.File) f).ch.position());
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int fd_write(int fd, int iovs, int iovsLen, int nwrittenPtr) {
        try {
            Fd f = lookup(fd);
            long total = checkIovecs(iovs, iovsLen);
            check(nwrittenPtr, 4);
            if (f instanceof Fd.Stdout) {
                if ((f.rightsBase & RIGHT_FD_WRITE) == 0) {
                    throw err(Errno.EBADF);
                }
                writeStream(((Fd.Stdout) f).out, iovs, iovsLen, (int) total);
            } else if (f instanceof Fd.File) {
                if ((f.rightsBase & RIGHT_FD_WRITE) == 0) {
                    throw err(Errno.EBADF);
                }
                Fd.File file = (Fd.File) f;
                if (total > 0) {
                    ByteBuffer[] bufs = iovBuffers(iovs, iovsLen);
                    if ((f.fdflags & FDFLAGS_APPEND) != 0) {
                        appendWrite(file, bufs, true);
                    } else {
                        long left = total;
                        while (left > 0) {
                            long k = file.ch.write(bufs);
                            left -= k;
                        }
                    }
                    syncAfterWrite(file);
                }
            } else if (f instanceof Fd.Dir) {
                throw err(Errno.EISDIR);
            } else {
                throw err(Errno.EBADF);
            }
            storeI32(nwrittenPtr, (int) total);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /** All bytes of all iovecs, in as few writes as possible, then a flush. */
    private void writeStream(OutputStream out, int iovs, int iovsLen, int total) throws IOException {
        byte[] a = array();
        int b = base();
        int nonEmpty = 0;
        int only = -1;
        for (int i = 0; i < iovsLen; i++) {
            if (iovLen(iovs, i) != 0) {
                nonEmpty++;
                only = i;
            }
        }
        if (nonEmpty == 1) {
            out.write(a, b + iovAddr(iovs, only), iovLen(iovs, only));
        } else if (nonEmpty > 1 && total <= GATHER_LIMIT) {
            if (scratch.length < total) {
                scratch = new byte[Math.max(total, Math.min(2 * scratch.length, GATHER_LIMIT))];
            }
            int at = 0;
            for (int i = 0; i < iovsLen; i++) {
                int len = iovLen(iovs, i);
                System.arraycopy(a, b + iovAddr(iovs, i), scratch, at, len);
                at += len;
            }
            out.write(scratch, 0, total);
        } else {
            for (int i = 0; i < iovsLen; i++) {
                int len = iovLen(iovs, i);
                if (len != 0) {
                    out.write(a, b + iovAddr(iovs, i), len);
                }
            }
        }
        out.flush();
    }

    // ------------------------------------------------------------------------------------------
    // path_*

    private PathResolver.Resolved resolve(Fd.Dir dir, int pathPtr, int pathLen, boolean follow)
            throws WasiError, IOException {
        return PathResolver.resolve(dir, readString(pathPtr, pathLen), follow);
    }

    /** Resolves the directory entry a call creates or removes (see {@link PathResolver.Final#ENTRY}). */
    private PathResolver.Resolved entry(Fd.Dir dir, int pathPtr, int pathLen) throws WasiError, IOException {
        return PathResolver.resolve(dir, readString(pathPtr, pathLen), PathResolver.Final.ENTRY);
    }

    int path_create_directory(int fd, int path, int pathLen) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_CREATE_DIRECTORY);
            PathResolver.Resolved r = entry(dir, path, pathLen);
            if (r.dotFinal != null || r.exists()) {
                throw err(Errno.EEXIST);
            }
            Files.createDirectory(r.host);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_filestat_get(int fd, int flags, int path, int pathLen, int buf) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_FILESTAT_GET);
            check(buf, FILESTAT_SIZE);
            PathResolver.Resolved r = resolve(dir, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0);
            if (!r.exists()) {
                throw err(Errno.ENOENT);
            }
            writeFilestat(buf, HostFs.lstat(r.host));
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_filestat_set_times(int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_FILESTAT_SET_TIMES);
            checkFstFlags(fstFlags);
            PathResolver.Resolved r = resolve(dir, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0);
            if (!r.exists()) {
                throw err(Errno.ENOENT);
            }
            setTimes(r.host, atim, mtim, fstFlags, true);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_link(int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        try {
            Fd.Dir from = dirFd(oldFd, RIGHT_PATH_LINK_SOURCE);
            Fd.Dir to = dirFd(newFd, RIGHT_PATH_LINK_TARGET);
            PathResolver.Resolved src = resolve(from, oldPath, oldPathLen, (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
            PathResolver.Resolved dst = entry(to, newPath, newPathLen);
            if (!src.exists()) {
                throw err(Errno.ENOENT);
            }
            if (src.isDirectory()) {
                throw err(Errno.EPERM);
            }
            if (dst.dotFinal != null || dst.exists()) {
                throw err(Errno.EEXIST);
            }
            if (dst.trailingSlash) {
                throw err(Errno.ENOENT);
            }
            Files.createLink(dst.host, src.host);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_open(int fd, int dirflags, int path, int pathLen, int oflags, long base, long inheriting,
            int fdflags, int fdPtr) {
        try {
            boolean creat = (oflags & OFLAGS_CREAT) != 0;
            boolean trunc = (oflags & OFLAGS_TRUNC) != 0;
            boolean excl = (oflags & OFLAGS_EXCL) != 0;
            boolean directory = (oflags & OFLAGS_DIRECTORY) != 0;
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_OPEN | (creat ? RIGHT_PATH_CREATE_FILE : 0)
                    | (trunc ? RIGHT_PATH_FILESTAT_SET_SIZE : 0));
            check(fdPtr, 4);
            if ((oflags & ~OFLAGS_ALL) != 0 || (fdflags & ~FDFLAGS_ALL) != 0 || (creat && directory)) {
                throw err(Errno.EINVAL);
            }
            // rights preview1 does not define are ignored; the defined ones must be inheritable
            base &= RIGHTS_ALL;
            inheriting &= RIGHTS_ALL;
            if (((base | inheriting) & ~dir.rightsInheriting) != 0) {
                throw err(Errno.ENOTCAPABLE);
            }
            boolean wantRead = (base & RIGHT_FD_READ) != 0;
            boolean wantWrite = (base & RIGHT_FD_WRITE) != 0;
            // O_CREAT|O_EXCL never follows a final symlink
            boolean follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) != 0 && !(creat && excl);
            PathResolver.Resolved r = resolve(dir, path, pathLen, follow);
            Fd opened;
            if (r.exists()) {
                if (creat && excl) {
                    throw err(Errno.EEXIST);
                }
                if (r.isSymlink()) {
                    throw err(Errno.ELOOP); // open(O_NOFOLLOW) on a symlink
                }
                if (r.isDirectory()) {
                    if (wantWrite || trunc || creat) {
                        throw err(Errno.EISDIR);
                    }
                    opened = new Fd.Dir(r.root, r.rel, r.host, null, base & RIGHTS_DIRECTORY, inheriting, fdflags);
                } else {
                    if (directory) {
                        throw err(Errno.ENOTDIR);
                    }
                    opened = openFile(r.host, false, false, trunc, wantRead, wantWrite, base, inheriting, fdflags);
                }
            } else {
                if (!creat) {
                    throw err(Errno.ENOENT);
                }
                if (r.trailingSlash) {
                    throw err(Errno.EISDIR);
                }
                opened = openFile(r.host, true, excl, trunc, wantRead, wantWrite, base, inheriting, fdflags);
            }
            int n;
            try {
                n = allocate(opened);
            } catch (WasiError e) {
                if (opened instanceof Fd.File) {
                    ((Fd.File) opened).ch.close();
                }
                throw e;
            }
            memory.buf.putInt(fdPtr, n);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    private static Fd.File openFile(Path host, boolean create, boolean excl, boolean trunc, boolean read,
            boolean write, long base, long inheriting, int fdflags) throws IOException {
        if (create && !write) {
            // Java creates only files it opens for writing: create first, then open to read
            try {
                Files.createFile(host);
            } catch (FileAlreadyExistsException e) {
                if (excl) {
                    throw e;
                }
            }
        }
        if (trunc && !write) {
            // O_RDONLY|O_TRUNC truncates (given write permission), as on Linux
            FileChannel.open(host, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS).close(); // truncated by opening
        }
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS); // resolved already: the final component is no symlink
        if (read || !write) {
            opts.add(StandardOpenOption.READ);
        }
        if (write) {
            opts.add(StandardOpenOption.WRITE);
            if (create) {
                opts.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
            }
            if (trunc) {
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
        FileChannel ch = FileChannel.open(host, opts);
        try {
            HostFs.Stat st = HostFs.lstat(host);
            if (st.filetype == FILETYPE_DIRECTORY) {
                throw new java.nio.file.FileSystemException(host.toString(), null, "Is a directory");
            }
            return new Fd.File(ch, host, st, base & RIGHTS_FILE, inheriting, fdflags);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    int path_readlink(int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_READLINK);
            long cap = bufLen & 0xFFFFFFFFL;
            check(buf, cap);
            check(bufusedPtr, 4);
            PathResolver.Resolved r = resolve(dir, path, pathLen, false);
            if (!r.exists()) {
                throw err(Errno.ENOENT);
            }
            if (!r.isSymlink()) {
                throw err(Errno.EINVAL);
            }
            byte[] target = Files.readSymbolicLink(r.host).toString().getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(cap, target.length); // truncated, as readlink(2) and wasmtime
            storeBytes(buf, target, 0, n);
            storeI32(bufusedPtr, n);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_remove_directory(int fd, int path, int pathLen) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_REMOVE_DIRECTORY);
            PathResolver.Resolved r = entry(dir, path, pathLen);
            if (".".equals(r.dotFinal)) {
                throw err(Errno.EINVAL);
            }
            if ("..".equals(r.dotFinal)) {
                throw err(Errno.ENOTEMPTY);
            }
            if (!r.exists()) {
                throw err(Errno.ENOENT);
            }
            if (!r.isDirectory()) {
                throw err(Errno.ENOTDIR);
            }
            Files.delete(r.host);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_rename(int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        try {
            Fd.Dir from = dirFd(fd, RIGHT_PATH_RENAME_SOURCE);
            Fd.Dir to = dirFd(newFd, RIGHT_PATH_RENAME_TARGET);
            PathResolver.Resolved src = entry(from, oldPath, oldPathLen);
            PathResolver.Resolved dst = entry(to, newPath, newPathLen);
            if (src.dotFinal != null || dst.dotFinal != null) {
                throw err(Errno.EBUSY);
            }
            if (!src.exists()) {
                throw err(Errno.ENOENT);
            }
            if (dst.trailingSlash && dst.exists() && !dst.isDirectory()) {
                throw err(Errno.ENOTDIR);
            }
            if (src.isDirectory()) {
                if (dst.exists() && !dst.isDirectory()) {
                    throw err(Errno.ENOTDIR);
                }
                if (!dst.host.equals(src.host) && dst.host.startsWith(src.host)) {
                    throw err(Errno.EINVAL); // into its own subdirectory
                }
            } else {
                if (dst.isDirectory()) {
                    throw err(Errno.EISDIR);
                }
                if (dst.trailingSlash || src.trailingSlash) {
                    throw err(Errno.ENOTDIR);
                }
            }
            if (dst.exists() && sameFile(src.host, dst.host)) {
                return 0; // POSIX: renaming a file onto itself (or a hard link of it) does nothing
            }
            Files.move(src.host, dst.host, StandardCopyOption.ATOMIC_MOVE); // rename(2)
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        HostFs.Stat x = HostFs.lstat(a);
        HostFs.Stat y = HostFs.lstat(b);
        return x.dev == y.dev && x.ino == y.ino && x.ino != 0;
    }

    int path_symlink(int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_SYMLINK);
            String target = readString(oldPath, oldPathLen);
            if (target.isEmpty()) {
                throw err(Errno.ENOENT);
            }
            if (target.indexOf('\0') >= 0) {
                throw err(Errno.EINVAL);
            }
            if (target.charAt(0) == '/' && !dir.root.hostRoot) {
                // would point outside the sandbox for whoever follows it on the host
                throw err(Errno.ENOTCAPABLE);
            }
            PathResolver.Resolved r = entry(dir, newPath, newPathLen);
            if (r.dotFinal != null || r.exists()) {
                throw err(Errno.EEXIST);
            }
            if (r.trailingSlash) {
                throw err(Errno.ENOENT);
            }
            Files.createSymbolicLink(r.host, r.host.getFileSystem().getPath(target));
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int path_unlink_file(int fd, int path, int pathLen) {
        try {
            Fd.Dir dir = dirFd(fd, RIGHT_PATH_UNLINK_FILE);
            PathResolver.Resolved r = entry(dir, path, pathLen);
            if (r.dotFinal != null) {
                throw err(Errno.EISDIR);
            }
            if (!r.exists()) {
                throw err(Errno.ENOENT);
            }
            if (r.isDirectory()) {
                throw err(Errno.EISDIR);
            }
            if (r.trailingSlash) {
                throw err(Errno.ENOTDIR);
            }
            Files.delete(r.host);
            return 0;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    // ------------------------------------------------------------------------------------------
    // poll_oneoff

    int poll_oneoff(int in, int out, int nsubscriptions, int neventsPtr) {
        try {
            if (nsubscriptions == 0) {
                throw err(Errno.EINVAL);
            }
            long n = nsubscriptions & 0xFFFFFFFFL;
            check(in, n * SUBSCRIPTION_SIZE);
            check(out, n * EVENT_SIZE);
            check(neventsPtr, 4);
            if (n > Integer.MAX_VALUE / SUBSCRIPTION_SIZE) {
                throw err(Errno.EINVAL);
            }
            int count = (int) n;
            long start = System.nanoTime();
            long monoNow = monotonic.getAsLong();
            long realNow = -1;
            // per subscription: its type, and for clocks the delay from start (ns)
            int[] types = new int[count];
            long[] delays = new long[count];
            boolean stdinSub = false;
            for (int i = 0; i < count; i++) {
                int s = in + i * SUBSCRIPTION_SIZE;
                int type = loadU8(s + 8);
                types[i] = type;
                if (type == EVENTTYPE_CLOCK) {
                    int id = loadI32(s + 16);
                    long timeout = loadI64(s + 24);
                    int flags = loadU16(s + 40);
                    if ((flags & ~SUBSCRIPTION_CLOCK_ABSTIME) != 0) {
                        throw err(Errno.EINVAL);
                    }
                    long now;
                    if (id == CLOCK_MONOTONIC) {
                        now = monoNow;
                    } else if (id == CLOCK_REALTIME) {
                        if (realNow < 0) {
                            realNow = realtime.getAsLong();
                        }
                        now = realNow;
                    } else {
                        throw err(Errno.EINVAL);
                    }
                    long delay;
                    if ((flags & SUBSCRIPTION_CLOCK_ABSTIME) != 0) {
                        delay = Long.compareUnsigned(timeout, now) <= 0 ? 0 : timeout - now;
                    } else {
                        delay = timeout;
                    }
                    delays[i] = delay < 0 ? Long.MAX_VALUE : delay; // beyond 2^63 ns: never
                } else if (type == EVENTTYPE_FD_READ || type == EVENTTYPE_FD_WRITE) {
                    int fd = loadI32(s + 16);
                    if (type == EVENTTYPE_FD_READ && fd >= 0 && fd < fds.length && fds[fd] instanceof Fd.Stdin) {
                        stdinSub = true;
                    }
                } else {
                    throw err(Errno.EINVAL);
                }
            }
            while (true) {
                long elapsed = System.nanoTime() - start;
                int events = 0;
                long wait = Long.MAX_VALUE;
                for (int i = 0; i < count; i++) {
                    int s = in + i * SUBSCRIPTION_SIZE;
                    int e = out + events * EVENT_SIZE;
                    long userdata = memory.buf.getLong(s);
                    if (types[i] == EVENTTYPE_CLOCK) {
                        if (elapsed >= delays[i]) {
                            writeEvent(e, userdata, 0, EVENTTYPE_CLOCK, 0, 0);
                            events++;
                        } else {
                            wait = Math.min(wait, delays[i] - elapsed);
                        }
                    } else if (fdEvent(e, userdata, types[i], memory.buf.getInt(s + 16))) {
                        events++;
                    }
                }
                if (events > 0) {
                    memory.buf.putInt(neventsPtr, events);
                    return 0;
                }
                if (stdinSub) {
                    stdin.awaitReadable(wait);
                } else {
                    // no fd can become ready by waiting (only stdin can), so a clock is pending
                    LockSupport.parkNanos(wait);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } catch (Throwable t) {
            return fail(t);
        }
    }

    /**
     * Writes the event of an fd subscription if it is ready (or failed); returns whether it did.
     * Reads report the bytes available (stdin: buffered bytes, a file: bytes to its end) and
     * FD_READWRITE_HANGUP once stdin has ended; writes never block, so they are always ready,
     * with nbytes 1 (a lower bound: how much fits is unknown), as wasmtime reports.
     */
    private boolean fdEvent(int e, long userdata, int type, int fd) throws IOException {
        Fd f = fd >= 0 && fd < fds.length ? fds[fd] : null;
        if (f == null || f instanceof Fd.Dir) {
            writeEvent(e, userdata, Errno.EBADF, type, 0, 0);
            return true;
        }
        if ((f.rightsBase & RIGHT_POLL_FD_READWRITE) == 0) {
            writeEvent(e, userdata, Errno.ENOTCAPABLE, type, 0, 0);
            return true;
        }
        if (type == EVENTTYPE_FD_READ) {
            if (f instanceof Fd.Stdin) {
                long ready = stdin.readiness();
                if (ready < 0) {
                    return false;
                }
                writeEvent(e, userdata, 0, type, ready, ready == 0 ? EVENT_FD_READWRITE_HANGUP : 0);
                return true;
            }
            if (f instanceof Fd.File) {
                FileChannel ch = ((Fd.File) f).ch;
                long avail = f.filetype == FILETYPE_REGULAR_FILE ? Math.max(0, ch.size() - ch.position()) : 0;
                writeEvent(e, userdata, 0, type, avail, 0);
                return true;
            }
            writeEvent(e, userdata, Errno.EBADF, type, 0, 0); // stdout/stderr are not readable
            return true;
        }
        if (f instanceof Fd.Stdin) {
            writeEvent(e, userdata, Errno.EBADF, type, 0, 0);
            return true;
        }
        writeEvent(e, userdata, 0, type, 1, 0);
        return true;
    }

    private void writeEvent(int e, long userdata, int error, int type, long nbytes, int flags) {
        zero(e, EVENT_SIZE);
        ByteBuffer b = memory.buf;
        b.putLong(e, userdata);
        b.putShort(e + 8, (short) error);
        b.put(e + 10, (byte) type);
        b.putLong(e + 16, nbytes);
        b.putShort(e + 24, (short) flags);
    }

    // ------------------------------------------------------------------------------------------
    // sock_*: no sockets can exist (preview1 cannot create them and none are preopened)

    private int notSupported(int fd) {
        try {
            lookup(fd);
            return Errno.ENOTSUP;
        } catch (Throwable t) {
            return fail(t);
        }
    }

    int sock_accept(int fd, int flags, int fdPtr) {
        return notSupported(fd);
    }

    int sock_recv(int fd, int riData, int riDataLen, int riFlags, int roDatalenPtr, int roFlagsPtr) {
        return notSupported(fd);
    }

    int sock_send(int fd, int siData, int siDataLen, int siFlags, int soDatalenPtr) {
        return notSupported(fd);
    }

    int sock_shutdown(int fd, int how) {
        return notSupported(fd);
    }
}
