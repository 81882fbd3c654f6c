package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Instance;
import org.junit.jupiter.api.Test;

/** Instruction sequences the emitter translates as a whole keep the semantics of their parts. */
class PeepholeTest {
    /** (func (param i32) (result i32) local.get 0 i64.extend_i32_u i64.const k i64.add i32.wrap_i64) */
    private static Instance wrappedAdd(long k) {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[] {WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        WasmBuilder.Code c = new WasmBuilder.Code();
        c.localGet(0).op(0xAD).op(0x42).s(k).op(0x7C).op(0xA7).op(0x0B);
        b.exportFunction("f", b.function(t, 0, c));
        return Wasm2Jar.compile(b.build()).load().instantiate();
    }

    @Test
    void wrappedAddOfAZeroExtendedI32IsA32BitAdd() {
        long[] ks = {0, 1, 8, -1, 127, 128, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x1_0000_0005L, Long.MIN_VALUE,
                Long.MAX_VALUE, -0x1_0000_0000L};
        int[] xs = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 12345678, -8};
        for (long k : ks) {
            Instance inst = wrappedAdd(k);
            for (int x : xs) {
                int expected = (int) (Integer.toUnsignedLong(x) + k);
                assertEquals(expected, inst.function("f").call(x)[0], "x=" + x + " k=" + k);
            }
        }
    }
}
