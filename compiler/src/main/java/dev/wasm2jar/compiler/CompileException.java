package dev.wasm2jar.compiler;

/**
 * A module wasm2jar cannot compile. {@link #kind()} says why: the bytes are not a well-formed
 * module, the module is invalid, or it uses a feature wasm2jar does not support. The message
 * names what is wrong and where (function index and name, byte offset) when that is known.
 */
public final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { MALFORMED, INVALID, UNSUPPORTED }

    private final Kind kind;

    public CompileException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CompileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static CompileException malformed(String message) {
        return new CompileException(Kind.MALFORMED, message);
    }

    public static CompileException invalid(String message) {
        return new CompileException(Kind.INVALID, message);
    }

    public static CompileException unsupported(String message) {
        return new CompileException(Kind.UNSUPPORTED, "unsupported feature: " + message);
    }
}
