package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.compiler.parse.SectionIndex;
import dev.wasm2jar.compiler.validate.ModuleValidator;
import dev.wasm2jar.runtime.FuncType;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code wasm2jar inspect}: what a module imports, exports and holds, and its largest functions. */
final class ModuleReport {
    private ModuleReport() {}

    static void print(byte[] wasm, int top, PrintWriter out) {
        ParsedModule m = ModuleParser.parse(wasm);
        ModuleValidator.validate(m);
        SectionIndex code = m.sections();
        int defined = m.functionCount() - m.importedFuncs;
        long codeBytes = 0;
        for (int s : code.sizes) {
            codeBytes += s;
        }
        out.printf(Locale.ROOT, "module: %,d bytes%n", wasm.length);
        out.printf(Locale.ROOT, "types: %d%n", m.types.size());
        out.printf(Locale.ROOT, "functions: %,d (%d imported, %,d defined; %,d bytes of code)%n", m.functionCount(),
                m.importedFuncs, defined, codeBytes);

        int importCount = m.wasm.importSection().importCount();
        out.printf("imports: %d%n", importCount);
        for (int i = 0; i < importCount; i++) {
            Import imp = m.wasm.importSection().getImport(i);
            String detail = "";
            if (imp instanceof FunctionImport) {
                detail = " " + m.types.get(((FunctionImport) imp).typeIndex());
            }
            out.printf("  %-8s %s.%s%s%n", kind(imp.importType().name()), imp.module(), imp.name(), detail);
        }

        int exportCount = m.wasm.exportSection().exportCount();
        out.printf("exports: %d%n", exportCount);
        for (int i = 0; i < exportCount; i++) {
            Export e = m.wasm.exportSection().getExport(i);
            String detail = "";
            if (e.exportType() == com.dylibso.chicory.wasm.types.ExternalType.FUNCTION) {
                int f = (int) e.index();
                FuncType t = m.funcType(f);
                detail = " " + t + (m.functionName(f) != null ? " (" + m.functionName(f) + ")" : "");
            }
            out.printf("  %-8s %s%s%n", kind(e.exportType().name()), e.name(), detail);
        }

        out.printf("memories: %d%n", m.memories.size());
        for (int i = 0; i < m.memories.size(); i++) {
            ParsedModule.Limits l = m.memories.get(i);
            out.printf(Locale.ROOT, "  memory %d: %,d pages (%s) initially, maximum %s%s%n", i, l.min, bytes(l.min * 65536),
                    l.max < 0 ? "none" : String.format(Locale.ROOT, "%,d pages", l.max), i < m.importedMemories ? ", imported" : "");
        }
        out.printf("tables: %d%n", m.tables.size());
        for (int i = 0; i < m.tables.size(); i++) {
            ParsedModule.TableType t = m.tables.get(i);
            out.printf(Locale.ROOT, "  table %d: %s, %,d elements initially, maximum %s%s%n", i, t.elementType, t.min,
                    t.max < 0 ? "none" : String.format(Locale.ROOT, "%,d", t.max), i < m.importedTables ? ", imported" : "");
        }
        out.printf("globals: %d (%d imported)%n", m.globals.size(), m.importedGlobals);
        int dataCount = m.data.size();
        long dataBytes = 0;
        for (ParsedModule.DataSegment d : m.data) {
            dataBytes += d.bytes.length;
        }
        out.printf(Locale.ROOT, "data segments: %,d (%s)%n", dataCount, bytes(dataBytes));
        out.printf(Locale.ROOT, "element segments: %,d%n", m.wasm.elementSection().elementCount());
        out.printf("start function: %s%n", m.wasm.startSection().isPresent()
                ? m.describeFunction((int) m.wasm.startSection().get().startIndex()) : "none");

        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < defined; i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingInt((Integer i) -> code.sizes[i]).reversed().thenComparing(i -> i));
        int n = Math.min(top, bySize.size());
        if (n > 0) {
            out.printf("largest functions:%n");
            out.printf("  %10s  %7s  %s%n", "bytes", "index", "name");
            for (int k = 0; k < n; k++) {
                int i = bySize.get(k);
                int f = m.importedFuncs + i;
                String name = m.functionName(f);
                out.printf(Locale.ROOT, "  %,10d  %7d  %s%n", code.sizes[i], f, name == null ? "" : name);
            }
        }
        out.flush();
    }

    private static String kind(String exportType) {
        return exportType.toLowerCase(Locale.ROOT);
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
