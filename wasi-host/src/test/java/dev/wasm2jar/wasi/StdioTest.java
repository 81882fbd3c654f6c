package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdioTest {
    private static final int NONBLOCK = Abi.FDFLAGS_NONBLOCK;

    /** Records each write call, to see how writes were gathered and that each was flushed. */
    static final class Recording extends OutputStream {
        final List<String> writes = new ArrayList<>();
        final ByteArrayOutputStream all;
        int flushes;
        int unflushed;

        Recording(ByteArrayOutputStream all) {
            this.all = all;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            all.write(b, off, len);
            unflushed++;
        }

        @Override
        public void flush() {
            flushes++;
            unflushed = 0;
        }
    }

    /** A stdin fed by the test, like a terminal or pipe: reads block until data or close. */
    static final class Feed extends InputStream {
        private final java.util.concurrent.LinkedBlockingQueue<byte[]> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
        private byte[] cur = new byte[0];
        private int pos;
        private boolean eof;

        void put(String s) {
            chunks.add(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            chunks.add(new byte[0]); // end of stream marker
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == cur.length) {
                if (eof) {
                    return -1;
                }
                try {
                    cur = chunks.take();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (cur.length == 0) {
                    eof = true;
                }
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return cur.length - pos;
        }
    }

    @Test
    void stdoutAndStderrInterleaveInOrderGatheredAndFlushed() {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        Recording out = new Recording(both);
        Recording err = new Recording(both);
        Guest g = new Guest(WasiHost.builder().stdout(out).stderr(err));
        int a = g.str("Hello, ");
        int b = g.str("world");
        int c = g.str("!\n");
        int iov = g.iovecs(a, 7, b, 0, b, 5, c, 2); // an empty iovec in between
        int n = g.alloc(4);
        g.ok("fd_write", 1, iov, 4, n);
        assertEquals(14, g.i32(n));
        assertEquals(List.of("Hello, world!\n"), out.writes, "several iovecs, one write");
        assertEquals(0, out.unflushed);
        assertEquals(0, g.write(2, "oops\n"));
        assertEquals(0, g.write(1, "again\n"));
        assertEquals(0, err.unflushed);
        assertEquals("Hello, world!\noops\nagain\n", both.toString(StandardCharsets.UTF_8));
        // zero iovecs: nothing written, 0 reported
        g.ok("fd_write", 1, iov, 0, n);
        assertEquals(0, g.i32(n));
    }

    @Test
    void largeWritesArriveWhole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Guest g = new Guest(WasiHost.builder().stdout(bytes));
        int size = 100_000;
        int buf = g.alloc(size);
        for (int i = 0; i < size; i++) {
            g.mem.writeByte(buf + i, (byte) ('a' + i % 26));
        }
        int iov = g.iovecs(buf, 60_000, buf + 60_000, 40_000);
        int n = g.alloc(4);
        g.ok("fd_write", 1, iov, 2, n);
        assertEquals(size, g.i32(n));
        byte[] got = bytes.toByteArray();
        assertEquals(size, got.length);
        for (int i = 0; i < size; i++) {
            assertEquals((byte) ('a' + i % 26), got[i]);
        }
    }

    @Test
    void stdioFdstatAndFilestat() {
        Guest g = new Guest(WasiHost.builder());
        for (int fd = 0; fd < 3; fd++) {
            long[] st = g.fdstat(fd);
            assertEquals(Abi.FILETYPE_CHARACTER_DEVICE, st[0]);
            assertEquals(0, st[1]);
            long rw = fd == 0 ? Abi.RIGHT_FD_READ : Abi.RIGHT_FD_WRITE;
            assertEquals(rw, st[2] & (Abi.RIGHT_FD_READ | Abi.RIGHT_FD_WRITE));
            assertTrue((st[2] & Abi.RIGHT_FD_FDSTAT_SET_FLAGS) != 0);
            assertTrue((st[2] & Abi.RIGHT_POLL_FD_READWRITE) != 0);
            long[] fs = g.fdStat(fd);
            assertEquals(Abi.FILETYPE_CHARACTER_DEVICE, fs[2]);
            assertEquals(0, fs[4]);
        }
        // stdio is not seekable
        int p = g.alloc(8);
        g.fails(Errno.ESPIPE, "fd_seek", 1, 0L, Abi.WHENCE_CUR, p);
        g.fails(Errno.ESPIPE, "fd_tell", 0, p);
        int iov = g.iovecs(p, 1);
        g.fails(Errno.ESPIPE, "fd_pread", 0, iov, 1, 0L, p);
        g.fails(Errno.ESPIPE, "fd_pwrite", 1, iov, 1, 0L, p);
        // wrong direction
        g.fails(Errno.EBADF, "fd_write", 0, iov, 1, p);
        g.fails(Errno.EBADF, "fd_read", 1, iov, 1, p);
        g.fails(Errno.EBADF, "fd_read", 2, iov, 1, p);
        // not preopens
        g.fails(Errno.EBADF, "fd_prestat_get", 0, p);
        g.ok("fd_sync", 1);
        g.ok("fd_datasync", 2);
    }

    @Test
    void setNonblockLikeGoDoes() {
        Guest g = new Guest(WasiHost.builder());
        for (int fd = 0; fd < 3; fd++) {
            long flags = g.fdstat(fd)[1];
            g.ok("fd_fdstat_set_flags", fd, (int) flags | NONBLOCK);
            assertEquals(NONBLOCK, g.fdstat(fd)[1]);
        }
        g.fails(Errno.EINVAL, "fd_fdstat_set_flags", 1, 0x20);
        g.ok("fd_fdstat_set_flags", 0, 0);
        assertEquals(0, g.fdstat(0)[1]);
    }

    @Test
    void blockingStdinReadsAndEof() {
        Guest g = new Guest(WasiHost.builder().stdin(new ByteArrayInputStream("line one\nline two\n".getBytes())));
        assertEquals("line", g.read(0, 4));
        assertEquals(" one\nline two\n", g.readAll(0));
        assertEquals("", g.read(0, 10), "EOF reads 0");
        assertEquals("", g.read(0, 10), "and again");
    }

    @Test
    void defaultStdinIsEmpty() {
        Guest g = new Guest(WasiHost.builder());
        assertEquals("", g.read(0, 10));
        g.ok("fd_fdstat_set_flags", 0, NONBLOCK);
        assertEquals("", g.read(0, 10), "non-blocking EOF is 0 too, not EAGAIN");
    }

    @Test
    void scatterReadFillsSeveralIovecs() {
        Guest g = new Guest(WasiHost.builder().stdin(new ByteArrayInputStream("abcdefgh".getBytes())));
        int a = g.alloc(3);
        int b = g.alloc(10);
        int iov = g.iovecs(a, 3, b, 0, b, 10);
        int n = g.alloc(4);
        g.ok("fd_read", 0, iov, 3, n);
        assertEquals(8, g.i32(n));
        assertEquals("abc", g.string(a, 3));
        assertEquals("defgh", g.string(b, 5));
    }

    @Test
    void nonblockingStdinEagainThenPollThenData() throws Exception {
        Feed feed = new Feed();
        Guest g = new Guest(WasiHost.builder().stdin(feed));
        g.ok("fd_fdstat_set_flags", 0, NONBLOCK);
        assertEquals(null, g.read(0, 16));
        assertEquals(Errno.EAGAIN, g.lastErrno, "nothing typed yet");

        // poll for readability with a timeout: nothing comes, the clock fires
        int subs = g.alloc(96);
        int events = g.alloc(64);
        int nev = g.alloc(4);
        PollTest.fdSub(g, subs, 11, Abi.EVENTTYPE_FD_READ, 0);
        PollTest.clockSub(g, subs + 48, 22, Abi.CLOCK_MONOTONIC, 30_000_000L, 0);
        g.ok("poll_oneoff", subs, events, 2, nev);
        assertEquals(1, g.i32(nev));
        assertEquals(22, g.i64(events));
        assertEquals(Abi.EVENTTYPE_CLOCK, g.u8(events + 10));

        // data arrives while polling: the fd event fires, with the bytes available
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(50);
                feed.put("typed\n");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        PollTest.clockSub(g, subs + 48, 22, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        g.ok("poll_oneoff", subs, events, 2, nev);
        writer.join();
        assertEquals(1, g.i32(nev));
        assertEquals(11, g.i64(events));
        assertEquals(0, g.u16(events + 8), "no error");
        assertEquals(Abi.EVENTTYPE_FD_READ, g.u8(events + 10));
        assertEquals(6, g.i64(events + 16), "nbytes: all six bytes are buffered");
        assertEquals(0, g.u16(events + 24), "not hung up");

        assertEquals("typed\n", g.read(0, 64));
        assertEquals(null, g.read(0, 16));
        assertEquals(Errno.EAGAIN, g.lastErrno);

        // end of input: poll reports readable with HANGUP, a read returns 0
        feed.close();
        PollTest.clockSub(g, subs + 48, 22, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        g.ok("poll_oneoff", subs, events, 2, nev);
        assertEquals(1, g.i32(nev));
        assertEquals(11, g.i64(events));
        assertEquals(0, g.i64(events + 16));
        assertEquals(Abi.EVENT_FD_READWRITE_HANGUP, g.u16(events + 24));
        assertEquals("", g.read(0, 16));
    }

    @Test
    void blockingReadAfterPumpStartedWaitsForData() throws Exception {
        Feed feed = new Feed();
        Guest g = new Guest(WasiHost.builder().stdin(feed));
        g.ok("fd_fdstat_set_flags", 0, NONBLOCK);
        assertEquals(null, g.read(0, 4));
        g.ok("fd_fdstat_set_flags", 0, 0); // back to blocking: served from the pump's buffer
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(30);
                feed.put("la");
                feed.put("te");
                feed.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        assertEquals("late", g.readAll(0));
        writer.join();
    }

    @Test
    void stdinLargerThanThePumpBufferArrivesWhole() throws Exception {
        byte[] data = new byte[StdinSource.RING_SIZE * 3 + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Guest g = new Guest(WasiHost.builder().stdin(new ByteArrayInputStream(data)));
        g.ok("fd_fdstat_set_flags", 0, NONBLOCK);
        int buf = g.alloc(5000);
        int iov = g.iovecs(buf, 5000);
        int n = g.alloc(4);
        int subs = g.alloc(48);
        int ev = g.alloc(32);
        PollTest.fdSub(g, subs, 1, Abi.EVENTTYPE_FD_READ, 0);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            int e = g.call("fd_read", 0, iov, 1, n);
            if (e == Errno.EAGAIN) {
                g.ok("poll_oneoff", subs, ev, 1, n);
                continue;
            }
            assertEquals(0, e);
            if (g.i32(n) == 0) {
                break;
            }
            got.write(g.mem.readBytes(buf, g.i32(n)));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void stdinErrorIsEio() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("device gone");
            }
        };
        Guest g = new Guest(WasiHost.builder().stdin(broken));
        assertEquals(null, g.read(0, 4));
        assertEquals(Errno.EIO, g.lastErrno);
        g.ok("fd_fdstat_set_flags", 0, NONBLOCK);
        int subs = g.alloc(48);
        int ev = g.alloc(32);
        int n = g.alloc(4);
        PollTest.fdSub(g, subs, 1, Abi.EVENTTYPE_FD_READ, 0);
        g.ok("poll_oneoff", subs, ev, 1, n);
        assertEquals(1, g.i32(n));
        assertEquals(Abi.EVENT_FD_READWRITE_HANGUP, g.u16(ev + 24), "a failed stream is hung up");
        assertEquals(null, g.read(0, 4));
        assertEquals(Errno.EIO, g.lastErrno);
    }

    @Test
    void brokenStdoutIsEpipeOrEio() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        Guest g = new Guest(WasiHost.builder().stdout(closed));
        assertEquals(Errno.EPIPE, g.write(1, "x"));
    }

    @Test
    void narrowedRightsAreEnforced() {
        Guest g = new Guest(WasiHost.builder().stdin(new ByteArrayInputStream("data".getBytes())));
        long[] st = g.fdstat(1);
        g.ok("fd_fdstat_set_rights", 1, st[2] & ~Abi.RIGHT_FD_WRITE, st[3]);
        assertEquals(Errno.EBADF, g.write(1, "x"), "no FD_WRITE: EBADF as POSIX");
        g.fails(Errno.ENOTCAPABLE, "fd_fdstat_set_rights", 1, st[2], st[3]);
        g.ok("fd_fdstat_set_rights", 0, Abi.RIGHT_FD_READ, 0L);
        g.fails(Errno.ENOTCAPABLE, "fd_fdstat_set_flags", 0, NONBLOCK);
        assertEquals("data", g.read(0, 10));
        g.ok("fd_fdstat_set_rights", 0, 0L, 0L);
        assertEquals(null, g.read(0, 10));
        assertEquals(Errno.EBADF, g.lastErrno);
    }

    @Test
    void closingStdoutLeavesTheStreamOpen() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Guest g = new Guest(WasiHost.builder().stdout(bytes));
        g.write(1, "a");
        g.ok("fd_close", 1);
        assertEquals(Errno.EBADF, g.write(1, "b"));
        g.fails(Errno.EBADF, "fd_close", 1);
        assertEquals("a", bytes.toString());
    }
}
