package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

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

    /** wasm opcodes of lt_u, gt_u, le_u, ge_u: i32 then i64. */
    private static final int[] I32_UNSIGNED = {0x49, 0x4B, 0x4D, 0x4F};
    private static final int[] I64_UNSIGNED = {0x54, 0x56, 0x58, 0x5A};

    /**
     * One function per comparison and width, in two shapes: the comparison's value returned
     * ("v"), and the comparison deciding a {@code br_if} ("b": 1 when the branch is taken, else 0).
     */
    private static CompiledModule unsignedComparisons() {
        WasmBuilder b = new WasmBuilder();
        int t32 = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        int t64 = b.type(new int[] {WasmBuilder.I64, WasmBuilder.I64}, new int[] {WasmBuilder.I32});
        for (int k = 0; k < 4; k++) {
            for (int w = 0; w < 2; w++) {
                int type = w == 0 ? t32 : t64;
                int op = w == 0 ? I32_UNSIGNED[k] : I64_UNSIGNED[k];
                WasmBuilder.Code value = new WasmBuilder.Code().localGet(0).localGet(1).op(op, 0x0B);
                b.exportFunction("v" + w + k, b.function(type, 0, value));
                // (block (result i32) (br_if 0 (i32.const 1) (cmp a b)) drop (i32.const 0))
                WasmBuilder.Code branch = new WasmBuilder.Code().op(0x02, 0x7F).i32Const(1)
                        .localGet(0).localGet(1).op(op, 0x0D, 0x00, 0x1A).i32Const(0).op(0x0B, 0x0B);
                b.exportFunction("b" + w + k, b.function(type, 0, branch));
            }
        }
        return Wasm2Jar.compile(b.build());
    }

    private static boolean expected(int k, int cmp) {
        switch (k) {
            case 0: return cmp < 0;
            case 1: return cmp > 0;
            case 2: return cmp <= 0;
            default: return cmp >= 0;
        }
    }

    @Test
    void unsignedComparisonsAgreeWithTheJdkWithoutCallingIt() {
        CompiledModule cm = unsignedComparisons();
        Instance inst = cm.load().instantiate();
        int[] ints = {0, 1, 2, -1, -2, 0x7FFFFFFF, 0x80000000, 0x80000001, 12345};
        long[] longs = {0, 1, 2, -1, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0xFFFFFFFFL, 0x1_0000_0000L};
        for (int k = 0; k < 4; k++) {
            for (String shape : new String[] {"v", "b"}) {
                for (int x : ints) {
                    for (int y : ints) {
                        int want = expected(k, Integer.compareUnsigned(x, y)) ? 1 : 0;
                        assertEquals(want, inst.function(shape + 0 + k).call(x, y)[0], shape + "0" + k + " " + x + " " + y);
                    }
                }
                for (long x : longs) {
                    for (long y : longs) {
                        int want = expected(k, Long.compareUnsigned(x, y)) ? 1 : 0;
                        assertEquals(want, inst.function(shape + 1 + k).call(x, y)[0], shape + "1" + k + " " + x + " " + y);
                    }
                }
            }
        }
        // Flipping both sign bits inline: no call whose profile and trap counts C2 would share
        // with the rest of the JVM (DESIGN.md decision 29).
        List<String> calls = new ArrayList<>();
        int methods = 0;
        for (byte[] bytes : cm.classes().values()) {
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, ClassReader.SKIP_FRAMES);
            for (MethodNode mn : cn.methods) {
                if (mn.desc.endsWith("Module;)I")) {
                    methods++;
                    for (AbstractInsnNode insn : mn.instructions) {
                        if (insn instanceof MethodInsnNode) {
                            calls.add(mn.name + " calls " + ((MethodInsnNode) insn).name);
                        }
                    }
                }
            }
        }
        assertEquals(16, methods, "the compiled functions");
        assertTrue(calls.isEmpty(), calls.toString());
    }
}
