package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.WasmEncoding;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one function body (locals and instructions) straight from the module's bytes, into
 * Chicory's {@link Instruction} objects with the operands as Chicory gives them (see
 * {@code CodeDecoderTest}). Bodies are independent, so the parse stage decodes them in parallel;
 * Chicory's own code-section parser is sequential and also builds label tables we do not use (it
 * took most of the parse stage: 0.5–0.7 s of a cold compile of Go's hello world). The data
 * section too ({@link #dataSection}): Go modules have tens of thousands of segments.
 */
final class CodeDecoder {
    /** Above this many locals a body is rejected ("too many locals", as engines do). */
    static final int MAX_LOCALS = 50000;

    /** A decoded body. */
    static final class Body {
        final ValType[] locals;
        final List<Instruction> code;
        /** Its first {@code memory.init} or {@code data.drop} (they need a data count section), or null. */
        final Instruction firstDataIndexUse;

        Body(ValType[] locals, List<Instruction> code, Instruction firstDataIndexUse) {
            this.locals = locals;
            this.code = code;
            this.firstDataIndexUse = firstDataIndexUse;
        }
    }

    private final byte[] b;
    private final int end;
    /** For messages: what is decoded ("function 12 (main.main)", "data segment 3"), built only for one. */
    private java.util.function.Supplier<String> where;
    /** For messages: what ends at {@link #end} ("the function body", "the data section"). */
    private final String unit;
    private int pos;
    private Instruction firstDataIndexUse;

    private CodeDecoder(byte[] b, int offset, int size, java.util.function.Supplier<String> where, String unit) {
        this.b = b;
        this.pos = offset;
        this.end = offset + size;
        this.where = where;
        this.unit = unit;
    }

    /**
     * @param where the function, for messages ("function 12 (main.main)")
     */
    static Body decode(byte[] module, int offset, int size, java.util.function.Supplier<String> where) {
        return new CodeDecoder(module, offset, size, where, "the function body").body();
    }

    /**
     * The segments of the data section whose contents are {@code [start, end)} in {@code module}.
     * Each is {@code 0 expr bytes} (active, memory 0), {@code 1 bytes} (passive) or
     * {@code 2 memidx expr bytes} (active).
     */
    static List<ParsedModule.DataSegment> dataSection(byte[] module, int start, int end) {
        CodeDecoder d = new CodeDecoder(module, start, end - start, () -> "the data section", "the data section");
        long count = d.u32();
        if (count > end - d.pos) {
            throw d.malformed("length out of bounds: " + count + " data segments in " + (end - d.pos) + " bytes",
                    start);
        }
        List<ParsedModule.DataSegment> segments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int segment = i;
            d.where = () -> "data segment " + segment;
            int at = d.pos;
            long kind = d.u32();
            if (kind > 2) {
                throw d.malformed("malformed data segment kind " + kind + " (0, 1 or 2)", at);
            }
            int memory = kind == 2 ? (int) Math.min(d.u32(), Integer.MAX_VALUE) : kind == 0 ? 0 : -1;
            List<Instruction> offset = kind == 1 ? null : d.constantExpression();
            long length = d.u32();
            if (length > end - d.pos) {
                throw d.malformed("unexpected end of the data section: " + length + " bytes declared, "
                        + (end - d.pos) + " remain", d.pos);
            }
            byte[] bytes = java.util.Arrays.copyOfRange(module, d.pos, d.pos + (int) length);
            d.pos += (int) length;
            segments.add(new ParsedModule.DataSegment(memory, offset, bytes));
        }
        if (d.pos != end) {
            throw CompileException.malformed("section size mismatch: the data section goes on for " + (end - d.pos)
                    + " byte(s) after its last segment, from offset 0x" + Integer.toHexString(d.pos));
        }
        return segments;
    }

    /** Instructions up to an {@code end}, which is left out, as Chicory gives a constant expression. */
    private List<Instruction> constantExpression() {
        List<Instruction> expr = new ArrayList<>(1);
        for (Instruction ins = instruction(); ins.opcode() != OpCode.END; ins = instruction()) {
            expr.add(ins);
        }
        return expr;
    }

    private Body body() {
        long groups = u32();
        List<ValType> locals = new ArrayList<>();
        long total = 0;
        for (long g = 0; g < groups; g++) {
            long n = u32();
            int at = pos;
            ValType t = valueType(u8(), at);
            total += n;
            if (total > MAX_LOCALS) {
                throw malformed("too many locals", at);
            }
            for (long k = 0; k < n; k++) {
                locals.add(t);
            }
        }
        List<Instruction> code = new ArrayList<>(Math.max(16, (end - pos) / 2));
        Instruction last = null;
        while (pos < end) {
            last = instruction();
            code.add(last);
            OpCode op = last.opcode();
            if (firstDataIndexUse == null && (op == OpCode.MEMORY_INIT || op == OpCode.DATA_DROP)) {
                firstDataIndexUse = last;
            }
        }
        if (pos > end) {
            throw malformed("unexpected end of " + unit, end);
        }
        if (last == null || last.opcode() != OpCode.END) {
            throw malformed("END opcode expected: the function body does not end with end", end);
        }
        return new Body(locals.toArray(new ValType[0]), code, firstDataIndexUse);
    }

    private Instruction instruction() {
        int at = pos;
        int first = u8();
        OpCode op;
        switch (first) {
            case 0xFC: {
                long sub = u32();
                op = sub <= 0xFF ? OpCode.byOpCode(0xFC00 | (int) sub) : null;
                break;
            }
            case 0xFD:
                throw CompileException.unsupported("SIMD (instruction at offset 0x" + Integer.toHexString(at) + " in "
                        + where.get() + ")");
            case 0xFE:
                throw CompileException.unsupported("threads (atomic instruction at offset 0x" + Integer.toHexString(at)
                        + " in " + where.get() + ")");
            case 0xFB:
                throw CompileException.unsupported("garbage collection (instruction at offset 0x"
                        + Integer.toHexString(at) + " in " + where.get() + ")");
            default:
                op = OpCode.byOpCode(first);
                break;
        }
        if (op == null) {
            throw malformed(String.format("illegal opcode 0x%x", first), at);
        }
        List<WasmEncoding> signature = OpCode.signature(op);
        if (signature.isEmpty()) {
            return new Instruction(at, op, Instruction.EMPTY_OPERANDS);
        }
        if (signature.size() == 1 && signature.get(0) == WasmEncoding.VARUINT) {
            // local.get/set/tee, global.get/set, call, br, br_if: most operands, one array each
            return new Instruction(at, op, new long[] {u32()});
        }
        long[] operands = new long[4];
        int n = 0;
        for (int w = 0; w < signature.size(); w++) { // indexed: no iterator per instruction
            WasmEncoding e = signature.get(w);
            switch (e) {
                case VARUINT:
                    operands = room(operands, n + 1);
                    operands[n++] = u32();
                    break;
                case VARSINT32:
                case BLOCK_TYPE:
                    operands = room(operands, n + 1);
                    operands[n++] = e == WasmEncoding.BLOCK_TYPE ? s33() : s32();
                    break;
                case VARSINT64:
                    operands = room(operands, n + 1);
                    operands[n++] = s64();
                    break;
                case FLOAT32:
                    operands = room(operands, n + 1);
                    operands[n++] = fixed(4);
                    break;
                case FLOAT64:
                    operands = room(operands, n + 1);
                    operands[n++] = fixed(8);
                    break;
                case BYTE:
                    operands = room(operands, n + 1);
                    operands[n++] = u8();
                    break;
                case VEC_VARUINT: {
                    long count = u32();
                    if (count > end - pos) {
                        throw malformed("length out of bounds: a vector of " + count + " entries", at);
                    }
                    operands = room(operands, n + (int) count + 1);
                    for (long k = 0; k < count; k++) {
                        operands[n++] = u32();
                    }
                    break;
                }
                case VEC_VALUE_TYPE: {
                    long count = u32();
                    if (count > end - pos) {
                        throw malformed("length out of bounds: a vector of " + count + " types", at);
                    }
                    operands = room(operands, n + (int) count);
                    for (long k = 0; k < count; k++) {
                        int tp = pos;
                        int t = u8();
                        valueType(t, tp);
                        operands[n++] = t;
                    }
                    break;
                }
                case MEMARG: {
                    // [align, offset, memory]; the memory index is multi-memory's (bit 6 of the
                    // alignment), reported by validation since only one memory is supported
                    long align = u32();
                    long memory = 0;
                    if ((align & 0x40) != 0) {
                        align &= ~0x40L;
                        memory = u32();
                    }
                    long offset = u32();
                    operands = room(operands, n + 3);
                    operands[n++] = align;
                    operands[n++] = offset;
                    operands[n++] = memory;
                    break;
                }
                case V128:
                    throw CompileException.unsupported("SIMD (v128 constant at offset 0x" + Integer.toHexString(at) + " in "
                            + where.get() + ")");
                default:
                    throw CompileException.unsupported("exception handling (" + op + " at offset 0x"
                            + Integer.toHexString(at) + " in " + where.get() + ")");
            }
        }
        return new Instruction(at, op, n == operands.length ? operands : java.util.Arrays.copyOf(operands, n));
    }

    private static long[] room(long[] a, int needed) {
        return needed <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    private ValType valueType(int code, int at) {
        ValType t = BlockTypes.valueType(code);
        if (t != null) {
            return t;
        }
        if (code == 0x7B) {
            throw CompileException.unsupported("SIMD (v128 at offset 0x" + Integer.toHexString(at) + " in " + where.get() + ")");
        }
        throw malformed(String.format("malformed value type 0x%x", code), at);
    }

    private CompileException malformed(String what, int at) {
        return CompileException.malformed(what + " at offset 0x" + Integer.toHexString(at) + " in " + where.get());
    }

    private int u8() {
        if (pos >= end) {
            throw malformed("unexpected end of " + unit, pos);
        }
        return b[pos++] & 0xFF;
    }

    private long u32() {
        if (pos < end && b[pos] >= 0) {
            return b[pos++]; // one byte: most indices and counts
        }
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (shift == 28 && (x & 0x70) != 0) {
                    throw malformed("integer too large", at);
                }
                return v;
            }
        }
        throw malformed("integer representation too long", at);
    }

    private long s32() {
        return signed(32);
    }

    private long s33() {
        return signed(33);
    }

    private long s64() {
        return signed(64);
    }

    /** A signed LEB128 of at most {@code bits} bits, checked as the spec requires. */
    private long signed(int bits) {
        int at = pos;
        long v = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            int x = u8();
            v |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                if (i == maxBytes - 1) {
                    // the unused bits of the last byte must all equal the sign bit
                    int used = bits - 7 * (maxBytes - 1);
                    int rest = (x & 0x7F) >> (used - 1);
                    if (rest != 0 && rest != (0x7F >> (used - 1))) {
                        throw malformed("integer too large", at);
                    }
                }
                if (shift < 64 && (x & 0x40) != 0) {
                    v |= -1L << shift;
                }
                return v;
            }
        }
        throw malformed("integer representation too long", at);
    }

    /** A little-endian fixed-width value, sign-extended from {@code width} bytes. */
    private long fixed(int width) {
        if (end - pos < width) {
            throw malformed("unexpected end of " + unit, pos);
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (long) (b[pos + i] & 0xFF) << (8 * i);
        }
        pos += width;
        return width == 4 ? (int) v : v;
    }
}
