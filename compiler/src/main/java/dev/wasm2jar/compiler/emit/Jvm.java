package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.runtime.ValType;
import org.objectweb.asm.MethodVisitor;

/** Small helpers for typed JVM instructions. */
final class Jvm {
    static final String RT = "dev/wasm2jar/runtime/";
    static final String INSTANCE = RT + "Instance";
    static final String MEMORY = RT + "Memory";
    static final String TABLE = RT + "Table";
    static final String GLOBAL = RT + "Global";
    static final String FUNCREF = RT + "FuncRef";
    static final String TRAP = RT + "Trap";
    static final String MATH = RT + "WasmMath";

    private Jvm() {}

    static int loadOp(ValType t) {
        switch (t) {
            case I32: return ILOAD;
            case I64: return LLOAD;
            case F32: return FLOAD;
            case F64: return DLOAD;
            default: return ALOAD;
        }
    }

    static int storeOp(ValType t) {
        switch (t) {
            case I32: return ISTORE;
            case I64: return LSTORE;
            case F32: return FSTORE;
            case F64: return DSTORE;
            default: return ASTORE;
        }
    }

    static int returnOp(ValType t) {
        switch (t) {
            case I32: return IRETURN;
            case I64: return LRETURN;
            case F32: return FRETURN;
            case F64: return DRETURN;
            default: return ARETURN;
        }
    }

    static void pop(MethodVisitor mv, ValType t) {
        mv.visitInsn(t.slots() == 2 ? POP2 : POP);
    }

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    static void pushFloatBits(MethodVisitor mv, int bits) {
        float f = Float.intBitsToFloat(bits);
        if (f != f) {
            // NaN: rebuild from bits so that the payload survives exactly
            pushInt(mv, bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else if (bits == Float.floatToRawIntBits(1f)) {
            mv.visitInsn(FCONST_1);
        } else if (bits == Float.floatToRawIntBits(2f)) {
            mv.visitInsn(FCONST_2);
        } else {
            mv.visitLdcInsn(f);
        }
    }

    static void pushDoubleBits(MethodVisitor mv, long bits) {
        double d = Double.longBitsToDouble(bits);
        if (d != d) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (bits == Double.doubleToRawLongBits(1d)) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(d);
        }
    }

    /** Converts a value of type {@code t} on the stack to its bit pattern as a long. */
    static void toBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitInsn(I2L); break;
            case F32:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
                break;
            case F64:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            default: break;
        }
    }

    /** Converts a long bit pattern on the stack to a value of type {@code t}. */
    static void fromBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitInsn(L2I); break;
            case F32:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                break;
            case F64:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                break;
            default: break;
        }
    }

    /** After loading an Object that holds a reference of type {@code t}. */
    static void castRef(MethodVisitor mv, ValType t) {
        if (t == ValType.FUNCREF) {
            mv.visitTypeInsn(CHECKCAST, FUNCREF);
        }
    }
}
