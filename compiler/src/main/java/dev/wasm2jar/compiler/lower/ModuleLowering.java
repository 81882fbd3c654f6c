package dev.wasm2jar.compiler.lower;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DeclarativeElement;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.ConstExpr;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Lower stage: decides how the module maps onto the JVM (which class holds each function, its
 * method name, which globals need a shared box) and records it, with everything instantiation
 * needs, as a {@link ModuleInfo}.
 */
public final class ModuleLowering {
    private ModuleLowering() {}

    public static ModuleInfo lower(ParsedModule m, String className) {
        WasmModule w = m.wasm;
        List<ModuleInfo.ImportDef> imports = new ArrayList<>();
        int tableImport = 0, memoryImport = 0, globalImport = 0;
        for (int i = 0; i < w.importSection().importCount(); i++) {
            Import imp = w.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION:
                    imports.add(new ModuleInfo.ImportDef(imp.module(), imp.name(), ModuleInfo.Kind.FUNCTION,
                            ((FunctionImport) imp).typeIndex(), null, false, 0, -1));
                    break;
                case TABLE: {
                    ParsedModule.TableType t = m.tables.get(tableImport++);
                    imports.add(new ModuleInfo.ImportDef(imp.module(), imp.name(), ModuleInfo.Kind.TABLE, -1,
                            t.elementType, false, t.min, t.max));
                    break;
                }
                case MEMORY: {
                    ParsedModule.Limits l = m.memories.get(memoryImport++);
                    imports.add(new ModuleInfo.ImportDef(imp.module(), imp.name(), ModuleInfo.Kind.MEMORY, -1, null,
                            false, l.min, l.max));
                    break;
                }
                default: {
                    ParsedModule.GlobalType g = m.globals.get(globalImport++);
                    imports.add(new ModuleInfo.ImportDef(imp.module(), imp.name(), ModuleInfo.Kind.GLOBAL, -1, g.type,
                            g.mutable, 0, -1));
                    break;
                }
            }
        }

        List<String> wasmNames = new ArrayList<>();
        for (int f = m.importedFuncs; f < m.functionCount(); f++) {
            wasmNames.add(m.functionName(f));
        }
        List<MethodNames.Place> places = MethodNames.assign(className, wasmNames, m.importedFuncs);
        List<ModuleInfo.FunctionDef> functions = new ArrayList<>();
        for (int f = m.importedFuncs; f < m.functionCount(); f++) {
            String wasmName = wasmNames.get(f - m.importedFuncs);
            MethodNames.Place p = places.get(f - m.importedFuncs);
            functions.add(new ModuleInfo.FunctionDef(m.funcTypes[f], p.owner, p.method, wasmName == null ? "func" + f : wasmName));
        }

        List<ModuleInfo.MemoryDef> memories = new ArrayList<>();
        for (int i = m.importedMemories; i < m.memories.size(); i++) {
            ParsedModule.Limits l = m.memories.get(i);
            memories.add(new ModuleInfo.MemoryDef((int) l.min, (int) l.max));
        }
        List<ModuleInfo.TableDef> tables = new ArrayList<>();
        for (int i = m.importedTables; i < m.tables.size(); i++) {
            ParsedModule.TableType t = m.tables.get(i);
            if (t.min > Integer.MAX_VALUE - 8) {
                throw CompileException.unsupported("table " + i + " of " + t.min + " elements (the JVM caps arrays below 2^31)");
            }
            tables.add(new ModuleInfo.TableDef(t.elementType, t.min, t.max));
        }

        BitSet exportedGlobals = new BitSet();
        List<ModuleInfo.ExportDef> exports = new ArrayList<>();
        for (int i = 0; i < w.exportSection().exportCount(); i++) {
            Export e = w.exportSection().getExport(i);
            ModuleInfo.Kind kind = m.kindOf(e.exportType());
            if (kind == ModuleInfo.Kind.GLOBAL) {
                exportedGlobals.set(e.index());
            }
            exports.add(new ModuleInfo.ExportDef(e.name(), kind, e.index()));
        }
        List<ModuleInfo.GlobalDef> globals = new ArrayList<>();
        for (int i = 0; i < w.globalSection().globalCount(); i++) {
            int index = m.importedGlobals + i;
            ParsedModule.GlobalType g = m.globals.get(index);
            globals.add(new ModuleInfo.GlobalDef(g.type, g.mutable,
                    constExpr(w.globalSection().getGlobal(i).initInstructions()), exportedGlobals.get(index)));
        }

        List<ModuleInfo.ElemDef> elems = new ArrayList<>();
        for (int i = 0; i < w.elementSection().elementCount(); i++) {
            Element e = w.elementSection().getElement(i);
            ValType type = ModuleParser.convert(e.type(), "elem segment " + i);
            ConstExpr[] items = new ConstExpr[e.initializers().size()];
            for (int k = 0; k < items.length; k++) {
                items[k] = constExpr(e.initializers().get(k));
            }
            if (e instanceof ActiveElement) {
                ActiveElement a = (ActiveElement) e;
                elems.add(new ModuleInfo.ElemDef(ModuleInfo.SegmentMode.ACTIVE, a.tableIndex(), constExpr(a.offset()), type, items));
            } else if (e instanceof DeclarativeElement) {
                elems.add(new ModuleInfo.ElemDef(ModuleInfo.SegmentMode.DECLARATIVE, -1, null, type, items));
            } else {
                elems.add(new ModuleInfo.ElemDef(ModuleInfo.SegmentMode.PASSIVE, -1, null, type, items));
            }
        }

        List<ModuleInfo.DataDef> datas = new ArrayList<>(m.data.size());
        for (ParsedModule.DataSegment d : m.data) {
            datas.add(d.isActive()
                    ? new ModuleInfo.DataDef(ModuleInfo.SegmentMode.ACTIVE, d.memoryIndex, constExpr(d.offset), d.bytes)
                    : new ModuleInfo.DataDef(ModuleInfo.SegmentMode.PASSIVE, -1, null, d.bytes));
        }

        int start = w.startSection().isPresent() ? (int) w.startSection().get().startIndex() : -1;
        return new ModuleInfo(className, m.types, imports, functions, memories, tables, globals, exports, elems, datas, start);
    }

    /** A validated constant expression: its one non-END instruction. */
    static ConstExpr constExpr(List<Instruction> expr) {
        for (Instruction ins : expr) {
            switch (ins.opcode()) {
                case I32_CONST: return new ConstExpr(ConstExpr.Kind.I32_CONST, (int) ins.operand(0));
                case I64_CONST: return new ConstExpr(ConstExpr.Kind.I64_CONST, ins.operand(0));
                case F32_CONST: return new ConstExpr(ConstExpr.Kind.F32_CONST, ins.operand(0));
                case F64_CONST: return new ConstExpr(ConstExpr.Kind.F64_CONST, ins.operand(0));
                case REF_NULL: return new ConstExpr(ConstExpr.Kind.REF_NULL, 0);
                case REF_FUNC: return new ConstExpr(ConstExpr.Kind.REF_FUNC, ins.operand(0));
                case GLOBAL_GET: return new ConstExpr(ConstExpr.Kind.GLOBAL_GET, ins.operand(0));
                default: break;
            }
        }
        throw new IllegalStateException("not a constant expression: " + expr);
    }
}
