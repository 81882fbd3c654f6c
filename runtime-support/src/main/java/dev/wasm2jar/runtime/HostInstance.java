package dev.wasm2jar.runtime;

/**
 * The owner of host functions. Its return area is where a host function with several results
 * leaves results 2..n (see {@link Instance}).
 */
public final class HostInstance extends Instance {
    public static final int RETURN_AREA = 64;

    public HostInstance() {
        super(RETURN_AREA);
    }

    /** Sets result {@code k} (k ≥ 1) of a multi-result host function to the bits of a number. */
    public void setResult(int k, long bits) {
        mvBits[k - 1] = bits;
    }

    public void setRefResult(int k, Object ref) {
        mvRefs[k - 1] = ref;
    }

    public FuncRef wrap(HostFunction f) {
        return new FuncRef(f.type(), f::handle, this, f.module() + "." + f.name(), -1);
    }
}
