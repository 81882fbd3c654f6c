package dev.wasm2jar.compiler.validate;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.PerFunction;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validate stage: checks a parsed module against WebAssembly 2.0 (the module-level rules here,
 * function bodies in {@link FunctionValidator}). Throws {@link CompileException} naming the
 * problem and where it is.
 */
public final class ModuleValidator {
    private static final long MAX_PAGES = 65536;

    /** What function bodies are checked against besides the index spaces. */
    static final class Context {
        final ParsedModule module;
        final BitSet declaredRefs = new BitSet();
        final List<ValType> elemTypes = new ArrayList<>();
        /** Declared data count, or -1 when the module has no data count section. */
        int dataCount = -1;

        Context(ParsedModule module) {
            this.module = module;
        }
    }

    private ModuleValidator() {}

    /**
     * @return per defined function (index minus imported functions), the operand stack height
     *     before each instruction (see {@link FunctionValidator#validate()}); later stages use it
     *     to find where a function can be cut into pieces
     */
    public static int[][] validate(ParsedModule m) {
        WasmModule w = m.wasm;
        Context ctx = new Context(m);

        for (int i = 0; i < w.importSection().importCount(); i++) {
            Import imp = w.importSection().getImport(i);
            if (imp instanceof FunctionImport) {
                int t = ((FunctionImport) imp).typeIndex();
                if (t < 0 || t >= m.types.size()) {
                    throw CompileException.invalid("unknown type " + t + " in import " + imp.module() + "." + imp.name());
                }
            }
        }
        for (int i = m.importedFuncs; i < m.functionCount(); i++) {
            int t = m.funcTypes[i];
            if (t < 0 || t >= m.types.size()) {
                throw CompileException.invalid("unknown type " + t + " of " + m.describeFunction(i));
            }
        }
        if (m.memories.size() > 1) {
            throw CompileException.invalid("multiple memories");
        }
        for (int i = 0; i < m.memories.size(); i++) {
            ParsedModule.Limits l = m.memories.get(i);
            if (l.min > MAX_PAGES || l.max > MAX_PAGES) {
                throw CompileException.invalid("memory size must be at most 65536 pages (4GiB) (memory " + i + ")");
            }
            if (l.max >= 0 && l.min > l.max) {
                throw CompileException.invalid("size minimum must not be greater than maximum (memory " + i + ")");
            }
        }
        for (int i = 0; i < m.tables.size(); i++) {
            ParsedModule.TableType t = m.tables.get(i);
            if (t.max >= 0 && Long.compareUnsigned(t.min, t.max) > 0) {
                throw CompileException.invalid("size minimum must not be greater than maximum (table " + i + ")");
            }
        }

        // Functions referable by ref.func: those named outside function bodies.
        for (int i = 0; i < w.globalSection().globalCount(); i++) {
            collectRefs(w.globalSection().getGlobal(i).initInstructions(), ctx);
        }
        for (int i = 0; i < w.elementSection().elementCount(); i++) {
            for (List<Instruction> init : w.elementSection().getElement(i).initializers()) {
                collectRefs(init, ctx);
            }
        }
        for (int i = 0; i < w.exportSection().exportCount(); i++) {
            Export e = w.exportSection().getExport(i);
            if (e.exportType() == com.dylibso.chicory.wasm.types.ExternalType.FUNCTION) {
                if (e.index() >= 0 && e.index() < m.functionCount()) {
                    ctx.declaredRefs.set(e.index());
                }
            }
        }

        for (int i = 0; i < w.globalSection().globalCount(); i++) {
            int index = m.importedGlobals + i;
            constExpr(ctx, w.globalSection().getGlobal(i).initInstructions(), m.globals.get(index).type,
                    () -> "global " + index);
        }

        Set<String> names = new HashSet<>();
        for (int i = 0; i < w.exportSection().exportCount(); i++) {
            Export e = w.exportSection().getExport(i);
            if (!names.add(e.name())) {
                throw CompileException.invalid("duplicate export name \"" + e.name() + "\"");
            }
            int idx = e.index();
            int limit;
            switch (e.exportType()) {
                case FUNCTION: limit = m.functionCount(); break;
                case TABLE: limit = m.tables.size(); break;
                case MEMORY: limit = m.memories.size(); break;
                case GLOBAL: limit = m.globals.size(); break;
                default: throw CompileException.unsupported("export of kind " + e.exportType());
            }
            if (idx < 0 || idx >= limit) {
                throw CompileException.invalid("unknown " + e.exportType().name().toLowerCase() + " " + idx
                        + " in export \"" + e.name() + "\"");
            }
        }

        if (w.startSection().isPresent()) {
            long s = w.startSection().get().startIndex();
            if (s < 0 || s >= m.functionCount()) {
                throw CompileException.invalid("unknown function " + s + " (start function)");
            }
            FuncType t = m.funcType((int) s);
            if (t.paramCount() != 0 || t.resultCount() != 0) {
                throw CompileException.invalid("start function must have type [] -> [] (" + m.describeFunction((int) s) + ")");
            }
        }

        for (int i = 0; i < w.elementSection().elementCount(); i++) {
            Element e = w.elementSection().getElement(i);
            int segment = i;
            ValType et = ModuleParser.convert(e.type(), "elem segment " + i);
            ctx.elemTypes.add(et);
            for (List<Instruction> init : e.initializers()) {
                constExpr(ctx, init, et, () -> "elem segment " + segment);
            }
            if (e instanceof ActiveElement) {
                ActiveElement a = (ActiveElement) e;
                int t = a.tableIndex();
                if (t < 0 || t >= m.tables.size()) {
                    throw CompileException.invalid("unknown table " + t + " in elem segment " + i);
                }
                if (m.tables.get(t).elementType != et) {
                    throw CompileException.invalid("type mismatch: elem segment " + i + " of " + et + " for a table of "
                            + m.tables.get(t).elementType);
                }
                constExpr(ctx, a.offset(), ValType.I32, () -> "offset of elem segment " + segment);
            }
        }

        int dataSegments = m.data.size();
        if (m.dataCount() >= 0) {
            ctx.dataCount = (int) m.dataCount(); // equal to dataSegments: BinaryFraming checks
        } else {
            // checked here, before any body is validated, so FunctionValidator never meets it
            String use = m.firstDataIndexUse();
            if (use != null) {
                throw CompileException.malformed("data count section required: " + use
                        + " uses a data segment index, and the module has no data count section");
            }
        }
        for (int i = 0; i < dataSegments; i++) {
            ParsedModule.DataSegment d = m.data.get(i);
            if (d.isActive()) {
                if (d.memoryIndex != 0 || m.memories.isEmpty()) {
                    throw CompileException.invalid("unknown memory " + d.memoryIndex + " in data segment " + i);
                }
                int segment = i;
                constExpr(ctx, d.offset, ValType.I32, () -> "offset of data segment " + segment);
            }
        }
        // Bodies are checked in parallel (the context is only read); of several invalid ones, the
        // first by index is reported, as a sequential check would.
        int defined = m.functionCount() - m.importedFuncs;
        int[][] heights = new int[defined][];
        PerFunction.forEach(defined, i -> heights[i] = new FunctionValidator(ctx, m.importedFuncs + i).validate());
        return heights;
    }

    private static void collectRefs(List<Instruction> expr, Context ctx) {
        for (Instruction ins : expr) {
            if (ins.opcode() == OpCode.REF_FUNC) {
                long f = ins.operand(0);
                if (f >= 0 && f < ctx.module.functionCount()) {
                    ctx.declaredRefs.set((int) f);
                }
            }
        }
    }

    /**
     * A 2.0 constant expression producing exactly one value of type {@code want}. {@code where}
     * names it in messages; built only for one (Go modules have tens of thousands of segments).
     */
    private static void constExpr(Context ctx, List<Instruction> expr, ValType want,
            java.util.function.Supplier<String> where) {
        if (want == ValType.I32 && expr.size() == 1 && expr.get(0).opcode() == OpCode.I32_CONST) {
            return; // a segment's offset, nearly always: tens of thousands in a Go module
        }
        ParsedModule m = ctx.module;
        List<ValType> stack = new ArrayList<>();
        for (Instruction ins : expr) {
            switch (ins.opcode()) {
                case END:
                    break;
                case I32_CONST: stack.add(ValType.I32); break;
                case I64_CONST: stack.add(ValType.I64); break;
                case F32_CONST: stack.add(ValType.F32); break;
                case F64_CONST: stack.add(ValType.F64); break;
                case REF_NULL: {
                    int code = (int) (ins.operand(0) & 0x7F);
                    stack.add(code == 0x6F ? ValType.EXTERNREF : ValType.FUNCREF);
                    break;
                }
                case REF_FUNC: {
                    long f = ins.operand(0);
                    if (f < 0 || f >= m.functionCount()) {
                        throw CompileException.invalid("unknown function " + f + " in " + where.get());
                    }
                    stack.add(ValType.FUNCREF);
                    break;
                }
                case GLOBAL_GET: {
                    long g = ins.operand(0);
                    if (g < 0 || g >= m.importedGlobals) {
                        throw CompileException.invalid("unknown global " + g + " in " + where.get()
                                + " (constant expressions may only read imported globals)");
                    }
                    ParsedModule.GlobalType gt = m.globals.get((int) g);
                    if (gt.mutable) {
                        throw CompileException.invalid("constant expression required: global " + g + " is mutable (" + where.get() + ")");
                    }
                    stack.add(gt.type);
                    break;
                }
                default:
                    throw CompileException.invalid("constant expression required: " + ins.opcode() + " in " + where.get());
            }
        }
        if (stack.size() != 1 || stack.get(0) != want) {
            throw CompileException.invalid("type mismatch: " + where.get() + " must be one " + want + " constant, found " + stack);
        }
    }
}
