package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandle;

/**
 * An exported function, callable from Java. {@link #handle()} is the fast, typed way in;
 * {@link #call} is the convenient, boxing one.
 */
public final class ExportedFunction {
    private final FuncRef ref;

    public ExportedFunction(FuncRef ref) {
        this.ref = ref;
    }

    public FuncType type() {
        return ref.type;
    }

    /** A handle of type {@link FuncType#methodType()}; results after the first: {@link #extraResult}. */
    public MethodHandle handle() {
        return ref.handle();
    }

    public FuncRef ref() {
        return ref;
    }

    /**
     * Calls the function with boxed arguments (Integer, Long, Float, Double, or a reference) and
     * returns its results boxed the same way. Traps arrive as {@link Trap}; running out of JVM
     * stack becomes the trap "call stack exhausted".
     */
    public Object[] call(Object... args) {
        FuncType t = ref.type;
        if (args.length != t.paramCount()) {
            throw new IllegalArgumentException(ref.name + " takes " + t.paramCount() + " arguments, got " + args.length);
        }
        Object first;
        try {
            first = ref.handle().invokeWithArguments(args);
        } catch (StackOverflowError e) {
            throw Trap.callStackExhausted(e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        Object[] out = new Object[t.resultCount()];
        if (out.length > 0) {
            out[0] = first;
        }
        for (int k = 1; k < out.length; k++) {
            out[k] = extraResult(k);
        }
        return out;
    }

    /** Result {@code k} (k ≥ 1) of the last call, boxed. */
    public Object extraResult(int k) {
        ValType vt = ref.type.result(k);
        long bits = ref.owner.mvBits[k - 1];
        switch (vt) {
            case I32: return (int) bits;
            case I64: return bits;
            case F32: return Float.intBitsToFloat((int) bits);
            case F64: return Double.longBitsToDouble(bits);
            default: return ref.owner.mvRefs[k - 1];
        }
    }
}
