package dev.wasm2jar.compiler.lower;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Estimated JVM bytecode bytes per wasm instruction, as emitted by {@code FunctionEmitter}.
 * Estimates lean high: they decide where functions are cut, and a method over budget is worse
 * than one more cut.
 */
final class CodeSize {
    private CodeSize() {}

    /** By opcode ordinal; {@code br_table}'s grows with its targets. */
    private static final int[] SIZE = new int[OpCode.values().length];

    static {
        for (OpCode op : OpCode.values()) {
            SIZE[op.ordinal()] = estimate(op);
        }
    }

    static int of(Instruction ins) {
        return ins.opcode() == OpCode.BR_TABLE ? 20 + 4 * ins.operandCount() : SIZE[ins.opcode().ordinal()];
    }

    private static int estimate(OpCode op) {
        switch (op) {
            case NOP: case BLOCK: case LOOP: case END:
                return 0;
            case LOCAL_GET: case LOCAL_SET: case DROP:
                return 2;
            case LOCAL_TEE:
                return 3;
            case I32_CONST: case F32_CONST: case I64_CONST: case F64_CONST:
                return 3;
            case IF: case ELSE: case BR:
                return 3;
            case BR_IF:
                return 6;
            case RETURN:
                return 4;
            case GLOBAL_GET: case GLOBAL_SET:
                return 8;
            case CALL: case CALL_INDIRECT:
                return 6;
            case SELECT: case SELECT_T:
                return 10;
            case UNREACHABLE:
                return 4;
            case I32_LT_U: case I32_GT_U: case I32_LE_U: case I32_GE_U:
                return 16; // both sign bits flipped first
            case I64_LT_U: case I64_GT_U: case I64_LE_U: case I64_GE_U:
                return 22;
            case I32_EQ: case I32_NE: case I32_LT_S: case I32_GT_S:
            case I32_LE_S: case I32_GE_S: case I32_EQZ:
            case I64_EQ: case I64_NE: case I64_LT_S: case I64_GT_S:
            case I64_LE_S: case I64_GE_S: case I64_EQZ:
            case F32_EQ: case F32_NE: case F32_LT: case F32_GT: case F32_LE: case F32_GE:
            case F64_EQ: case F64_NE: case F64_LT: case F64_GT: case F64_LE: case F64_GE:
            case REF_IS_NULL:
                return 11;
            default:
                // memory accesses, bulk operations, helper calls
                return op.name().contains("LOAD") || op.name().contains("STORE") ? 10 : 8;
        }
    }
}
