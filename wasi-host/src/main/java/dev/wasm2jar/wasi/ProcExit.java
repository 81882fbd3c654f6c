package dev.wasm2jar.wasi;

/**
 * Thrown by {@code proc_exit}: unwinds the guest and carries its exit code to the embedder.
 * Cheap to throw: it records no stack trace and is not suppressible.
 */
public final class ProcExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public ProcExit(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    /** The exit code the guest passed to {@code proc_exit}. */
    public int code() {
        return code;
    }
}
