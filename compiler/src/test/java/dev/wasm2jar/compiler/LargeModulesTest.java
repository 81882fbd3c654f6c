package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.emit.MethodSizes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
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
        // f(x): 12000 statements x = x * 31 + k, in groups inside blocks and a loop that runs twice
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[] {WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        WasmBuilder.Code c = new WasmBuilder.Code();
        c.op(0x03, 0x40); // loop
        int statements = 12000;
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
        byte[] wasm = b.build();
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
}
