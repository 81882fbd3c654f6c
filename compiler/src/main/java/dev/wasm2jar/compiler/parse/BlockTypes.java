package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.types.Instruction;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;

/**
 * Block types of {@code block}, {@code loop} and {@code if}, decoded from the module's bytes at
 * the instruction's offset: Chicory's operand folds type indices and value-type codes into one
 * number, which is ambiguous for type indices 64 and above.
 */
public final class BlockTypes {
    private static final ValType[] NONE = new ValType[0];
    private static final FuncType EMPTY = new FuncType(NONE, NONE);

    private BlockTypes() {}

    /**
     * The value type a type byte of the binary format encodes; null for any other byte, v128
     * (0x7B) included, so that each caller words its own error.
     */
    public static ValType valueType(int encoding) {
        switch (encoding) {
            case 0x7F: return ValType.I32;
            case 0x7E: return ValType.I64;
            case 0x7D: return ValType.F32;
            case 0x7C: return ValType.F64;
            case 0x70: return ValType.FUNCREF;
            case 0x6F: return ValType.EXTERNREF;
            default: return null;
        }
    }

    public static FuncType of(ParsedModule m, Instruction ins) {
        byte[] b = m.bytes;
        int p = ins.address() + 1;
        int first = b[p] & 0xFF;
        if (first == 0x40) {
            return EMPTY;
        }
        ValType single = valueType(first);
        if (single != null) {
            return new FuncType(NONE, new ValType[] {single});
        }
        if (first == 0x7B) {
            throw CompileException.unsupported("SIMD (v128 block type at offset " + ins.address() + ")");
        }
        // s33 type index
        long result = 0;
        int shift = 0;
        int byteValue;
        do {
            byteValue = b[p++] & 0xFF;
            result |= (long) (byteValue & 0x7F) << shift;
            shift += 7;
        } while ((byteValue & 0x80) != 0 && shift < 35);
        if (shift < 64 && (byteValue & 0x40) != 0) {
            result |= -1L << shift;
        }
        if (result < 0 || result >= m.types.size()) {
            throw CompileException.invalid("unknown type " + result + " in block type at offset " + ins.address());
        }
        return m.types.get((int) result);
    }
}
