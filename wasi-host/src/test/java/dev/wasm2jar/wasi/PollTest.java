package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollTest {
    /** A clock subscription at {@code at} (48 bytes). */
    static void clockSub(Guest g, int at, long userdata, int clock, long timeout, int flags) {
        for (int i = 0; i < 48; i++) {
            g.mem.writeByte(at + i, (byte) 0);
        }
        g.mem.writeI64(at, userdata);
        g.mem.writeByte(at + 8, (byte) Abi.EVENTTYPE_CLOCK);
        g.mem.writeI32(at + 16, clock);
        g.mem.writeI64(at + 24, timeout);
        g.mem.writeI64(at + 32, 1000); // precision
        g.mem.writeI16(at + 40, (short) flags);
    }

    /** An fd_read / fd_write subscription at {@code at}. */
    static void fdSub(Guest g, int at, long userdata, int type, int fd) {
        for (int i = 0; i < 48; i++) {
            g.mem.writeByte(at + i, (byte) 0);
        }
        g.mem.writeI64(at, userdata);
        g.mem.writeByte(at + 8, (byte) type);
        g.mem.writeI32(at + 16, fd);
    }

    private final Guest g = new Guest(WasiHost.builder());
    private final int subs = g.alloc(48 * 4);
    private final int events = g.alloc(32 * 4);
    private final int nevents = g.alloc(4);

    private long monotonic() {
        int out = g.alloc(8);
        g.ok("clock_time_get", Abi.CLOCK_MONOTONIC, 0L, out);
        return g.i64(out);
    }

    private long realtime() {
        int out = g.alloc(8);
        g.ok("clock_time_get", Abi.CLOCK_REALTIME, 0L, out);
        return g.i64(out);
    }

    private void assertClockEvent(int event, long userdata) {
        assertEquals(userdata, g.i64(event));
        assertEquals(0, g.u16(event + 8));
        assertEquals(Abi.EVENTTYPE_CLOCK, g.u8(event + 10));
        assertEquals(0, g.i64(event + 16));
        assertEquals(0, g.u16(event + 24));
        for (int i = 11; i < 16; i++) {
            assertEquals(0, g.u8(event + i), "padding zeroed");
        }
    }

    @Test
    void relativeSleepLastsAtLeastTheTimeout() {
        long timeout = 50_000_000L;
        clockSub(g, subs, 0xABCDEF0123L, Abi.CLOCK_MONOTONIC, timeout, 0);
        long t0 = System.nanoTime();
        g.ok("poll_oneoff", subs, events, 1, nevents);
        long slept = System.nanoTime() - t0;
        assertTrue(slept >= timeout, "slept " + slept);
        assertEquals(1, g.i32(nevents));
        assertClockEvent(events, 0xABCDEF0123L);
    }

    @Test
    void realtimeRelativeSleep() {
        clockSub(g, subs, 5, Abi.CLOCK_REALTIME, 30_000_000L, 0);
        long t0 = System.nanoTime();
        g.ok("poll_oneoff", subs, events, 1, nevents);
        assertTrue(System.nanoTime() - t0 >= 30_000_000L);
        assertClockEvent(events, 5);
    }

    @Test
    void absoluteMonotonicDeadline() {
        long deadline = monotonic() + 40_000_000L;
        clockSub(g, subs, 9, Abi.CLOCK_MONOTONIC, deadline, Abi.SUBSCRIPTION_CLOCK_ABSTIME);
        g.ok("poll_oneoff", subs, events, 1, nevents);
        assertTrue(monotonic() >= deadline, "woke before the deadline");
        assertClockEvent(events, 9);
    }

    @Test
    void absoluteRealtimeDeadline() {
        long deadline = realtime() + 40_000_000L;
        clockSub(g, subs, 9, Abi.CLOCK_REALTIME, deadline, Abi.SUBSCRIPTION_CLOCK_ABSTIME);
        g.ok("poll_oneoff", subs, events, 1, nevents);
        assertTrue(realtime() >= deadline - 1_000_000L, "woke before the deadline"); // realtime: 1 ms slack for clock steps
        assertClockEvent(events, 9);
    }

    @Test
    void pastAbsoluteDeadlineAndZeroTimeoutFireAtOnce() {
        clockSub(g, subs, 1, Abi.CLOCK_MONOTONIC, 0, Abi.SUBSCRIPTION_CLOCK_ABSTIME);
        clockSub(g, subs + 48, 2, Abi.CLOCK_MONOTONIC, 0, 0);
        g.ok("poll_oneoff", subs, events, 2, nevents);
        assertEquals(2, g.i32(nevents));
        assertClockEvent(events, 1);
        assertClockEvent(events + 32, 2);
    }

    @Test
    void onlyTheEarliestClockFires() {
        clockSub(g, subs, 100, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        clockSub(g, subs + 48, 200, Abi.CLOCK_MONOTONIC, 20_000_000L, 0);
        clockSub(g, subs + 96, 300, Abi.CLOCK_REALTIME, 50_000_000_000L, 0);
        long t0 = System.nanoTime();
        g.ok("poll_oneoff", subs, events, 3, nevents);
        assertTrue(System.nanoTime() - t0 >= 20_000_000L);
        assertEquals(1, g.i32(nevents));
        assertClockEvent(events, 200);
    }

    @Test
    void fdWriteReadinessIsImmediate() {
        fdSub(g, subs, 77, Abi.EVENTTYPE_FD_WRITE, 1);
        clockSub(g, subs + 48, 88, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        fdSub(g, subs + 96, 99, Abi.EVENTTYPE_FD_WRITE, 2);
        g.ok("poll_oneoff", subs, events, 3, nevents);
        assertEquals(2, g.i32(nevents), "both writes ready, the clock not");
        assertEquals(77, g.i64(events));
        assertEquals(Abi.EVENTTYPE_FD_WRITE, g.u8(events + 10));
        assertEquals(0, g.u16(events + 8));
        assertEquals(1, g.i64(events + 16), "nbytes: at least one byte can be written");
        assertEquals(99, g.i64(events + 32));
    }

    @Test
    void fileReadReadinessReportsBytesToEnd(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("f"), new byte[1000]);
        Guest h = new Guest(WasiHost.builder().preopen(dir, "/"));
        int fd = h.openOk(3, "f", 0, Guest.RW, 0);
        h.seek(fd, 400, Abi.WHENCE_SET);
        int s = h.alloc(96);
        int ev = h.alloc(64);
        int n = h.alloc(4);
        fdSub(h, s, 1, Abi.EVENTTYPE_FD_READ, fd);
        fdSub(h, s + 48, 2, Abi.EVENTTYPE_FD_WRITE, fd);
        h.ok("poll_oneoff", s, ev, 2, n);
        assertEquals(2, h.i32(n));
        assertEquals(1, h.i64(ev));
        assertEquals(600, h.i64(ev + 16));
        assertEquals(2, h.i64(ev + 32));
        assertEquals(Abi.EVENTTYPE_FD_WRITE, h.u8(ev + 32 + 10));
    }

    @Test
    void badFdIsAnEventWithEbadf() {
        fdSub(g, subs, 5, Abi.EVENTTYPE_FD_READ, 42);
        clockSub(g, subs + 48, 6, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        g.ok("poll_oneoff", subs, events, 2, nevents);
        assertEquals(1, g.i32(nevents));
        assertEquals(5, g.i64(events));
        assertEquals(Errno.EBADF, g.u16(events + 8));
        assertEquals(Abi.EVENTTYPE_FD_READ, g.u8(events + 10));
    }

    @Test
    void invalidArguments() {
        g.fails(Errno.EINVAL, "poll_oneoff", subs, events, 0, nevents);
        clockSub(g, subs, 1, 7, 1, 0); // no such clock
        g.fails(Errno.EINVAL, "poll_oneoff", subs, events, 1, nevents);
        clockSub(g, subs, 1, Abi.CLOCK_MONOTONIC, 1, 2); // undefined subclockflags
        g.fails(Errno.EINVAL, "poll_oneoff", subs, events, 1, nevents);
        fdSub(g, subs, 1, 3, 1); // no such event type
        g.fails(Errno.EINVAL, "poll_oneoff", subs, events, 1, nevents);
        clockSub(g, subs, 1, Abi.CLOCK_MONOTONIC, 0, 0);
        int end = g.mem.byteSize();
        g.fails(Errno.EFAULT, "poll_oneoff", end - 40, events, 1, nevents);
        g.fails(Errno.EFAULT, "poll_oneoff", subs, end - 16, 1, nevents);
        g.fails(Errno.EFAULT, "poll_oneoff", subs, events, 1, end - 2);
        g.fails(Errno.EFAULT, "poll_oneoff", subs, events, 1 << 30, nevents);
    }

    @Test
    void interruptedPollIsEintr() throws Exception {
        clockSub(g, subs, 1, Abi.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        int[] result = new int[1];
        Thread t = new Thread(() -> result[0] = g.call("poll_oneoff", subs, events, 1, nevents));
        t.start();
        Thread.sleep(50);
        t.interrupt();
        t.join(10_000);
        assertEquals(Errno.EINTR, result[0]);
    }
}
