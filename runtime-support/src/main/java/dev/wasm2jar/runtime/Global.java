package dev.wasm2jar.runtime;

/**
 * A global that crosses a module boundary (imported or exported); globals a module keeps to
 * itself are plain fields of its generated class. Numbers are stored as their bit patterns
 * (f32 by {@link Float#floatToRawIntBits}), so NaN payloads survive.
 */
public final class Global {
    private final ValType type;
    private final boolean mutable;
    public long bits;
    public Object ref;

    public Global(ValType type, boolean mutable) {
        this.type = type;
        this.mutable = mutable;
    }

    public static Global ofI32(int v, boolean mutable) {
        Global g = new Global(ValType.I32, mutable);
        g.bits = v;
        return g;
    }

    public static Global ofI64(long v, boolean mutable) {
        Global g = new Global(ValType.I64, mutable);
        g.bits = v;
        return g;
    }

    public static Global ofF32(float v, boolean mutable) {
        Global g = new Global(ValType.F32, mutable);
        g.bits = Float.floatToRawIntBits(v);
        return g;
    }

    public static Global ofF64(double v, boolean mutable) {
        Global g = new Global(ValType.F64, mutable);
        g.bits = Double.doubleToRawLongBits(v);
        return g;
    }

    public static Global ofRef(ValType type, Object v, boolean mutable) {
        Global g = new Global(type, mutable);
        g.ref = v;
        return g;
    }

    public ValType type() {
        return type;
    }

    public boolean isMutable() {
        return mutable;
    }

    public int getI32() {
        return (int) bits;
    }

    public long getI64() {
        return bits;
    }

    public float getF32() {
        return Float.intBitsToFloat((int) bits);
    }

    public double getF64() {
        return Double.longBitsToDouble(bits);
    }

    /** The value boxed as Integer, Long, Float, Double or the reference. */
    public Object get() {
        switch (type) {
            case I32: return getI32();
            case I64: return getI64();
            case F32: return getF32();
            case F64: return getF64();
            default: return ref;
        }
    }
}
