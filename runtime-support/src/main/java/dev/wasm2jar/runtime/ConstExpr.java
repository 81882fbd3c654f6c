package dev.wasm2jar.runtime;

/**
 * A WebAssembly 2.0 constant expression: one constant, {@code ref.null}, {@code ref.func} or
 * {@code global.get}. Numbers are bit patterns.
 */
public final class ConstExpr {
    public enum Kind { I32_CONST, I64_CONST, F32_CONST, F64_CONST, REF_NULL, REF_FUNC, GLOBAL_GET }

    public final Kind kind;
    /** The constant's bits, or the function or global index. */
    public final long value;

    public ConstExpr(Kind kind, long value) {
        this.kind = kind;
        this.value = value;
    }

    @Override
    public String toString() {
        return kind + " " + value;
    }
}
