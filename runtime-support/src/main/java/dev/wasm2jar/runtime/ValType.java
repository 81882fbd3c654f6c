package dev.wasm2jar.runtime;

/** The WebAssembly 2.0 value types wasm2jar supports (v128 is not supported). */
public enum ValType {
    I32('I', "i32"),
    I64('J', "i64"),
    F32('F', "f32"),
    F64('D', "f64"),
    FUNCREF('R', "funcref"),
    EXTERNREF('X', "externref");

    private final char code;
    private final String wasmName;

    ValType(char code, String wasmName) {
        this.code = code;
        this.wasmName = wasmName;
    }

    /** One character per type, used for compact signature keys. */
    public char code() {
        return code;
    }

    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** Number of JVM local-variable slots a value of this type takes. */
    public int slots() {
        return this == I64 || this == F64 ? 2 : 1;
    }

    /** The JVM descriptor of the type as a method parameter or field. */
    public String descriptor() {
        switch (this) {
            case I32: return "I";
            case I64: return "J";
            case F32: return "F";
            case F64: return "D";
            case FUNCREF: return "Ldev/wasm2jar/runtime/FuncRef;";
            default: return "Ljava/lang/Object;";
        }
    }

    /** The JVM class of the type, as seen by MethodHandles. */
    public Class<?> javaType() {
        switch (this) {
            case I32: return int.class;
            case I64: return long.class;
            case F32: return float.class;
            case F64: return double.class;
            case FUNCREF: return FuncRef.class;
            default: return Object.class;
        }
    }

    public static ValType fromCode(char c) {
        for (ValType t : values()) {
            if (t.code == c) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type code " + c);
    }

    @Override
    public String toString() {
        return wasmName;
    }
}
