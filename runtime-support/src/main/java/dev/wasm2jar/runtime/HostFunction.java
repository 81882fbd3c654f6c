package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandle;

/**
 * A function written in Java that a module can import. {@code handle} must have exactly the JVM
 * type {@link FuncType#methodType()} of {@code type} (i32 is {@code int}, i64 {@code long}, f32
 * {@code float}, f64 {@code double}, externref {@code Object}, funcref {@link FuncRef}); it
 * returns the first result. A host function with several results stores the others with
 * {@link HostInstance#setResult} before it returns.
 */
public final class HostFunction {
    private final String module;
    private final String name;
    private final FuncType type;
    private final java.util.function.Supplier<MethodHandle> makeHandle;
    private volatile MethodHandle handle;

    public HostFunction(String module, String name, FuncType type, MethodHandle handle) {
        this(module, name, type, () -> handle);
        if (!handle.type().equals(type.methodType())) {
            throw new IllegalArgumentException(module + "." + name + ": handle type " + handle.type()
                    + " does not match " + type.methodType());
        }
    }

    /**
     * A host function whose handle is made when the guest first calls it (or the embedder asks
     * for it): a host with many functions, of which a program calls a few, starts faster.
     */
    public HostFunction(String module, String name, FuncType type, java.util.function.Supplier<MethodHandle> makeHandle) {
        this.module = module;
        this.name = name;
        this.type = type;
        this.makeHandle = makeHandle;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public FuncType type() {
        return type;
    }

    /** The handle, made on the first call (a race makes an equal one twice, harmlessly). */
    public MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            h = makeHandle.get();
            handle = h;
        }
        return h;
    }
}
