package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.ConstExpr.Kind;
import dev.wasm2jar.runtime.ModuleInfo.SegmentMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ModuleInfoIO}: a module description survives writing and reading, field by field. */
class ModuleInfoIOTest {
    @Test
    void everyFieldRoundTrips() throws IOException {
        String longName = "n".repeat(70_000) + "·ünïcode"; // beyond writeUTF's 64 KB
        ModuleInfo info = new ModuleInfo("pkg/Module",
                List.of(FuncType.fromKey("IJ:FD"), FuncType.fromKey(":"), FuncType.fromKey("RX:RX")),
                List.of(new ModuleInfo.ImportDef("env", longName, ModuleInfo.Kind.FUNCTION, 1, null, false, 0, -1),
                        new ModuleInfo.ImportDef("env", "mem", ModuleInfo.Kind.MEMORY, -1, null, false, 1, 65536),
                        new ModuleInfo.ImportDef("env", "tab", ModuleInfo.Kind.TABLE, -1, ValType.EXTERNREF, false, 2,
                                0xFFFFFFFFL),
                        new ModuleInfo.ImportDef("env", "g", ModuleInfo.Kind.GLOBAL, -1, ValType.F64, true, 0, -1)),
                List.of(new ModuleInfo.FunctionDef(0, "pkg/Module$Code0", "fmt·Println", "fmt.Println")),
                List.of(),
                List.of(new ModuleInfo.TableDef(ValType.FUNCREF, 3, -1)),
                List.of(new ModuleInfo.GlobalDef(ValType.F32, true, new ConstExpr(Kind.F32_CONST, 0x7FA00000L), true),
                        new ModuleInfo.GlobalDef(ValType.I64, false, new ConstExpr(Kind.GLOBAL_GET, 0), false)),
                List.of(new ModuleInfo.ExportDef("", ModuleInfo.Kind.FUNCTION, 1),
                        new ModuleInfo.ExportDef("g2", ModuleInfo.Kind.GLOBAL, 2)),
                List.of(new ModuleInfo.ElemDef(SegmentMode.ACTIVE, 1, new ConstExpr(Kind.I32_CONST, -1), ValType.FUNCREF,
                                new ConstExpr[] {new ConstExpr(Kind.REF_FUNC, 1), new ConstExpr(Kind.REF_NULL, 0)}),
                        new ModuleInfo.ElemDef(SegmentMode.DECLARATIVE, -1, null, ValType.FUNCREF, new ConstExpr[0])),
                List.of(new ModuleInfo.DataDef(SegmentMode.ACTIVE, 0, new ConstExpr(Kind.I32_CONST, 8), new byte[] {1, 2, 3}),
                        new ModuleInfo.DataDef(SegmentMode.PASSIVE, -1, null, new byte[0])),
                1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleInfoIO.write(info, out);
        ModuleInfo back = ModuleInfoIO.read(new ByteArrayInputStream(out.toByteArray()));

        assertEquals("pkg/Module", back.className);
        assertEquals(info.types, back.types);
        assertEquals(4, back.imports.size());
        assertEquals(longName, back.imports.get(0).name);
        assertEquals(ModuleInfo.Kind.FUNCTION, back.imports.get(0).kind);
        assertEquals(1, back.imports.get(0).typeIndex);
        assertNull(back.imports.get(0).valType);
        assertEquals(65536, back.imports.get(1).max);
        assertEquals(ValType.EXTERNREF, back.imports.get(2).valType);
        assertEquals(0xFFFFFFFFL, back.imports.get(2).max);
        assertEquals(ValType.F64, back.imports.get(3).valType);
        assertEquals(true, back.imports.get(3).mutable);
        assertEquals("pkg/Module$Code0", back.functions.get(0).owner);
        assertEquals("fmt·Println", back.functions.get(0).methodName);
        assertEquals("fmt.Println", back.functions.get(0).debugName);
        assertEquals(0, back.memories.size());
        assertEquals(-1, back.tables.get(0).max);
        assertEquals(Kind.F32_CONST, back.globals.get(0).init.kind);
        assertEquals(0x7FA00000L, back.globals.get(0).init.value);
        assertEquals(true, back.globals.get(0).boxed);
        assertEquals(false, back.globals.get(1).boxed);
        assertEquals("", back.exports.get(0).name);
        assertEquals(2, back.exports.get(1).index);
        assertEquals(-1, back.elems.get(0).offset.value);
        assertEquals(Kind.REF_FUNC, back.elems.get(0).items[0].kind);
        assertEquals(Kind.REF_NULL, back.elems.get(0).items[1].kind);
        assertNull(back.elems.get(1).offset);
        assertEquals(SegmentMode.DECLARATIVE, back.elems.get(1).mode);
        assertArrayEquals(new byte[] {1, 2, 3}, back.datas.get(0).bytes);
        assertEquals(SegmentMode.PASSIVE, back.datas.get(1).mode);
        assertEquals(1, back.startFunction);
        // derived index spaces
        assertEquals(2, back.functionCount());
        assertEquals(FuncType.fromKey(":"), back.functionType(0));
        assertEquals(FuncType.fromKey("IJ:FD"), back.functionType(1));
        assertEquals(1, back.importedTables);
        assertEquals(2, back.tableCount());
        assertEquals(1, back.memoryCount());
        assertEquals(3, back.globalCount());
    }

    @Test
    void somethingElseIsRejected() {
        byte[] notOurs = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertThrows(IOException.class, () -> ModuleInfoIO.read(new ByteArrayInputStream(notOurs)));
    }
}
