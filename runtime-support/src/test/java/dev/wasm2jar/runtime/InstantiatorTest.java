package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.ConstExpr.Kind;
import dev.wasm2jar.runtime.ModuleInfo.DataDef;
import dev.wasm2jar.runtime.ModuleInfo.ElemDef;
import dev.wasm2jar.runtime.ModuleInfo.ExportDef;
import dev.wasm2jar.runtime.ModuleInfo.FunctionDef;
import dev.wasm2jar.runtime.ModuleInfo.GlobalDef;
import dev.wasm2jar.runtime.ModuleInfo.ImportDef;
import dev.wasm2jar.runtime.ModuleInfo.MemoryDef;
import dev.wasm2jar.runtime.ModuleInfo.SegmentMode;
import dev.wasm2jar.runtime.ModuleInfo.TableDef;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Instantiator} against the hand-written {@link SampleModule}: linking and its errors,
 * fields for imports and definitions, exports, and the order of instantiation (globals,
 * exports, element segments, data segments, start) including what a trapping segment leaves
 * behind (linking.wast).
 */
class InstantiatorTest {
    private static final String OWNER = "dev/wasm2jar/runtime/SampleModule";
    private static final FuncType I32_TO_I32 = FuncType.fromKey("I:I");
    private static final FuncType VOID = FuncType.fromKey(":");
    /** The defined functions of every sample module, after {@code k} imported ones: k, k+1, k+2, k+3. */
    private static final List<FunctionDef> FUNCTIONS = List.of(new FunctionDef(0, OWNER, "twice", "twice"),
            new FunctionDef(1, OWNER, "start", "start"), new FunctionDef(1, OWNER, "recurse", "recurse"),
            new FunctionDef(1, OWNER, "trap", "trap"));

    /** A module description under construction. */
    private static final class Module {
        final List<ImportDef> imports = new ArrayList<>();
        final List<MemoryDef> memories = new ArrayList<>();
        final List<TableDef> tables = new ArrayList<>();
        final List<GlobalDef> globals = new ArrayList<>();
        final List<ExportDef> exports = new ArrayList<>();
        final List<ElemDef> elems = new ArrayList<>();
        final List<DataDef> datas = new ArrayList<>();
        int start = -1;

        ModuleInfo info() {
            return new ModuleInfo(OWNER, List.of(I32_TO_I32, VOID), imports, FUNCTIONS, memories, tables, globals, exports,
                    elems, datas, start);
        }

        SampleModule instantiate(Imports with) {
            return instantiate(with, Memory.IMPL_MAX_PAGES);
        }

        SampleModule instantiate(Imports with, int maxPages) {
            return (SampleModule) Instantiator.instantiate(SampleModule.class, info(), with, maxPages);
        }
    }

    private static ConstExpr i32(int v) {
        return new ConstExpr(Kind.I32_CONST, v);
    }

    private static ConstExpr refFunc(int f) {
        return new ConstExpr(Kind.REF_FUNC, f);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ImportDef importFunction(String name) {
        return new ImportDef("env", name, ModuleInfo.Kind.FUNCTION, 0, null, false, 0, -1);
    }

    private static ImportDef importMemory(long min, long max) {
        return new ImportDef("env", "mem", ModuleInfo.Kind.MEMORY, -1, null, false, min, max);
    }

    private static ImportDef importTable(ValType type, long min, long max) {
        return new ImportDef("env", "tab", ModuleInfo.Kind.TABLE, -1, type, false, min, max);
    }

    private static ImportDef importGlobal(ValType type, boolean mutable) {
        return new ImportDef("env", "glob", ModuleInfo.Kind.GLOBAL, -1, type, mutable, 0, -1);
    }

    private static FuncRef hostTwice() {
        return new HostInstance().wrap(new HostFunction("env", "f", I32_TO_I32,
                MethodHandles.dropArguments(MethodHandles.constant(int.class, 99), 0, int.class)));
    }

    @Nested
    class Definitions {
        /** One imported global (42), a plain and a boxed global, segments of every mode, and a start function. */
        private SampleModule instantiateFull() {
            Module mod = new Module();
            mod.imports.add(importGlobal(ValType.I32, false));
            mod.memories.add(new MemoryDef(1, -1));
            mod.tables.add(new TableDef(ValType.FUNCREF, 4, -1));
            mod.globals.add(new GlobalDef(ValType.I32, true, new ConstExpr(Kind.GLOBAL_GET, 0), false));
            mod.globals.add(new GlobalDef(ValType.I64, true, new ConstExpr(Kind.I64_CONST, 5), true));
            mod.exports.add(new ExportDef("twice", ModuleInfo.Kind.FUNCTION, 0));
            mod.exports.add(new ExportDef("mem", ModuleInfo.Kind.MEMORY, 0));
            mod.exports.add(new ExportDef("tab", ModuleInfo.Kind.TABLE, 0));
            mod.exports.add(new ExportDef("g", ModuleInfo.Kind.GLOBAL, 2));
            mod.elems.add(new ElemDef(SegmentMode.ACTIVE, 0, i32(1), ValType.FUNCREF, new ConstExpr[] {refFunc(0)}));
            mod.elems.add(new ElemDef(SegmentMode.PASSIVE, -1, null, ValType.FUNCREF,
                    new ConstExpr[] {new ConstExpr(Kind.REF_NULL, 0), refFunc(0)}));
            mod.elems.add(new ElemDef(SegmentMode.DECLARATIVE, -1, null, ValType.FUNCREF, new ConstExpr[] {refFunc(0)}));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(0), ascii("hi")));
            mod.datas.add(new DataDef(SegmentMode.PASSIVE, -1, null, ascii("xyz")));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, new ConstExpr(Kind.GLOBAL_GET, 0), ascii("!")));
            mod.start = 1;
            return mod.instantiate(new Imports().add("env", "glob", Global.ofI32(42, false)));
        }

        @Test
        void globalsAreInitializedInOrderFromImports() {
            SampleModule inst = instantiateFull();
            assertEquals(42, inst.g0.getI32());
            assertEquals(42, inst.g1); // plain field
            assertEquals(ValType.I64, inst.g2.type());
            assertEquals(5L, inst.g2.getI64());
            assertTrue(inst.g2.isMutable());
        }

        @Test
        void exportsAreTheFieldsObjects() {
            SampleModule inst = instantiateFull();
            assertSame(inst.m0, inst.memory("mem"));
            assertSame(inst.t0, inst.table("tab"));
            assertSame(inst.g2, inst.global("g"));
            assertSame(inst.funcRef(0), inst.export("twice"));
            assertArrayEquals(new Object[] {42}, inst.function("twice").call(21));
            assertEquals(List.of("twice", "mem", "tab", "g"), new ArrayList<>(inst.exports().keySet()));
            assertThrows(IllegalArgumentException.class, () -> inst.export("nope"));
            assertThrows(IllegalArgumentException.class, () -> inst.function("mem"));
            assertThrows(IllegalArgumentException.class, () -> inst.memory("twice"));
            assertThrows(UnsupportedOperationException.class, () -> inst.exports().clear());
        }

        @Test
        void functionReferencesAreCreatedOnceAndCallTheStaticMethod() throws Throwable {
            SampleModule inst = instantiateFull();
            FuncRef f = Instance.refFunc(0, inst);
            assertSame(f, inst.funcRef(0));
            assertSame(inst, f.owner);
            assertEquals("twice", f.name);
            assertSame(I32_TO_I32.key(), f.typeKey);
            assertEquals(14, (int) f.handle().invokeExact(7)); // the instance is bound
        }

        @Test
        void segmentsAreAppliedBeforeTheStartFunctionAndActiveOnesDropped() {
            SampleModule inst = instantiateFull();
            assertEquals(1, inst.startCalls);
            assertEquals('h', inst.startSawByte);
            assertSame(inst.funcRef(0), inst.startSawElement);
            assertSame(inst.funcRef(0), inst.t0.get(1));
            assertNull(inst.t0.get(0));
            assertEquals('!', Memory.i32Load8U(42, 0, inst.m0)); // offset from the imported global
            // active and declarative segments are dropped once applied; passive ones stay
            assertNull(inst.elemSegments[0]);
            assertArrayEquals(new Object[] {null, inst.funcRef(0)}, inst.elemSegments[1]);
            assertNull(inst.elemSegments[2]);
            assertNull(inst.dataSegments[0]);
            assertArrayEquals(ascii("xyz"), inst.dataSegments[1]);
            assertNull(inst.dataSegments[2]);
        }

        @Test
        void returnAreaHasTheSizeTheClassAsksFor() {
            SampleModule inst = instantiateFull();
            assertEquals(2, inst.mvBits.length);
            assertEquals(2, inst.mvRefs.length);
        }

        @Test
        void theEmbeddersMemoryCapApplies() {
            Module mod = new Module();
            mod.memories.add(new MemoryDef(1, -1));
            SampleModule inst = mod.instantiate(new Imports(), 2);
            assertEquals(1, inst.m0.grow(1));
            assertEquals(-1, inst.m0.grow(1));
        }
    }

    @Nested
    class Imported {
        @Test
        void importsLandInTheirFields() {
            FuncRef f = hostTwice();
            Memory mem = new Memory(1, 2);
            Table tab = new Table(ValType.FUNCREF, 4, 8);
            Global glob = Global.ofI32(7, true);
            Module mod = new Module();
            mod.imports.add(importFunction("f"));
            mod.imports.add(importMemory(1, 2));
            mod.imports.add(importTable(ValType.FUNCREF, 4, -1));
            mod.imports.add(importGlobal(ValType.I32, true));
            mod.exports.add(new ExportDef("f", ModuleInfo.Kind.FUNCTION, 0));
            mod.elems.add(new ElemDef(SegmentMode.ACTIVE, 0, i32(2), ValType.FUNCREF, new ConstExpr[] {refFunc(0), refFunc(1)}));
            SampleModule inst = mod.instantiate(new Imports().add("env", "f", f).add("env", "mem", mem)
                    .add("env", "tab", tab).add("env", "glob", glob));
            assertSame(f, inst.f0);
            assertSame(mem, inst.m0);
            assertSame(tab, inst.t0);
            assertSame(glob, inst.g0);
            assertSame(f, inst.export("f")); // a re-exported import is the same reference
            assertSame(f, tab.get(2));
            assertSame(inst.funcRef(1), tab.get(3));
            assertEquals("twice", ((FuncRef) tab.get(3)).name);
        }

        @Test
        void missingImportIsUnknown() {
            Module mod = new Module();
            mod.imports.add(importFunction("f"));
            LinkException e = assertThrows(LinkException.class, () -> mod.instantiate(new Imports()));
            assertEquals("unknown import: env.f", e.getMessage());
            LinkException other = assertThrows(LinkException.class,
                    () -> mod.instantiate(new Imports().add("other", "f", hostTwice())));
            assertEquals("unknown import: env.f", other.getMessage());
        }

        @Test
        void wrongKindOrSignatureIsIncompatible() {
            Module mod = new Module();
            mod.imports.add(importFunction("f"));
            assertIncompatible(mod, new Imports().add("env", "f", new Memory(1, -1)));
            FuncRef voidFn = new HostInstance().wrap(new HostFunction("env", "f", VOID, MethodHandles.empty(VOID.methodType())));
            assertIncompatible(mod, new Imports().add("env", "f", voidFn));
        }

        @Test
        void memoryLimitsFollowImportSubtyping() {
            assertLinks(importMemory(1, -1), new Memory(3, 5));
            assertLinks(importMemory(1, 2), new Memory(2, 2));
            assertLinks(importMemory(0, 2), new Memory(0, 1));
            assertIncompatible(importMemory(2, -1), new Memory(1, -1)); // too small
            assertIncompatible(importMemory(1, 2), new Memory(1, -1)); // no maximum, one is wanted
            assertIncompatible(importMemory(1, 2), new Memory(1, 3)); // maximum too large
            Memory grown = new Memory(1, -1);
            grown.grow(1);
            assertLinks(importMemory(2, -1), grown); // the current size counts
            assertIncompatible(importMemory(1, -1), new Table(ValType.FUNCREF, 1, -1));
        }

        @Test
        void tableTypeAndLimitsFollowImportSubtyping() {
            assertLinks(importTable(ValType.FUNCREF, 2, -1), new Table(ValType.FUNCREF, 3, -1));
            assertLinks(importTable(ValType.EXTERNREF, 2, 4), new Table(ValType.EXTERNREF, 2, 4));
            assertIncompatible(importTable(ValType.FUNCREF, 2, -1), new Table(ValType.EXTERNREF, 3, -1));
            assertIncompatible(importTable(ValType.FUNCREF, 4, -1), new Table(ValType.FUNCREF, 3, -1));
            assertIncompatible(importTable(ValType.FUNCREF, 2, 4), new Table(ValType.FUNCREF, 2, -1));
            assertIncompatible(importTable(ValType.FUNCREF, 2, 4), new Table(ValType.FUNCREF, 2, 5));
        }

        @Test
        void globalTypeAndMutabilityMustMatchExactly() {
            assertLinks(importGlobal(ValType.I32, false), Global.ofI32(1, false));
            assertLinks(importGlobal(ValType.I32, true), Global.ofI32(1, true));
            assertIncompatible(importGlobal(ValType.I32, false), Global.ofI32(1, true));
            assertIncompatible(importGlobal(ValType.I32, true), Global.ofI32(1, false));
            assertIncompatible(importGlobal(ValType.I64, false), Global.ofI32(1, false));
            assertIncompatible(importGlobal(ValType.F32, false), Global.ofF64(1, false));
        }

        private void assertLinks(ImportDef d, Object value) {
            Module mod = new Module();
            mod.imports.add(d);
            assertNotNull(mod.instantiate(new Imports().add(d.module, d.name, value)));
        }

        private void assertIncompatible(ImportDef d, Object value) {
            Module mod = new Module();
            mod.imports.add(d);
            assertIncompatible(mod, new Imports().add(d.module, d.name, value));
        }

        private void assertIncompatible(Module mod, Imports imports) {
            LinkException e = assertThrows(LinkException.class, () -> mod.instantiate(imports));
            assertTrue(e.getMessage().startsWith("incompatible import type: env."), e.getMessage());
        }
    }

    @Nested
    class TrapsDuringInstantiation {
        @Test
        void anElementSegmentOutOfBoundsStopsBeforeDataAndStart() {
            Memory mem = new Memory(1, -1);
            Table tab = new Table(ValType.FUNCREF, 4, -1);
            Module mod = new Module();
            mod.imports.add(importMemory(1, -1));
            mod.imports.add(importTable(ValType.FUNCREF, 4, -1));
            mod.elems.add(new ElemDef(SegmentMode.ACTIVE, 0, i32(0), ValType.FUNCREF, new ConstExpr[] {refFunc(0)}));
            mod.elems.add(new ElemDef(SegmentMode.ACTIVE, 0, i32(3), ValType.FUNCREF,
                    new ConstExpr[] {refFunc(0), refFunc(0)})); // 3 + 2 > 4
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(0), ascii("hello")));
            mod.start = 3; // trap: had it run, the trap would be "unreachable"
            assertTrap("out of bounds table access", () -> mod.instantiate(new Imports().add("env", "mem", mem)
                    .add("env", "tab", tab)));
            assertNotNull(tab.get(0), "the segment before the failing one stays applied");
            assertNull(tab.get(3), "the failing segment writes nothing");
            assertEquals(0, Memory.i32Load8U(0, 0, mem), "data segments come after element segments");
        }

        @Test
        void aDataSegmentOutOfBoundsLeavesEarlierOnesWritten() {
            Memory mem = new Memory(1, -1);
            Module mod = new Module();
            mod.imports.add(importMemory(1, -1));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(0), ascii("a")));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(Memory.PAGE_SIZE - 1), ascii("bc")));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(1), ascii("d")));
            mod.start = 3;
            assertTrap("out of bounds memory access", () -> mod.instantiate(new Imports().add("env", "mem", mem)));
            assertEquals('a', Memory.i32Load8U(0, 0, mem));
            assertEquals(0, Memory.i32Load8U(Memory.PAGE_SIZE - 1, 0, mem));
            assertEquals(0, Memory.i32Load8U(1, 0, mem));
        }

        @Test
        void aSegmentAtANegativeOffsetIsOutOfBoundsNotNegative() {
            Module mod = new Module();
            mod.memories.add(new MemoryDef(1, -1));
            mod.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(-1), ascii("x")));
            assertTrap("out of bounds memory access", () -> mod.instantiate(new Imports()));
            Module empty = new Module();
            empty.memories.add(new MemoryDef(0, -1));
            empty.datas.add(new DataDef(SegmentMode.ACTIVE, 0, i32(0), new byte[0]));
            assertNotNull(empty.instantiate(new Imports())); // an empty segment at the end fits
        }

        @Test
        void aTrapInTheStartFunctionFailsInstantiation() {
            Module mod = new Module();
            mod.start = 3;
            assertTrap("unreachable", () -> mod.instantiate(new Imports()));
        }

        @Test
        void unboundedRecursionInTheStartFunctionIsCallStackExhausted() {
            Module mod = new Module();
            mod.start = 2;
            Trap t = assertTrap("call stack exhausted", () -> mod.instantiate(new Imports()));
            assertTrue(t.getCause() instanceof StackOverflowError);
        }
    }
}
