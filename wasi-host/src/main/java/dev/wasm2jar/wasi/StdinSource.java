package dev.wasm2jar.wasi;

import java.io.IOException;
import java.io.InputStream;

/**
 * The guest's standard input.
 *
 * <p>An {@link InputStream} can only be read by blocking, but a guest may ask for non-blocking
 * reads (Go sets stdin {@code NONBLOCK} at start-up) and poll for readiness. So as long as the
 * guest only reads blocking, the guest thread reads the stream directly (no thread, no copy:
 * straight into linear memory); the first non-blocking read or poll starts a daemon pump thread
 * that reads the stream into a bounded ring buffer, and from then on every read is served from
 * that buffer. Readiness is then exact: data buffered, end of stream, or a read error.
 */
final class StdinSource {
    static final int RING_SIZE = 64 * 1024;
    private static final int PUMP_CHUNK = 8 * 1024;

    private final InputStream in;

    // Pump state, guarded by this.
    private Thread pump;
    private byte[] ring;
    private int head;
    private int count;
    private boolean eof;
    private IOException error;

    /** @param in the stream, or null for an empty stdin (end of stream at once) */
    StdinSource(InputStream in) {
        this.in = in;
        if (in == null) {
            eof = true;
        }
    }

    private synchronized boolean pumping() {
        return pump != null || in == null;
    }

    /** Starts the pump thread if it is not running yet. */
    synchronized void startPump() {
        if (pump != null || in == null) {
            return;
        }
        ring = new byte[RING_SIZE];
        Thread t = new Thread(this::pumpLoop, "wasi-stdin");
        t.setDaemon(true);
        pump = t;
        t.start();
    }

    private void pumpLoop() {
        byte[] chunk = new byte[PUMP_CHUNK];
        try {
            while (true) {
                int space;
                synchronized (this) {
                    while (count == ring.length) {
                        wait();
                    }
                    space = ring.length - count;
                }
                int n = in.read(chunk, 0, Math.min(chunk.length, space));
                synchronized (this) {
                    if (n < 0) {
                        eof = true;
                        notifyAll();
                        return;
                    }
                    int tail = (head + count) % ring.length;
                    int first = Math.min(n, ring.length - tail);
                    System.arraycopy(chunk, 0, ring, tail, first);
                    System.arraycopy(chunk, first, ring, 0, n - first);
                    count += n;
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                error = e;
                notifyAll();
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                error = new IOException("stdin pump interrupted");
                notifyAll();
            }
        }
    }

    /** Copies buffered bytes out; caller holds the lock and count > 0. */
    private int take(byte[] dst, int off, int len) {
        int n = Math.min(len, count);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, dst, off, first);
        System.arraycopy(ring, 0, dst, off + first, n - first);
        head = (head + n) % ring.length;
        count -= n;
        notifyAll();
        return n;
    }

    /**
     * Reads up to {@code len} bytes.
     *
     * @param block whether to wait for data
     * @return bytes read, 0 at end of stream, -1 when not blocking and no data is ready
     */
    int read(byte[] dst, int off, int len, boolean block) throws IOException, InterruptedException {
        if (!block) {
            startPump();
        }
        if (!pumping()) {
            int n = in.read(dst, off, len);
            return n < 0 ? 0 : n;
        }
        synchronized (this) {
            while (count == 0 && !eof && error == null) {
                if (!block) {
                    return -1;
                }
                wait();
            }
            if (count > 0) {
                return take(dst, off, len);
            }
            if (error != null) {
                throw error;
            }
            return 0;
        }
    }

    /** Reads what is available now without blocking (to fill further iovecs); 0 when nothing is. */
    int readAvailable(byte[] dst, int off, int len) throws IOException {
        if (!pumping()) {
            int avail = in.available();
            if (avail <= 0) {
                return 0;
            }
            int n = in.read(dst, off, Math.min(avail, len));
            return Math.max(n, 0);
        }
        synchronized (this) {
            return count > 0 ? take(dst, off, len) : 0;
        }
    }

    /**
     * Readiness for poll_oneoff (starts the pump): the number of buffered bytes when data is
     * ready, 0 at end of stream or after a read error, -1 when a read would block.
     */
    synchronized long readiness() {
        startPump();
        if (count > 0) {
            return count;
        }
        return eof || error != null ? 0 : -1;
    }

    /** Waits until a read would not block or {@code nanos} pass (Long.MAX_VALUE: no limit). */
    synchronized void awaitReadable(long nanos) throws InterruptedException {
        startPump();
        if (nanos > (1L << 62)) {
            nanos = Long.MAX_VALUE; // over a century: no limit
        }
        long deadline = System.nanoTime() + nanos;
        while (count == 0 && !eof && error == null) {
            if (nanos == Long.MAX_VALUE) {
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
