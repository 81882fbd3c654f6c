package dev.wasm2jar.compiler.validate;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.parse.BlockTypes;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Type-checks one function body with the algorithm of the spec's validation appendix: a value
 * stack whose entries may be "unknown" below an unconditional branch, and a stack of control
 * frames.
 */
final class FunctionValidator {
    private static final int UNKNOWN = -1;
    private static final ValType[] TYPES = ValType.values();

    private final ModuleValidator.Context ctx;
    private final ParsedModule m;
    private final int funcIndex;
    private final ValType[] locals;
    private final FuncType type;

    private int[] vals = new int[16];
    private int height;
    private final List<Frame> ctrls = new ArrayList<>(64); // Go's dispatch loops nest dozens of blocks
    private Instruction current;

    private static final class Frame {
        final OpCode opcode;
        final ValType[] start;
        final ValType[] end;
        final int height;
        boolean unreachable;

        Frame(OpCode opcode, ValType[] start, ValType[] end, int height) {
            this.opcode = opcode;
            this.start = start;
            this.end = end;
            this.height = height;
        }

        ValType[] labelTypes() {
            return opcode == OpCode.LOOP ? start : end;
        }
    }

    FunctionValidator(ModuleValidator.Context ctx, int funcIndex) {
        this.ctx = ctx;
        this.m = ctx.module;
        this.funcIndex = funcIndex;
        this.type = m.funcType(funcIndex);
        ValType[] declared = m.locals(funcIndex);
        locals = new ValType[type.paramCount() + declared.length];
        for (int i = 0; i < type.paramCount(); i++) {
            locals[i] = type.param(i);
        }
        System.arraycopy(declared, 0, locals, type.paramCount(), declared.length);
    }

    /**
     * Validates the body and returns, for each instruction, the operand stack height above the
     * innermost control frame's base before it runs, or -1 where the code is unreachable.
     */
    int[] validate() {
        List<? extends Instruction> code = m.code(funcIndex);
        int[] heights = new int[code.size()];
        pushCtrl(OpCode.BLOCK, new ValType[0], type.results());
        for (int i = 0; i < code.size(); i++) {
            Instruction ins = code.get(i);
            current = ins;
            if (ctrls.isEmpty()) {
                throw error("instructions after the end of the function");
            }
            Frame f = ctrls.get(ctrls.size() - 1);
            heights[i] = f.unreachable ? -1 : height - f.height;
            step(ins);
        }
        if (!ctrls.isEmpty()) {
            throw CompileException.malformed("unexpected end of function body in " + m.describeFunction(funcIndex)
                    + ": END opcode expected");
        }
        return heights;
    }

    private CompileException error(String what) {
        String at = current == null ? "" : " at offset 0x" + Integer.toHexString(current.address()) + " ("
                + current.opcode() + ")";
        return CompileException.invalid(what + " in " + m.describeFunction(funcIndex) + at);
    }

    // ---- the value and control stacks ----

    private void push(int t) {
        if (height == vals.length) {
            vals = Arrays.copyOf(vals, height * 2);
        }
        vals[height++] = t;
    }

    private void push(ValType t) {
        push(t.ordinal());
    }

    private int pop() {
        Frame f = ctrls.get(ctrls.size() - 1);
        if (height == f.height) {
            if (f.unreachable) {
                return UNKNOWN;
            }
            throw error("type mismatch: operand stack is empty");
        }
        return vals[--height];
    }

    private int pop(ValType expect) {
        int actual = pop();
        if (actual != expect.ordinal() && actual != UNKNOWN) {
            throw error("type mismatch: expected " + expect + ", found " + TYPES[actual]);
        }
        return actual;
    }

    private void pushAll(ValType[] ts) {
        for (ValType t : ts) {
            push(t);
        }
    }

    private void popAll(ValType[] ts) {
        for (int i = ts.length - 1; i >= 0; i--) {
            pop(ts[i]);
        }
    }

    private void pushCtrl(OpCode op, ValType[] in, ValType[] out) {
        ctrls.add(new Frame(op, in, out, height));
        pushAll(in);
    }

    private Frame popCtrl() {
        if (ctrls.isEmpty()) {
            throw error("unexpected end");
        }
        Frame f = ctrls.get(ctrls.size() - 1);
        popAll(f.end);
        if (height != f.height) {
            throw error("type mismatch: " + (height - f.height) + " values left on the stack at the end of a block");
        }
        ctrls.remove(ctrls.size() - 1);
        return f;
    }

    private Frame label(long depth) {
        if (depth < 0 || depth >= ctrls.size()) {
            throw error("unknown label " + depth);
        }
        return ctrls.get(ctrls.size() - 1 - (int) depth);
    }

    private void unreachable() {
        Frame f = ctrls.get(ctrls.size() - 1);
        height = f.height;
        f.unreachable = true;
    }

    // ---- index checks ----

    private ValType local(long i) {
        if (i < 0 || i >= locals.length) {
            throw error("unknown local " + i);
        }
        return locals[(int) i];
    }

    private ParsedModule.GlobalType global(long i) {
        if (i < 0 || i >= m.globals.size()) {
            throw error("unknown global " + i);
        }
        return m.globals.get((int) i);
    }

    private ParsedModule.TableType table(long i) {
        if (i < 0 || i >= m.tables.size()) {
            throw error("unknown table " + i);
        }
        return m.tables.get((int) i);
    }

    private void memory(long i) {
        if (i != 0 || m.memories.isEmpty()) {
            throw error("unknown memory " + i);
        }
    }

    private FuncType typeAt(long i) {
        if (i < 0 || i >= m.types.size()) {
            throw error("unknown type " + i);
        }
        return m.types.get((int) i);
    }

    /** A data index; a module without a data count section never gets here (ModuleValidator). */
    private void dataSegment(long i) {
        if (i < 0 || i >= ctx.dataCount) {
            throw error("unknown data segment " + i);
        }
    }

    private ValType elemSegment(long i) {
        if (i < 0 || i >= ctx.elemTypes.size()) {
            throw error("unknown elem segment " + i);
        }
        return ctx.elemTypes.get((int) i);
    }

    // ---- one instruction ----

    private void step(Instruction ins) {
        OpCode op = ins.opcode();
        OpSignatures.Sig sig = OpSignatures.of(op);
        if (sig != null) {
            if (OpSignatures.isMemoryAccess(op)) {
                memory(ins.operandCount() > 2 ? ins.operand(2) : 0);
                long align = ins.operand(0);
                if (align > OpSignatures.naturalAlignment(op)) {
                    throw error("alignment must not be larger than natural");
                }
            }
            popAll(sig.params);
            pushAll(sig.results);
            return;
        }
        switch (op) {
            case NOP:
                return;
            case UNREACHABLE:
                unreachable();
                return;
            case BLOCK:
            case LOOP: {
                FuncType bt = BlockTypes.of(m, ins);
                popAll(bt.params());
                pushCtrl(op, bt.params(), bt.results());
                return;
            }
            case IF: {
                FuncType bt = BlockTypes.of(m, ins);
                pop(ValType.I32);
                popAll(bt.params());
                pushCtrl(op, bt.params(), bt.results());
                return;
            }
            case ELSE: {
                Frame f = popCtrl();
                if (f.opcode != OpCode.IF) {
                    throw error("else without if");
                }
                pushCtrl(OpCode.ELSE, f.start, f.end);
                return;
            }
            case END: {
                Frame f = popCtrl();
                if (f.opcode == OpCode.IF && !Arrays.equals(f.start, f.end)) {
                    throw error("type mismatch: if without else must leave its parameters unchanged");
                }
                pushAll(f.end);
                return;
            }
            case BR: {
                Frame target = label(ins.operand(0));
                popAll(target.labelTypes());
                unreachable();
                return;
            }
            case BR_IF: {
                pop(ValType.I32);
                Frame target = label(ins.operand(0));
                popAll(target.labelTypes());
                pushAll(target.labelTypes());
                return;
            }
            case BR_TABLE: {
                pop(ValType.I32);
                long[] labels = ins.operands();
                Frame dflt = label(labels[labels.length - 1]);
                int arity = dflt.labelTypes().length;
                for (int i = 0; i < labels.length - 1; i++) {
                    Frame f = label(labels[i]);
                    ValType[] lt = f.labelTypes();
                    if (lt.length != arity) {
                        throw error("type mismatch: br_table targets have different arities");
                    }
                    int[] popped = new int[lt.length];
                    for (int k = lt.length - 1; k >= 0; k--) {
                        popped[k] = pop(lt[k]);
                    }
                    for (int k = 0; k < lt.length; k++) {
                        push(popped[k]);
                    }
                }
                popAll(dflt.labelTypes());
                unreachable();
                return;
            }
            case RETURN:
                popAll(type.results());
                unreachable();
                return;
            case CALL: {
                long f = ins.operand(0);
                if (f < 0 || f >= m.functionCount()) {
                    throw error("unknown function " + f);
                }
                FuncType ft = m.funcType((int) f);
                popAll(ft.params());
                pushAll(ft.results());
                return;
            }
            case CALL_INDIRECT: {
                FuncType ft = typeAt(ins.operand(0));
                ParsedModule.TableType t = table(ins.operand(1));
                if (t.elementType != ValType.FUNCREF) {
                    throw error("type mismatch: call_indirect on a table of " + t.elementType);
                }
                pop(ValType.I32);
                popAll(ft.params());
                pushAll(ft.results());
                return;
            }
            case DROP:
                pop();
                return;
            case SELECT: {
                pop(ValType.I32);
                int t1 = pop();
                int t2 = pop();
                boolean num1 = t1 == UNKNOWN || !TYPES[t1].isReference();
                boolean num2 = t2 == UNKNOWN || !TYPES[t2].isReference();
                if (!num1 || !num2) {
                    throw error("type mismatch: select without a type needs numeric operands");
                }
                if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
                    throw error("type mismatch: select operands differ");
                }
                push(t1 == UNKNOWN ? t2 : t1);
                return;
            }
            case SELECT_T: {
                if (ins.operandCount() != 1) {
                    throw error("invalid result arity for select");
                }
                ValType t = valType(ins.operand(0));
                pop(ValType.I32);
                pop(t);
                pop(t);
                push(t);
                return;
            }
            case LOCAL_GET:
                push(local(ins.operand(0)));
                return;
            case LOCAL_SET:
                pop(local(ins.operand(0)));
                return;
            case LOCAL_TEE: {
                ValType t = local(ins.operand(0));
                pop(t);
                push(t);
                return;
            }
            case GLOBAL_GET:
                push(global(ins.operand(0)).type);
                return;
            case GLOBAL_SET: {
                ParsedModule.GlobalType g = global(ins.operand(0));
                if (!g.mutable) {
                    throw error("global is immutable");
                }
                pop(g.type);
                return;
            }
            case TABLE_GET: {
                ParsedModule.TableType t = table(ins.operand(0));
                pop(ValType.I32);
                push(t.elementType);
                return;
            }
            case TABLE_SET: {
                ParsedModule.TableType t = table(ins.operand(0));
                pop(t.elementType);
                pop(ValType.I32);
                return;
            }
            case TABLE_SIZE:
                table(ins.operand(0));
                push(ValType.I32);
                return;
            case TABLE_GROW: {
                ParsedModule.TableType t = table(ins.operand(0));
                pop(ValType.I32);
                pop(t.elementType);
                push(ValType.I32);
                return;
            }
            case TABLE_FILL: {
                ParsedModule.TableType t = table(ins.operand(0));
                pop(ValType.I32);
                pop(t.elementType);
                pop(ValType.I32);
                return;
            }
            case TABLE_COPY: {
                ParsedModule.TableType dst = table(ins.operand(0));
                ParsedModule.TableType src = table(ins.operand(1));
                if (dst.elementType != src.elementType) {
                    throw error("type mismatch: table.copy between tables of different types");
                }
                pop(ValType.I32);
                pop(ValType.I32);
                pop(ValType.I32);
                return;
            }
            case TABLE_INIT: {
                ValType et = elemSegment(ins.operand(0));
                ParsedModule.TableType t = table(ins.operand(1));
                if (t.elementType != et) {
                    throw error("type mismatch: table.init of a " + et + " segment into a " + t.elementType + " table");
                }
                pop(ValType.I32);
                pop(ValType.I32);
                pop(ValType.I32);
                return;
            }
            case ELEM_DROP:
                elemSegment(ins.operand(0));
                return;
            case MEMORY_SIZE:
                reservedZeroByte(ins);
                memory(ins.operand(0));
                push(ValType.I32);
                return;
            case MEMORY_GROW:
                reservedZeroByte(ins);
                memory(ins.operand(0));
                pop(ValType.I32);
                push(ValType.I32);
                return;
            case MEMORY_FILL:
                memory(ins.operand(0));
                pop(ValType.I32);
                pop(ValType.I32);
                pop(ValType.I32);
                return;
            case MEMORY_COPY:
                memory(ins.operand(0));
                memory(ins.operand(1));
                pop(ValType.I32);
                pop(ValType.I32);
                pop(ValType.I32);
                return;
            case MEMORY_INIT:
                dataSegment(ins.operand(0));
                memory(ins.operand(1));
                pop(ValType.I32);
                pop(ValType.I32);
                pop(ValType.I32);
                return;
            case DATA_DROP:
                dataSegment(ins.operand(0));
                return;
            case REF_NULL:
                push(heapType(ins.operand(0)));
                return;
            case REF_IS_NULL: {
                int t = pop();
                if (t != UNKNOWN && !TYPES[t].isReference()) {
                    throw error("type mismatch: ref.is_null of " + TYPES[t]);
                }
                push(ValType.I32);
                return;
            }
            case REF_FUNC: {
                long f = ins.operand(0);
                if (f < 0 || f >= m.functionCount()) {
                    throw error("unknown function " + f);
                }
                if (!ctx.declaredRefs.get((int) f)) {
                    throw error("undefined function reference " + f);
                }
                push(ValType.FUNCREF);
                return;
            }
            default:
                throw CompileException.unsupported(op + " instruction in " + m.describeFunction(funcIndex) + " at offset 0x"
                        + Integer.toHexString(ins.address()));
        }
    }

    /** memory.size and memory.grow carry one reserved 0x00 byte, not a LEB128 zero of any length. */
    private void reservedZeroByte(Instruction ins) {
        if (m.bytes[ins.address() + 1] != 0) {
            throw CompileException.malformed("zero byte expected after " + ins.opcode() + " in "
                    + m.describeFunction(funcIndex) + " at offset 0x" + Integer.toHexString(ins.address()));
        }
    }

    /** Chicory's operand for a value type: the type's encoding byte, or its signed LEB value. */
    private ValType valType(long code) {
        int encoding = (int) (code & 0x7F);
        ValType t = BlockTypes.valueType(encoding);
        if (t != null) {
            return t;
        }
        if (encoding == 0x7B) {
            throw CompileException.unsupported("SIMD (v128 in " + m.describeFunction(funcIndex) + ")");
        }
        throw error("unknown value type " + code);
    }

    private ValType heapType(long code) {
        switch ((int) (code & 0x7F)) {
            case 0x70: return ValType.FUNCREF;
            case 0x6F: return ValType.EXTERNREF;
            default: throw CompileException.unsupported("heap type " + code + " in " + m.describeFunction(funcIndex));
        }
    }
}
