package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandle;

/**
 * A function reference: the value of a {@code funcref}, a table element, an exported or imported
 * function. It carries everything a caller needs: the signature (checked by
 * {@code call_indirect}), a method handle of exactly {@link FuncType#methodType()}, and the
 * instance whose return area receives the results after the first.
 */
public final class FuncRef {
    public final FuncType type;
    /** {@link FuncType#key()}, interned: generated code compares it by reference. */
    public final String typeKey;
    public final MethodHandle handle;
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
        if (!handle.type().equals(type.methodType())) {
            throw new IllegalArgumentException("handle of " + name + " has type " + handle.type()
                    + ", expected " + type.methodType());
        }
        this.type = type;
        this.typeKey = type.key();
        this.handle = handle;
        this.owner = owner;
        this.name = name;
        this.typeSlot = typeSlot;
    }

    @Override
    public String toString() {
        return "funcref " + name + " " + type;
    }
}
