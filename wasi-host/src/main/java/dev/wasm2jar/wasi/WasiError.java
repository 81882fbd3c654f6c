package dev.wasm2jar.wasi;

/**
 * An errno travelling from deep inside a host function to its boundary, where it becomes the
 * function's result. One shared, stackless instance per errno: throwing it allocates nothing,
 * which matters for frequent answers such as EAGAIN on a non-blocking stdin.
 */
final class WasiError extends Exception {
    private static final long serialVersionUID = 1L;
    private static final WasiError[] CACHE = new WasiError[Errno.ENOTCAPABLE + 1];

    static {
        for (int i = 1; i < CACHE.length; i++) {
            CACHE[i] = new WasiError(i);
        }
    }

    final int errno;

    private WasiError(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    static WasiError of(int errno) {
        return CACHE[errno];
    }
}
