package dev.wasm2jar.compiler.validate;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.runtime.ValType;

/**
 * Operand and result types of the instructions whose types are fixed by their opcode alone:
 * constants, numeric operations, conversions, loads and stores. Validation and emission both
 * read this one table.
 */
public final class OpSignatures {
    private static final ValType I = ValType.I32;
    private static final ValType J = ValType.I64;
    private static final ValType F = ValType.F32;
    private static final ValType D = ValType.F64;
    private static final ValType[] NONE = new ValType[0];

    /** Params and results of one instruction. */
    public static final class Sig {
        public final ValType[] params;
        public final ValType[] results;

        Sig(ValType[] params, ValType[] results) {
            this.params = params;
            this.results = results;
        }
    }

    // Arrays by ordinal, not EnumMaps: every stage asks once per instruction, mostly cold.
    /** For loads and stores: natural alignment as log2 of the access width in bytes; else -1. */
    private static final int[] NATURAL_ALIGN = new int[OpCode.values().length];
    private static final Sig[] SIGS = new Sig[OpCode.values().length];

    private static void sig(ValType[] p, ValType[] r, OpCode... ops) {
        for (OpCode op : ops) {
            SIGS[op.ordinal()] = new Sig(p, r);
        }
    }

    private static ValType[] t(ValType... ts) {
        return ts;
    }

    private static void load(ValType result, int align, OpCode op) {
        SIGS[op.ordinal()] = new Sig(t(I), t(result));
        NATURAL_ALIGN[op.ordinal()] = align;
    }

    private static void store(ValType value, int align, OpCode op) {
        SIGS[op.ordinal()] = new Sig(t(I, value), NONE);
        NATURAL_ALIGN[op.ordinal()] = align;
    }

    static {
        java.util.Arrays.fill(NATURAL_ALIGN, -1);
        sig(NONE, t(I), OpCode.I32_CONST);
        sig(NONE, t(J), OpCode.I64_CONST);
        sig(NONE, t(F), OpCode.F32_CONST);
        sig(NONE, t(D), OpCode.F64_CONST);

        sig(t(I), t(I), OpCode.I32_EQZ, OpCode.I32_CLZ, OpCode.I32_CTZ, OpCode.I32_POPCNT, OpCode.I32_EXTEND_8_S,
                OpCode.I32_EXTEND_16_S);
        sig(t(I, I), t(I), OpCode.I32_EQ, OpCode.I32_NE, OpCode.I32_LT_S, OpCode.I32_LT_U, OpCode.I32_GT_S,
                OpCode.I32_GT_U, OpCode.I32_LE_S, OpCode.I32_LE_U, OpCode.I32_GE_S, OpCode.I32_GE_U, OpCode.I32_ADD,
                OpCode.I32_SUB, OpCode.I32_MUL, OpCode.I32_DIV_S, OpCode.I32_DIV_U, OpCode.I32_REM_S, OpCode.I32_REM_U,
                OpCode.I32_AND, OpCode.I32_OR, OpCode.I32_XOR, OpCode.I32_SHL, OpCode.I32_SHR_S, OpCode.I32_SHR_U,
                OpCode.I32_ROTL, OpCode.I32_ROTR);
        sig(t(J), t(I), OpCode.I64_EQZ);
        sig(t(J), t(J), OpCode.I64_CLZ, OpCode.I64_CTZ, OpCode.I64_POPCNT, OpCode.I64_EXTEND_8_S,
                OpCode.I64_EXTEND_16_S, OpCode.I64_EXTEND_32_S);
        sig(t(J, J), t(I), OpCode.I64_EQ, OpCode.I64_NE, OpCode.I64_LT_S, OpCode.I64_LT_U, OpCode.I64_GT_S,
                OpCode.I64_GT_U, OpCode.I64_LE_S, OpCode.I64_LE_U, OpCode.I64_GE_S, OpCode.I64_GE_U);
        sig(t(J, J), t(J), OpCode.I64_ADD, OpCode.I64_SUB, OpCode.I64_MUL, OpCode.I64_DIV_S, OpCode.I64_DIV_U,
                OpCode.I64_REM_S, OpCode.I64_REM_U, OpCode.I64_AND, OpCode.I64_OR, OpCode.I64_XOR, OpCode.I64_SHL,
                OpCode.I64_SHR_S, OpCode.I64_SHR_U, OpCode.I64_ROTL, OpCode.I64_ROTR);
        sig(t(F, F), t(I), OpCode.F32_EQ, OpCode.F32_NE, OpCode.F32_LT, OpCode.F32_GT, OpCode.F32_LE, OpCode.F32_GE);
        sig(t(D, D), t(I), OpCode.F64_EQ, OpCode.F64_NE, OpCode.F64_LT, OpCode.F64_GT, OpCode.F64_LE, OpCode.F64_GE);
        sig(t(F), t(F), OpCode.F32_ABS, OpCode.F32_NEG, OpCode.F32_CEIL, OpCode.F32_FLOOR, OpCode.F32_TRUNC,
                OpCode.F32_NEAREST, OpCode.F32_SQRT);
        sig(t(F, F), t(F), OpCode.F32_ADD, OpCode.F32_SUB, OpCode.F32_MUL, OpCode.F32_DIV, OpCode.F32_MIN,
                OpCode.F32_MAX, OpCode.F32_COPYSIGN);
        sig(t(D), t(D), OpCode.F64_ABS, OpCode.F64_NEG, OpCode.F64_CEIL, OpCode.F64_FLOOR, OpCode.F64_TRUNC,
                OpCode.F64_NEAREST, OpCode.F64_SQRT);
        sig(t(D, D), t(D), OpCode.F64_ADD, OpCode.F64_SUB, OpCode.F64_MUL, OpCode.F64_DIV, OpCode.F64_MIN,
                OpCode.F64_MAX, OpCode.F64_COPYSIGN);

        sig(t(J), t(I), OpCode.I32_WRAP_I64);
        sig(t(F), t(I), OpCode.I32_TRUNC_F32_S, OpCode.I32_TRUNC_F32_U, OpCode.I32_TRUNC_SAT_F32_S,
                OpCode.I32_TRUNC_SAT_F32_U, OpCode.I32_REINTERPRET_F32);
        sig(t(D), t(I), OpCode.I32_TRUNC_F64_S, OpCode.I32_TRUNC_F64_U, OpCode.I32_TRUNC_SAT_F64_S,
                OpCode.I32_TRUNC_SAT_F64_U);
        sig(t(I), t(J), OpCode.I64_EXTEND_I32_S, OpCode.I64_EXTEND_I32_U);
        sig(t(F), t(J), OpCode.I64_TRUNC_F32_S, OpCode.I64_TRUNC_F32_U, OpCode.I64_TRUNC_SAT_F32_S,
                OpCode.I64_TRUNC_SAT_F32_U);
        sig(t(D), t(J), OpCode.I64_TRUNC_F64_S, OpCode.I64_TRUNC_F64_U, OpCode.I64_TRUNC_SAT_F64_S,
                OpCode.I64_TRUNC_SAT_F64_U, OpCode.I64_REINTERPRET_F64);
        sig(t(I), t(F), OpCode.F32_CONVERT_I32_S, OpCode.F32_CONVERT_I32_U, OpCode.F32_REINTERPRET_I32);
        sig(t(J), t(F), OpCode.F32_CONVERT_I64_S, OpCode.F32_CONVERT_I64_U);
        sig(t(D), t(F), OpCode.F32_DEMOTE_F64);
        sig(t(I), t(D), OpCode.F64_CONVERT_I32_S, OpCode.F64_CONVERT_I32_U);
        sig(t(J), t(D), OpCode.F64_CONVERT_I64_S, OpCode.F64_CONVERT_I64_U, OpCode.F64_REINTERPRET_I64);
        sig(t(F), t(D), OpCode.F64_PROMOTE_F32);

        load(I, 2, OpCode.I32_LOAD);
        load(J, 3, OpCode.I64_LOAD);
        load(F, 2, OpCode.F32_LOAD);
        load(D, 3, OpCode.F64_LOAD);
        load(I, 0, OpCode.I32_LOAD8_S);
        load(I, 0, OpCode.I32_LOAD8_U);
        load(I, 1, OpCode.I32_LOAD16_S);
        load(I, 1, OpCode.I32_LOAD16_U);
        load(J, 0, OpCode.I64_LOAD8_S);
        load(J, 0, OpCode.I64_LOAD8_U);
        load(J, 1, OpCode.I64_LOAD16_S);
        load(J, 1, OpCode.I64_LOAD16_U);
        load(J, 2, OpCode.I64_LOAD32_S);
        load(J, 2, OpCode.I64_LOAD32_U);
        store(I, 2, OpCode.I32_STORE);
        store(J, 3, OpCode.I64_STORE);
        store(F, 2, OpCode.F32_STORE);
        store(D, 3, OpCode.F64_STORE);
        store(I, 0, OpCode.I32_STORE8);
        store(I, 1, OpCode.I32_STORE16);
        store(J, 0, OpCode.I64_STORE8);
        store(J, 1, OpCode.I64_STORE16);
        store(J, 2, OpCode.I64_STORE32);
    }

    private OpSignatures() {}

    /** The signature, or null when the instruction's types depend on its immediates or context. */
    public static Sig of(OpCode op) {
        return SIGS[op.ordinal()];
    }

    public static boolean isMemoryAccess(OpCode op) {
        return NATURAL_ALIGN[op.ordinal()] >= 0;
    }

    public static int naturalAlignment(OpCode op) {
        return NATURAL_ALIGN[op.ordinal()];
    }
}
