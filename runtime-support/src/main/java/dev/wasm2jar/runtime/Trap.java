package dev.wasm2jar.runtime;

/**
 * A WebAssembly trap. The message is the spec's wording ("out of bounds memory access",
 * "integer divide by zero", ...), so embedders and the spec test suite can match on it.
 *
 * <p>The stack trace is kept: generated methods carry the wasm function names, so the JVM trace
 * is the wasm call stack.
 */
public final class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String UNREACHABLE = "unreachable";
    public static final String INTEGER_DIVIDE_BY_ZERO = "integer divide by zero";
    public static final String INTEGER_OVERFLOW = "integer overflow";
    public static final String INVALID_CONVERSION = "invalid conversion to integer";
    public static final String OUT_OF_BOUNDS_MEMORY = "out of bounds memory access";
    public static final String OUT_OF_BOUNDS_TABLE = "out of bounds table access";
    public static final String UNDEFINED_ELEMENT = "undefined element";
    public static final String UNINITIALIZED_ELEMENT = "uninitialized element";
    public static final String INDIRECT_CALL_TYPE_MISMATCH = "indirect call type mismatch";
    public static final String CALL_STACK_EXHAUSTED = "call stack exhausted";

    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }

    // Factories used by generated code: one call instruction at the trap site keeps methods small.
    public static Trap unreachable() {
        return new Trap(UNREACHABLE);
    }

    public static Trap divideByZero() {
        return new Trap(INTEGER_DIVIDE_BY_ZERO);
    }

    public static Trap integerOverflow() {
        return new Trap(INTEGER_OVERFLOW);
    }

    public static Trap invalidConversion() {
        return new Trap(INVALID_CONVERSION);
    }

    public static Trap outOfBoundsMemory() {
        return new Trap(OUT_OF_BOUNDS_MEMORY);
    }

    public static Trap outOfBoundsTable() {
        return new Trap(OUT_OF_BOUNDS_TABLE);
    }

    public static Trap undefinedElement() {
        return new Trap(UNDEFINED_ELEMENT);
    }

    public static Trap uninitializedElement() {
        return new Trap(UNINITIALIZED_ELEMENT);
    }

    public static Trap indirectCallTypeMismatch() {
        return new Trap(INDIRECT_CALL_TYPE_MISMATCH);
    }

    public static Trap callStackExhausted(StackOverflowError cause) {
        return new Trap(CALL_STACK_EXHAUSTED, cause);
    }
}
