package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.emit.MethodSizes;
import dev.wasm2jar.compiler.emit.ModuleEmitter;
import dev.wasm2jar.compiler.lower.ModuleLowering;
import dev.wasm2jar.compiler.lower.SplitPlan;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.compiler.validate.ModuleValidator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.ModuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Modules beyond what one JVM method or class can hold: a function several times the 64 KB
 * method limit, and more functions than one class takes.
 */
class LargeModulesTest {
    /** HotSpot's limit for JIT compilation, {@code -XX:+DontCompileHugeMethods}. */
    private static final int HUGE_METHOD = 8000;

    @Test
    void functionSeveralTimesTheMethodLimitIsSplitIntoJitSizedMethods() {
        int statements = 12000;
        byte[] wasm = statementsModule(statements);
        assertTrue(wasm.length > 100_000, "module body " + wasm.length);

        CompiledModule cm = Wasm2Jar.compile(wasm);
        Map.Entry<String, Integer> largest = MethodSizes.largest(cm.classes());
        assertTrue(largest.getValue() <= HUGE_METHOD, "largest generated method: " + largest);
        Instance inst = cm.load().instantiate();
        int x = 7;
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < statements; k++) {
                x = x * 31 + k;
            }
        }
        assertArrayEquals(new Object[] {x}, inst.function("f").call(7));
    }

    /**
     * A function whose methods come out too large is planned again: first cut into pieces of
     * {@code PIECE_BUDGET}, then with one budget as if pieces were not smaller (6000 first, then
     * ×2/3 each time), down to the smallest budget, and then rejected naming the function.
     */
    @Test
    void aFunctionPlannedAgainGoesBackToOneBudgetAfterSmallerPieces() {
        byte[] wasm = statementsModule(12000);
        ParsedModule parsed = ModuleParser.parse(wasm);
        ModuleValidator.validate(parsed);
        ModuleInfo info = ModuleLowering.lower(parsed, "wasm2jar/test/Module");
        List<String> tries = new ArrayList<>();
        // a planner that never cuts: every try yields a method far above the JIT's limit
        CompileException e = assertThrows(CompileException.class, () -> ModuleEmitter.emit(parsed, info,
                (f, budget, pieces) -> {
                    tries.add(budget + "/" + pieces);
                    return SplitPlan.NONE;
                }, Wasm2Jar.DEFAULT_METHOD_BUDGET));
        assertEquals(List.of("6000/3000", "6000/6000", "4000/4000", "2666/2666", "1777/1777", "1184/1184",
                "789/789", "526/526", "500/500"), tries);
        assertTrue(e.getMessage().contains("function 0") && e.getMessage().contains("however it is cut"),
                e.getMessage());
    }

    /** f(x): {@code statements} statements x = x * 31 + k, in groups inside blocks and a loop that runs twice. */
    private static byte[] statementsModule(int statements) {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[] {WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        WasmBuilder.Code c = new WasmBuilder.Code();
        c.op(0x03, 0x40); // loop
        for (int k = 0; k < statements; k++) {
            if (k % 500 == 0) {
                c.op(0x02, 0x40); // block
            }
            c.localGet(0).i32Const(31).op(0x6C).i32Const(k).op(0x6A).localSet(0);
            if (k % 500 == 499) {
                c.op(0x0B);
            }
        }
        // counter in local 1: run the loop body twice
        c.localGet(1).i32Const(1).op(0x6A).localSet(1);
        c.localGet(1).i32Const(2).op(0x48).op(0x0D).u(0); // i32.lt_s; br_if 0 (the loop)
        c.op(0x0B); // end loop
        c.localGet(0).op(0x0B); // end function
        int f = b.function(t, 1, c);
        b.exportFunction("f", f);
        return b.build();
    }

    @Test
    void moreFunctionsThanOneClassHolds() {
        // f_i(x) = f_{i+1}(x + 1); the last returns x; all in a table for call_indirect too
        int n = 2500;
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[] {WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        for (int i = 0; i < n; i++) {
            WasmBuilder.Code c = new WasmBuilder.Code();
            if (i < n - 1) {
                c.localGet(0).i32Const(1).op(0x6A).call(i + 1);
            } else {
                c.localGet(0);
            }
            c.op(0x0B);
            b.function(t, 0, c);
        }
        // indirect(x, i): table[i](x)
        int t2 = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        int ind = b.function(t2, 0, new WasmBuilder.Code().localGet(0).localGet(1).op(0x11).u(t).u(0).op(0x0B));
        b.table(n);
        b.exportFunction("f0", 0);
        b.exportFunction("indirect", ind);
        CompiledModule cm = Wasm2Jar.compile(b.build());
        assertTrue(cm.classes().size() >= 3, "classes: " + cm.classes().keySet());
        Instance inst = cm.load().instantiate();
        assertArrayEquals(new Object[] {n - 1}, inst.function("f0").call(0));
        assertArrayEquals(new Object[] {10 + (n - 1 - 1500)}, inst.function("indirect").call(10, 1500));
    }

    private static WasmBuilder.Code f32Const(WasmBuilder.Code c, float v) {
        int bits = Float.floatToRawIntBits(v);
        return c.op(0x43, bits & 0xFF, (bits >>> 8) & 0xFF, (bits >>> 16) & 0xFF, bits >>> 24);
    }

    private static WasmBuilder.Code f64Const(WasmBuilder.Code c, double v) {
        long bits = Double.doubleToRawLongBits(v);
        c.op(0x44);
        for (int k = 0; k < 8; k++) {
            c.op((int) (bits >>> (8 * k)) & 0xFF);
        }
        return c;
    }

    @Test
    void functionWithMoreDistinctConstantsThanAClassHoldsBuildsThem() {
        // one function folding 70,000 distinct i32 constants above 16 bits (one class file holds
        // 65,535 constants), plus i64, f32 and f64 constants, into one i64
        int ints = 70_000;
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[0], new int[] {WasmBuilder.I64});
        WasmBuilder.Code c = new WasmBuilder.Code();
        int i32 = 0;
        for (int k = 0; k < ints; k++) { // statements: local 0 ^= v
            int v = 100_000 + 7 * k;
            c.localGet(0).i32Const(k % 2 == 0 ? v : -v).op(0x73).localSet(0); // i32.xor
            i32 ^= k % 2 == 0 ? v : -v;
        }
        // one expression from here on: it is not cut, so it stays small
        c.localGet(0);
        float f = 0;
        f32Const(c, 0f);
        for (int k = 0; k < 60; k++) {
            float v = k + 0.1f;
            f32Const(c, v).op(0x92); // f32.add
            f += v;
        }
        c.op(0xBC, 0x73); // i32.reinterpret_f32, i32.xor
        i32 ^= Float.floatToRawIntBits(f);
        c.op(0xAD); // i64.extend_i32_u
        long i64 = Integer.toUnsignedLong(i32);
        for (int k = 0; k < 60; k++) {
            long v = 0x1_0000_0000L * k + 12_345_678_901L + (k % 3 == 0 ? Long.MIN_VALUE : 0);
            c.op(0x42).s(v).op(0x7C); // i64.const, i64.add
            i64 += v;
        }
        double d = 0;
        f64Const(c, 0d);
        for (int k = 0; k < 60; k++) {
            double v = k * 1e300 / 7 + 0.3;
            f64Const(c, v).op(0xA0); // f64.add
            d += v;
        }
        c.op(0xBD, 0x85, 0x0B); // i64.reinterpret_f64, i64.xor, end
        i64 ^= Double.doubleToRawLongBits(d);
        b.exportFunction("f", b.function(t, 1, c));

        CompiledModule cm = Wasm2Jar.compile(b.build());
        assertArrayEquals(new Object[] {i64}, cm.load().instantiate().function("f").call());
        Map.Entry<String, Integer> largest = MethodSizes.largest(cm.classes());
        assertTrue(largest.getValue() <= HUGE_METHOD, largest.toString());
    }
}
