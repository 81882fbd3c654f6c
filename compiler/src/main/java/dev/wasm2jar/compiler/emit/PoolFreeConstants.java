package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.MethodVisitor;

/**
 * Rewrites numeric {@code ldc}s into instructions that build the value, so that they take no
 * constant pool entry. A class file holds at most 65535 constants, and every distinct number
 * outside -32768..32767 in a class's functions takes one: a function of many such constants (an
 * initializer written as code, say) cannot fit one class otherwise. Used only for a class that
 * did not fit; the JIT folds the arithmetic back into the constant.
 */
final class PoolFreeConstants extends MethodVisitor {
    PoolFreeConstants(MethodVisitor next) {
        super(ASM9, next);
    }

    @Override
    public void visitLdcInsn(Object value) {
        if (value instanceof Integer) {
            pushInt((Integer) value);
        } else if (value instanceof Long) {
            pushLong((Long) value);
        } else if (value instanceof Float) {
            pushInt(Float.floatToRawIntBits((Float) value));
            super.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (value instanceof Double) {
            pushLong(Double.doubleToRawLongBits((Double) value));
            super.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else {
            super.visitLdcInsn(value); // strings, types, handles: few
        }
    }

    /** v as (hi << 16) + lo, both halves in sipush's signed 16 bits (the sum wraps as v does). */
    private void pushInt(int v) {
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            super.visitIntInsn(SIPUSH, v);
            return;
        }
        int lo = (short) v;
        int hi = (v - lo) >> 16;
        super.visitIntInsn(SIPUSH, hi);
        super.visitIntInsn(BIPUSH, 16);
        super.visitInsn(ISHL);
        if (lo != 0) {
            super.visitIntInsn(SIPUSH, lo);
            super.visitInsn(IADD);
        }
    }

    /** v as (hi << 32) | zero-extended lo. */
    private void pushLong(long v) {
        pushInt((int) (v >>> 32));
        super.visitInsn(I2L);
        super.visitIntInsn(BIPUSH, 32);
        super.visitInsn(LSHL);
        pushInt((int) v);
        super.visitInsn(I2L);
        super.visitIntInsn(BIPUSH, 32);
        super.visitInsn(LSHL);
        super.visitIntInsn(BIPUSH, 32);
        super.visitInsn(LUSHR);
        super.visitInsn(LOR);
    }
}
