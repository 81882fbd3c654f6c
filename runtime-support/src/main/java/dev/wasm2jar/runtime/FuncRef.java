package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/**
 * A function reference: the value of a {@code funcref}, a table element, an exported or imported
 * function. It carries everything a caller needs: the signature (checked by
 * {@code call_indirect}), a method handle of exactly {@link FuncType#methodType()}, and the
 * instance whose return area receives the results after the first.
 *
 * <p>The handle may be made on first use: a module's table holds a reference to most of its
 * functions (Go's: ~1600), and making a bound method handle for each at instantiation took a
 * good part of a Go program's start-up, while calls within the instance never need one.
 */
public final class FuncRef {
    public final FuncType type;
    /** {@link FuncType#key()}, interned: generated code compares it by reference. */
    public final String typeKey;
    private volatile MethodHandle handle;
    private final Supplier<MethodHandle> makeHandle;
    /** Where results 2..n of a call land (see {@link Instance#mvBits}). */
    public final Instance owner;
    public final String name;
    /**
     * For a function defined by a compiled module: its position among the functions of the
     * same signature that the module defines (in function index order), which that module's
     * {@code call_indirect} switches on to call it directly when {@link #owner} is the calling
     * instance. -1 for host functions.
     */
    public final int typeSlot;

    public FuncRef(FuncType type, MethodHandle handle, Instance owner, String name) {
        this(type, handle, owner, name, -1);
    }

    public FuncRef(FuncType type, MethodHandle handle, Instance owner, String name, int typeSlot) {
        this(type, () -> handle, owner, name, typeSlot);
        handle();
    }

    /** A reference whose handle {@code makeHandle} makes when it is first needed. */
    public FuncRef(FuncType type, Supplier<MethodHandle> makeHandle, Instance owner, String name, int typeSlot) {
        this.type = type;
        this.typeKey = type.key();
        this.makeHandle = makeHandle;
        this.owner = owner;
        this.name = name;
        this.typeSlot = typeSlot;
    }

    /** A handle of exactly {@link FuncType#methodType()}; results after the first go to {@link #owner}. */
    public MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            h = makeHandle.get();
            if (!h.type().equals(type.methodType())) {
                throw new IllegalArgumentException("handle of " + name + " has type " + h.type()
                        + ", expected " + type.methodType());
            }
            handle = h; // a race makes an equal handle twice, harmlessly
        }
        return h;
    }

    @Override
    public String toString() {
        return "funcref " + name + " " + type;
    }
}
