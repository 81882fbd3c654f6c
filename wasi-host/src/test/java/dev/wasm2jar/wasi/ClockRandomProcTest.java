package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClockRandomProcTest {
    private final Guest g = new Guest(WasiHost.builder());

    private long time(int clock) {
        int out = g.alloc(8);
        g.ok("clock_time_get", clock, 1L, out);
        return g.i64(out);
    }

    private long res(int clock) {
        int out = g.alloc(8);
        g.ok("clock_res_get", clock, out);
        return g.i64(out);
    }

    @Test
    void realtimeIsNanosecondsSinceEpoch() {
        long before = System.currentTimeMillis();
        long t = time(Abi.CLOCK_REALTIME);
        long after = System.currentTimeMillis();
        assertTrue(t / 1_000_000 >= before - 1 && t / 1_000_000 <= after + 1, "realtime " + t + " vs " + before);
        long r = res(Abi.CLOCK_REALTIME);
        assertTrue(r > 0 && r <= 1_000_000, "resolution " + r);
    }

    @Test
    void monotonicNeverGoesBackAndHasNanosecondResolution() throws Exception {
        assertEquals(1, res(Abi.CLOCK_MONOTONIC));
        long prev = time(Abi.CLOCK_MONOTONIC);
        for (int i = 0; i < 10_000; i++) {
            long t = time(Abi.CLOCK_MONOTONIC);
            assertTrue(t >= prev, "went back from " + prev + " to " + t);
            prev = t;
        }
        long a = time(Abi.CLOCK_MONOTONIC);
        long t0 = System.nanoTime();
        Thread.sleep(20);
        long t1 = System.nanoTime();
        long b = time(Abi.CLOCK_MONOTONIC);
        assertTrue(b - a >= t1 - t0 && t1 - t0 > 0, "monotonic advanced " + (b - a) + " ns over " + (t1 - t0));
    }

    @Test
    void cpuClocksAdvanceWithWork() {
        long p0 = time(Abi.CLOCK_PROCESS_CPUTIME_ID);
        long t0 = time(Abi.CLOCK_THREAD_CPUTIME_ID);
        long x = 0;
        long deadline = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < deadline) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        assertTrue(x >= 0);
        long p1 = time(Abi.CLOCK_PROCESS_CPUTIME_ID);
        long t1 = time(Abi.CLOCK_THREAD_CPUTIME_ID);
        assertTrue(t1 > t0, "thread cpu time advanced");
        assertTrue(p1 > p0, "process cpu time advanced");
        assertTrue(p1 >= t1 - t0, "process time includes this thread's");
        assertTrue(res(Abi.CLOCK_PROCESS_CPUTIME_ID) > 0);
        assertTrue(res(Abi.CLOCK_THREAD_CPUTIME_ID) > 0);
    }

    @Test
    void unknownClockIsEinval() {
        int out = g.alloc(8);
        g.fails(Errno.EINVAL, "clock_time_get", 4, 0L, out);
        g.fails(Errno.EINVAL, "clock_time_get", -1, 0L, out);
        g.fails(Errno.EINVAL, "clock_res_get", 4, out);
        g.fails(Errno.EFAULT, "clock_time_get", Abi.CLOCK_MONOTONIC, 0L, g.mem.byteSize() - 4);
        g.fails(Errno.EFAULT, "clock_res_get", Abi.CLOCK_MONOTONIC, -8);
    }

    @Test
    void injectedClocks() {
        long[] now = {1234567890123456789L, 42};
        Guest h = new Guest(WasiHost.builder().realtimeClock(() -> now[0]).monotonicClock(() -> now[1]++));
        int out = h.alloc(8);
        h.ok("clock_time_get", Abi.CLOCK_REALTIME, 0L, out);
        assertEquals(1234567890123456789L, h.i64(out));
        h.ok("clock_time_get", Abi.CLOCK_MONOTONIC, 0L, out);
        assertEquals(42, h.i64(out));
        h.ok("clock_time_get", Abi.CLOCK_MONOTONIC, 0L, out);
        assertEquals(43, h.i64(out));
    }

    @Test
    void randomFillsExactlyTheBuffer() {
        int n = 20_000; // spans several internal chunks
        int buf = g.alloc(n + 16);
        for (int i = 0; i < n + 16; i++) {
            g.mem.writeByte(buf + i, (byte) 0);
        }
        g.ok("random_get", buf + 8, n);
        byte[] got = g.mem.readBytes(buf + 8, n);
        int zeros = 0;
        int[] hist = new int[256];
        for (byte b : got) {
            hist[b & 0xFF]++;
            if (b == 0) {
                zeros++;
            }
        }
        assertTrue(zeros < n / 64, "mostly non-zero: " + zeros);
        assertTrue(Arrays.stream(hist).allMatch(c -> c > 0), "every byte value shows up in 20000 random bytes");
        for (int i = 0; i < 8; i++) {
            assertEquals(0, g.mem.readByte(buf + i), "before the buffer untouched");
            assertEquals(0, g.mem.readByte(buf + 8 + n + i), "after the buffer untouched");
        }
        byte[] again = new byte[n];
        g.ok("random_get", buf + 8, n);
        g.mem.read(buf + 8, again, 0, n);
        assertNotEquals(Arrays.toString(got), Arrays.toString(again));
        g.ok("random_get", buf, 0);
        g.fails(Errno.EFAULT, "random_get", g.mem.byteSize() - 10, 11);
    }

    @Test
    void injectedRandomIsUsed() {
        Guest h = new Guest(WasiHost.builder().random(new Random(7)));
        int buf = h.alloc(100);
        h.ok("random_get", buf, 100);
        byte[] want = new byte[100];
        Random r = new Random(7);
        byte[] chunk = new byte[100];
        r.nextBytes(chunk);
        System.arraycopy(chunk, 0, want, 0, 100);
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, h.mem.readBytes(buf, 100));
    }

    @Test
    void procExitThrowsWithTheCode() {
        ProcExit e = assertThrows(ProcExit.class, () -> g.call("proc_exit", 3));
        assertEquals(3, e.code());
        assertEquals(0, e.getStackTrace().length, "no stack trace");
        assertEquals(255, assertThrows(ProcExit.class, () -> g.call("proc_exit", 255)).code());
        assertEquals(0, assertThrows(ProcExit.class, () -> g.call("proc_exit", 0)).code());
    }

    @Test
    void procRaiseSchedYieldSockets() {
        g.fails(Errno.ENOSYS, "proc_raise", 15);
        g.ok("sched_yield");
        int p = g.alloc(16);
        g.fails(Errno.ENOTSUP, "sock_accept", 1, 0, p);
        g.fails(Errno.ENOTSUP, "sock_recv", 0, p, 0, 0, p, p + 4);
        g.fails(Errno.ENOTSUP, "sock_send", 1, p, 0, 0, p);
        g.fails(Errno.ENOTSUP, "sock_shutdown", 2, 3);
        g.fails(Errno.EBADF, "sock_shutdown", 99, 3);
        g.fails(Errno.EBADF, "sock_accept", 42, 0, p);
    }
}
