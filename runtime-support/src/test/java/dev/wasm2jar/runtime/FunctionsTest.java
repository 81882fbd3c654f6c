package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.F32_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Signatures and function references: {@link FuncType} keys and JVM types, {@link FuncRef},
 * {@link HostFunction}, and calls from Java through {@link ExportedFunction} (boxing, the
 * multi-value return area, "call stack exhausted").
 */
class FunctionsTest {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final ValType F32 = ValType.F32;
    private static final ValType F64 = ValType.F64;

    private static FuncType type(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }

    private static MethodHandle handle(String name, FuncType t) throws ReflectiveOperationException {
        return MethodHandles.lookup().findStatic(FunctionsTest.class, name, t.methodType());
    }

    @Nested
    class Signatures {
        @Test
        void keyListsParameterAndResultCodes() {
            FuncType t = type(new ValType[] {I32, I64, F32, F64, ValType.FUNCREF, ValType.EXTERNREF}, I32, F64);
            assertEquals("IJFDRX:ID", t.key());
            assertEquals(":", type(new ValType[0]).key());
            assertEquals(t, FuncType.fromKey("IJFDRX:ID"));
            assertEquals(6, FuncType.fromKey(t.key()).paramCount());
            assertEquals(2, FuncType.fromKey(t.key()).resultCount());
        }

        @Test
        void keysAreInternedSoCallIndirectCanCompareReferences() {
            String a = type(new ValType[] {I32}, I64).key();
            String b = FuncType.fromKey(new String("I:J".toCharArray())).key();
            assertSame(a, b);
        }

        @Test
        void equalityIsStructural() {
            assertEquals(type(new ValType[] {I32}, I32), type(new ValType[] {I32}, I32));
            assertEquals(type(new ValType[] {I32}, I32).hashCode(), type(new ValType[] {I32}, I32).hashCode());
            assertNotEquals(type(new ValType[] {I32}, I32), type(new ValType[] {I32}, I64));
            assertNotEquals(type(new ValType[] {I32}), type(new ValType[0], I32)); // params vs results
        }

        @Test
        void jvmTypeReturnsOnlyTheFirstResult() {
            FuncType t = type(new ValType[] {I32, I64, F32, F64, ValType.FUNCREF, ValType.EXTERNREF}, F32, I64);
            assertEquals(MethodType.methodType(float.class, int.class, long.class, float.class, double.class,
                    FuncRef.class, Object.class), t.methodType());
            assertEquals("(IJFDLdev/wasm2jar/runtime/FuncRef;Ljava/lang/Object;)F", t.descriptor());
            assertEquals("()V", type(new ValType[0]).descriptor());
        }

        @Test
        void valueTypes() {
            assertEquals(2, I64.slots());
            assertEquals(2, F64.slots());
            assertEquals(1, I32.slots());
            assertEquals(1, ValType.EXTERNREF.slots());
            assertEquals("Ljava/lang/Object;", ValType.EXTERNREF.descriptor());
            assertEquals(ValType.FUNCREF, ValType.fromCode('R'));
            assertEquals("externref", ValType.EXTERNREF.toString());
            assertThrows(IllegalArgumentException.class, () -> ValType.fromCode('V'));
        }

        @Test
        void paramsAndResultsAreCopies() {
            ValType[] p = {I32};
            FuncType t = new FuncType(p, new ValType[0]);
            p[0] = I64;
            assertEquals(I32, t.param(0));
            t.params()[0] = F64;
            assertEquals(I32, t.param(0));
        }
    }

    @Nested
    class References {
        @Test
        void handleMustHaveExactlyTheSignaturesType() {
            FuncType t = type(new ValType[] {I32}, I32);
            MethodHandle wrong = MethodHandles.empty(MethodType.methodType(long.class, int.class));
            assertThrows(IllegalArgumentException.class, () -> new FuncRef(t, wrong, new HostInstance(), "f"));
            assertThrows(IllegalArgumentException.class, () -> new HostFunction("env", "f", t, wrong));
            FuncRef ok = new FuncRef(t, MethodHandles.empty(t.methodType()), new HostInstance(), "f");
            assertSame(t.key(), ok.typeKey);
        }

        @Test
        void importsWrapHostFunctionsOwnedByTheirHostInstance() throws Throwable {
            FuncType t = type(new ValType[] {I32, I32}, I32);
            Imports imports = new Imports().add(new HostFunction("env", "add", t, handle("add", t)));
            Object linked = imports.lookup("env", "add");
            FuncRef f = assertInstanceOf(FuncRef.class, linked);
            assertSame(imports.hostInstance(), f.owner);
            assertEquals("env.add", f.name);
            assertEquals(5, (int) f.handle().invokeExact(2, 3));
            assertThrows(IllegalArgumentException.class, () -> imports.add("env", "x", "not importable"));
        }
    }

    @Nested
    class CallsFromJava {
        @Test
        void argumentsAndResultsAreBoxed() throws Exception {
            FuncType t = type(new ValType[] {I32, I32}, I32);
            ExportedFunction f = new ExportedFunction(new FuncRef(t, handle("add", t), new HostInstance(), "add"));
            assertArrayEquals(new Object[] {5}, f.call(2, 3));
            assertSame(t, f.type());
            assertThrows(IllegalArgumentException.class, () -> f.call(1));
        }

        @Test
        void resultsAfterTheFirstComeFromTheOwnersReturnArea() throws Exception {
            FuncType t = type(new ValType[] {I32}, I32, I64, F32, F64, ValType.EXTERNREF);
            Imports imports = new Imports();
            // a host function with several results writes results 2..n to its owner before returning
            MethodHandle multi = MethodHandles.lookup().findStatic(FunctionsTest.class, "multi",
                    t.methodType().insertParameterTypes(0, HostInstance.class));
            imports.add(new HostFunction("env", "multi", t, MethodHandles.insertArguments(multi, 0, imports.hostInstance())));
            FuncRef ref = (FuncRef) imports.lookup("env", "multi");
            Object[] r = new ExportedFunction(ref).call(7);
            assertEquals(5, r.length);
            assertEquals(7, r[0]);
            assertEquals(-8L, r[1]);
            assertF32Bits(F32_SNAN, (Float) r[2]);
            assertEquals(0.25, r[3]);
            assertEquals("ref 7", r[4]);
            assertEquals(-8L, imports.hostInstance().mvBits[0]);
        }

        @Test
        void stackOverflowBecomesCallStackExhausted() throws Exception {
            FuncType t = type(new ValType[] {I32}, I32);
            ExportedFunction f = new ExportedFunction(new FuncRef(t, handle("recurse", t), new HostInstance(), "recurse"));
            Trap trap = assertTrap("call stack exhausted", () -> f.call(0));
            assertInstanceOf(StackOverflowError.class, trap.getCause());
        }

        @Test
        void trapsPassThroughAndCheckedExceptionsAreWrapped() throws Exception {
            FuncType t = type(new ValType[] {I32}, I32);
            ExportedFunction traps = new ExportedFunction(new FuncRef(t, handle("trap", t), new HostInstance(), "trap"));
            assertTrap("integer divide by zero", () -> traps.call(1));
            ExportedFunction throwsChecked =
                    new ExportedFunction(new FuncRef(t, handle("checked", t), new HostInstance(), "checked"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> throwsChecked.call(1));
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    // ---- functions the tests call through method handles ----

    static int add(int a, int b) {
        return a + b;
    }

    /** (i32) → (i32, i64, f32, f64, externref), as a multi-result host function writes them. */
    static int multi(HostInstance owner, int x) {
        owner.setResult(1, -8L);
        owner.setResult(2, F32_SNAN);
        owner.setResult(3, Double.doubleToRawLongBits(0.25));
        owner.setRefResult(4, "ref " + x);
        return x;
    }

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    static int trap(int x) {
        return WasmMath.i32DivS(x, 0);
    }

    static int checked(int x) throws IOException {
        throw new IOException("host failure " + x);
    }
}
