package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.RecType;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.SubType;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.PerFunction;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse stage: binary to {@link ParsedModule}. Decoding is Chicory's (with its validation off:
 * wasm2jar validates against WebAssembly 2.0 itself); this class maps its errors to
 * {@link CompileException} and its types to wasm2jar's.
 */
public final class ModuleParser {
    private ModuleParser() {}

    public static ParsedModule parse(byte[] bytes) {
        SectionIndex sections = BinaryFraming.check(bytes);
        WasmModule wasm = null;
        byte[] forChicory = bytes;
        while (wasm == null) {
            try {
                // Chicory decodes every section but two: it sees the code section with empty
                // bodies and no data section (both are decoded below, the bodies in parallel).
                byte[] stubbed = sections.forChicory(forChicory);
                wasm = chicoryParse(stubbed);
            } catch (RuntimeException e) {
                BinaryFraming.Span bad = failingSection(forChicory);
                if (bad != null && bad.id == 0 && bad.customName != null && !bad.customName.matches("x*")) {
                    // The spec: errors in a custom section's contents (a broken name section,
                    // say) must not make the module malformed. Renamed, Chicory skips it (each
                    // section once: a name of x's is one it does not interpret, or renamed).
                    forChicory = bad.renamed(forChicory);
                    continue;
                }
                String where = bad == null ? "" : " (in " + bad.describe() + ")";
                if (e instanceof com.dylibso.chicory.wasm.ChicoryException) {
                    throw CompileException.malformed(describe(e) + where);
                }
                throw new CompileException(CompileException.Kind.MALFORMED, "malformed module: " + describe(e) + where, e);
            }
        }
        if (wasm.tagSection().isPresent() && wasm.tagSection().get().tagCount() > 0) {
            throw CompileException.unsupported("exception handling (tag section)");
        }

        List<FuncType> types = new ArrayList<>();
        int typeCount = wasm.typeSection().typeCount();
        for (int i = 0; i < typeCount; i++) {
            RecType rec = wasm.typeSection().getRecType(i);
            if (!rec.isLegacy()) {
                SubType[] subs = rec.subTypes();
                if (subs.length != 1 || subs[0].compType().funcType() == null) {
                    throw CompileException.unsupported("garbage collection types (type " + i + ")");
                }
            }
            types.add(convert(wasm.typeSection().getType(i), "type " + i));
        }

        List<Integer> funcTypes = new ArrayList<>();
        List<ParsedModule.TableType> tables = new ArrayList<>();
        List<ParsedModule.Limits> memories = new ArrayList<>();
        List<ParsedModule.GlobalType> globals = new ArrayList<>();
        int importCount = wasm.importSection().importCount();
        for (int i = 0; i < importCount; i++) {
            Import imp = wasm.importSection().getImport(i);
            String where = "import " + imp.module() + "." + imp.name();
            switch (imp.importType()) {
                case FUNCTION:
                    funcTypes.add(((FunctionImport) imp).typeIndex());
                    break;
                case TABLE: {
                    TableImport t = (TableImport) imp;
                    tables.add(new ParsedModule.TableType(convert(t.entryType(), where), t.limits().min(),
                            tableMax(t.limits().max())));
                    break;
                }
                case MEMORY:
                    memories.add(limits(((MemoryImport) imp).limits(), where));
                    break;
                case GLOBAL: {
                    GlobalImport g = (GlobalImport) imp;
                    globals.add(new ParsedModule.GlobalType(convert(g.type(), where), g.mutabilityType() == MutabilityType.Var));
                    break;
                }
                default:
                    throw CompileException.unsupported("import of kind " + imp.importType() + " (" + where + ")");
            }
        }
        int importedFuncs = funcTypes.size();
        int importedTables = tables.size();
        int importedMemories = memories.size();
        int importedGlobals = globals.size();

        for (int i = 0; i < wasm.functionSection().functionCount(); i++) {
            funcTypes.add(wasm.functionSection().getFunctionType(i));
        }
        for (int i = 0; i < wasm.tableSection().tableCount(); i++) {
            var t = wasm.tableSection().getTable(i);
            tables.add(new ParsedModule.TableType(convert(t.elementType(), "table " + (importedTables + i)),
                    t.limits().min(), tableMax(t.limits().max())));
        }
        if (wasm.memorySection().isPresent()) {
            var ms = wasm.memorySection().get();
            for (int i = 0; i < ms.memoryCount(); i++) {
                memories.add(limits(ms.getMemory(i).limits(), "memory " + (importedMemories + i)));
            }
        }
        for (int i = 0; i < wasm.globalSection().globalCount(); i++) {
            var g = wasm.globalSection().getGlobal(i);
            globals.add(new ParsedModule.GlobalType(convert(g.valueType(), "global " + (importedGlobals + i)),
                    g.mutabilityType() == MutabilityType.Var));
        }
        NameCustomSection names = null;
        try {
            names = wasm.nameSection();
        } catch (RuntimeException e) {
            names = null; // a broken name section is not an error (it is a custom section)
        }
        int[] ft = new int[funcTypes.size()];
        for (int i = 0; i < ft.length; i++) {
            ft[i] = funcTypes.get(i);
        }
        NameCustomSection functionNames = names;
        CodeDecoder.Body[] bodies = new CodeDecoder.Body[sections.sizes.length];
        PerFunction.forEach(bodies.length, i -> bodies[i] = CodeDecoder.decode(bytes, sections.offsets[i],
                sections.sizes[i], () -> ParsedModule.describeFunction(importedFuncs + i, functionNames)));
        List<ParsedModule.DataSegment> data = sections.data == null ? List.of()
                : CodeDecoder.dataSection(bytes, sections.data.contentStart, sections.data.end);
        return new ParsedModule(bytes, wasm, types, ft, importedFuncs, tables, importedTables, memories,
                importedMemories, globals, importedGlobals, names, sections, bodies, data);
    }

    /**
     * Chicory's {@code Parser.parse(Supplier)} without the SHA-256 digest of the module it takes
     * on the way, which nothing here reads: starting the JDK's security provider for it was
     * 30–40 ms of a cold compile. The sections go into the module as that method puts them.
     */
    private static WasmModule chicoryParse(byte[] bytes) {
        WasmModule.Builder module = WasmModule.builder().withValidation(false);
        Parser.builder().withValidation(false).build().parse(new ByteArrayInputStream(bytes), s -> {
            switch (s.sectionId()) {
                case SectionId.CUSTOM: module.addCustomSection(((CustomSection) s).name(), (CustomSection) s); break;
                case SectionId.TYPE: module.setTypeSection((TypeSection) s); break;
                case SectionId.IMPORT: module.setImportSection((ImportSection) s); break;
                case SectionId.FUNCTION: module.setFunctionSection((FunctionSection) s); break;
                case SectionId.TABLE: module.setTableSection((TableSection) s); break;
                case SectionId.MEMORY: module.setMemorySection((MemorySection) s); break;
                case SectionId.GLOBAL: module.setGlobalSection((GlobalSection) s); break;
                case SectionId.EXPORT: module.setExportSection((ExportSection) s); break;
                case SectionId.START: module.setStartSection((StartSection) s); break;
                case SectionId.ELEMENT: module.setElementSection((ElementSection) s); break;
                case SectionId.CODE: module.setCodeSection((CodeSection) s); break;
                case SectionId.DATA: module.setDataSection((DataSection) s); break; // not given (SectionIndex)
                case SectionId.DATA_COUNT: module.setDataCountSection((DataCountSection) s); break; // nor this
                case SectionId.TAG: module.setTagSection((TagSection) s); break;
                default: module.addIgnoredSection(s.sectionId()); break;
            }
        });
        return module.build();
    }

    private static long tableMax(long max) {
        return max == com.dylibso.chicory.wasm.types.TableLimits.LIMIT_MAX ? -1 : max;
    }

    private static ParsedModule.Limits limits(MemoryLimits l, String where) {
        if (l.shared()) {
            throw CompileException.unsupported("threads (shared memory, " + where + ")");
        }
        // Chicory reports an absent maximum as MAX_PAGES; the spec's own maximum is the same
        // number, so both mean "no further limit" to the instantiator.
        long max = l.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : l.maximumPages();
        return new ParsedModule.Limits(Integer.toUnsignedLong(l.initialPages()), max);
    }

    public static FuncType convert(com.dylibso.chicory.wasm.types.FunctionType t, String where) {
        ValType[] p = new ValType[t.params().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = convert(t.params().get(i), where);
        }
        ValType[] r = new ValType[t.returns().size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = convert(t.returns().get(i), where);
        }
        return new FuncType(p, r);
    }

    public static ValType convert(com.dylibso.chicory.wasm.types.ValType t, String where) {
        if (t.equals(com.dylibso.chicory.wasm.types.ValType.I32)) {
            return ValType.I32;
        } else if (t.equals(com.dylibso.chicory.wasm.types.ValType.I64)) {
            return ValType.I64;
        } else if (t.equals(com.dylibso.chicory.wasm.types.ValType.F32)) {
            return ValType.F32;
        } else if (t.equals(com.dylibso.chicory.wasm.types.ValType.F64)) {
            return ValType.F64;
        } else if (t.isReference()
                && t.typeIdx() == com.dylibso.chicory.wasm.types.ValType.FuncRef.typeIdx()) {
            return ValType.FUNCREF;
        } else if (t.isReference()
                && t.typeIdx() == com.dylibso.chicory.wasm.types.ValType.ExternRef.typeIdx()) {
            return ValType.EXTERNREF;
        } else if (t.equals(com.dylibso.chicory.wasm.types.ValType.V128)) {
            throw CompileException.unsupported("SIMD (v128 in " + where + ")");
        }
        throw CompileException.unsupported("value type " + t + " (" + where + "): only WebAssembly 2.0 types are supported");
    }

    /**
     * The section Chicory fails in, or null when no single section fails on its own (the error is
     * between sections). Chicory's messages name neither section nor offset, so each section is
     * decoded again alone, after the header; this runs on the error path only. The code, data and
     * data count sections are skipped: Chicory does not decode them (it sees the bodies empty and
     * neither of the others), and wasm2jar reports the errors in them with their offsets.
     */
    private static BinaryFraming.Span failingSection(byte[] wasm) {
        for (BinaryFraming.Span span : BinaryFraming.sections(wasm)) {
            if (span.id == SectionIndex.CODE_SECTION || span.id == SectionIndex.DATA_SECTION
                    || span.id == SectionIndex.DATA_COUNT_SECTION) {
                continue;
            }
            byte[] alone = new byte[8 + span.end - span.start];
            System.arraycopy(wasm, 0, alone, 0, 8);
            System.arraycopy(wasm, span.start, alone, 8, span.end - span.start);
            try {
                Parser.builder().withValidation(false).build().parse(new ByteArrayInputStream(alone), section -> {});
            } catch (RuntimeException e) {
                return span;
            }
        }
        return null;
    }

    /**
     * Chicory's message, without the list of spec wordings it prefixes to many of them ("section
     * size mismatch, unexpected end of section or function, ..."), which reads as if all had
     * happened.
     */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        for (String prefix : new String[] {"section size mismatch, unexpected end of section or function, ",
                "section size mismatch, "}) {
            if (m.startsWith(prefix) && m.length() > prefix.length()) {
                m = m.substring(prefix.length());
                break;
            }
        }
        return m;
    }
}
