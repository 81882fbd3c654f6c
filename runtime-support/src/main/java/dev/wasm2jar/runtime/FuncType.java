package dev.wasm2jar.runtime;

import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A function signature. Two signatures are equal when their parameter and result types are, so
 * {@code call_indirect} across modules compares structurally, as the spec requires.
 */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final String key;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        StringBuilder sb = new StringBuilder(params.length + results.length + 1);
        for (ValType p : params) {
            sb.append(p.code());
        }
        sb.append(':');
        for (ValType r : results) {
            sb.append(r.code());
        }
        this.key = sb.toString().intern();
    }

    public static FuncType of(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }

    /** Parses a key produced by {@link #key()}. */
    public static FuncType fromKey(String key) {
        int colon = key.indexOf(':');
        ValType[] p = new ValType[colon];
        for (int i = 0; i < colon; i++) {
            p[i] = ValType.fromCode(key.charAt(i));
        }
        ValType[] r = new ValType[key.length() - colon - 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = ValType.fromCode(key.charAt(colon + 1 + i));
        }
        return new FuncType(p, r);
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    public ValType[] params() {
        return params.clone();
    }

    public ValType[] results() {
        return results.clone();
    }

    /** A compact, interned string form: parameter codes, ':', result codes. */
    public String key() {
        return key;
    }

    /**
     * The JVM type of a function of this signature as seen by callers: the parameters as
     * primitives or references, returning the first result (or void). Further results travel
     * through the callee instance's return area (see {@link Instance}).
     */
    public MethodType methodType() {
        Class<?>[] p = new Class<?>[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = params[i].javaType();
        }
        Class<?> r = results.length == 0 ? void.class : results[0].javaType();
        return MethodType.methodType(r, p);
    }

    /** The JVM method descriptor of {@link #methodType()}. */
    public String descriptor() {
        return methodType().toMethodDescriptorString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType && ((FuncType) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(params) + " -> " + Arrays.toString(results);
    }

    static boolean sameKey(FuncType a, FuncType b) {
        // keys are interned
        return Objects.equals(a.key, b.key);
    }
}
