package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Trap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Unsigned i32 comparisons emitted as signed ones where a memory access proves an operand
 * small and non-negative (emit/IndexRanges, DESIGN.md decision 31): the results are the
 * unsigned ones for every operand, the signed form is really used where the facts allow it, and
 * facts do not leak past the points where control merges or the local changes.
 */
class IndexRangesTest {
    private static final int I32 = WasmBuilder.I32;
    /** wasm opcodes of i32 lt_u, gt_u, le_u, ge_u. */
    private static final int[] UNSIGNED = {0x49, 0x4B, 0x4D, 0x4F};
    private static final int LOAD8_U = 0x2D;
    private static final int[] VALUES = {0, 1, 2, 3, 4, 100, 65535, 65536, 65539, -1, -2, 0x7FFFFFFE, 0x7FFFFFFF,
        0x80000000, 0x80000001, 0x7FFF0000};

    private static final class Module {
        final Instance instance;
        final Map<String, MethodNode> methods = new HashMap<>();

        Module(WasmBuilder b) {
            CompiledModule cm = Wasm2Jar.compile(b.build());
            for (byte[] bytes : cm.classes().values()) {
                ClassNode cn = new ClassNode();
                new ClassReader(bytes).accept(cn, ClassReader.SKIP_FRAMES);
                for (MethodNode mn : cn.methods) {
                    methods.put(mn.name, mn);
                }
            }
            instance = cm.load().instantiate();
        }

        int call(String f, int... args) {
            Object[] boxed = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                boxed[i] = args[i];
            }
            return (int) instance.function(f).call(boxed)[0];
        }
    }

    private static boolean holds(int k, int cmp) {
        switch (k) {
            case 0: return cmp < 0;
            case 1: return cmp > 0;
            case 2: return cmp <= 0;
            default: return cmp >= 0;
        }
    }

    /** Whether a method flips sign bits (the general unsigned form) or clamps (the signed one). */
    private static boolean loads(MethodNode mn, int constant) {
        for (AbstractInsnNode insn : mn.instructions) {
            if (insn instanceof LdcInsnNode && Integer.valueOf(constant).equals(((LdcInsnNode) insn).cst)) {
                return true;
            }
        }
        return false;
    }

    /**
     * (func (param $p $e) (result i32): (drop (i32.load8_u (local.get $p))), $p += k, then the
     * comparison of $p and $e (or $e and $p), as a value ("v") and deciding a br_if ("b").
     */
    @Test
    void comparisonsAfterAnAccessAreExactAndSigned() {
        WasmBuilder b = new WasmBuilder();
        b.memory();
        int t = b.type(new int[] {I32, I32}, new int[] {I32});
        int[] ks = {0, 1, 4, 65535};
        for (int k = 0; k < 4; k++) {
            for (int add : ks) {
                for (int swap = 0; swap < 2; swap++) {
                    String name = k + "_" + add + "_" + swap;
                    int first = swap == 0 ? 0 : 1;
                    int second = 1 - first;
                    WasmBuilder.Code prologue = new WasmBuilder.Code()
                            .localGet(0).op(LOAD8_U, 0, 0).op(0x1A)
                            .localGet(0).i32Const(add).op(0x6A).localSet(0);
                    WasmBuilder.Code value = concat(prologue).localGet(first).localGet(second).op(UNSIGNED[k], 0x0B);
                    b.exportFunction("v" + name, b.function(t, 0, value));
                    WasmBuilder.Code branch = concat(prologue).op(0x02, 0x7F).i32Const(1)
                            .localGet(first).localGet(second).op(UNSIGNED[k], 0x0D, 0x00, 0x1A).i32Const(0).op(0x0B, 0x0B);
                    b.exportFunction("b" + name, b.function(t, 0, branch));
                }
            }
        }
        Module m = new Module(b);
        int signed = 0;
        for (MethodNode mn : m.methods.values()) {
            if (mn.desc.startsWith("(II") && mn.desc.endsWith("Module;)I")) {
                assertFalse(loads(mn, Integer.MIN_VALUE), mn.name + " flips sign bits");
                assertTrue(loads(mn, Integer.MAX_VALUE), mn.name + " clamps");
                signed++;
            }
        }
        assertEquals(4 * ks.length * 2 * 2, signed, "compiled functions");
        for (int k = 0; k < 4; k++) {
            for (int add : ks) {
                for (int swap = 0; swap < 2; swap++) {
                    String name = k + "_" + add + "_" + swap;
                    for (int p : new int[] {0, 1, 3, 4, 1000, 65535}) {
                        for (int e : VALUES) {
                            int x = p + add;
                            int want = holds(k, swap == 0 ? Integer.compareUnsigned(x, e) : Integer.compareUnsigned(e, x)) ? 1 : 0;
                            assertEquals(want, m.call("v" + name, p, e), "v" + name + " p=" + p + " e=" + e);
                            assertEquals(want, m.call("b" + name, p, e), "b" + name + " p=" + p + " e=" + e);
                        }
                    }
                }
            }
        }
    }

    /**
     * Against a constant, an unknown operand keeps the flipped form (C2 folds the constant's side;
     * Fib's {@code n <u 2}); a known one against a constant needs neither flip nor clamp.
     */
    @Test
    void constantsAloneDoNotMakeAComparisonSigned() {
        WasmBuilder b = new WasmBuilder();
        b.memory();
        int t = b.type(new int[] {I32}, new int[] {I32});
        for (int k = 0; k < 4; k++) {
            b.exportFunction("c" + k, b.function(t, 0, new WasmBuilder.Code()
                    .localGet(0).i32Const(2).op(UNSIGNED[k], 0x0B)));
            b.exportFunction("a" + k, b.function(t, 0, new WasmBuilder.Code()
                    .localGet(0).op(LOAD8_U, 0, 0).op(0x1A).localGet(0).i32Const(1000).op(UNSIGNED[k], 0x0B)));
        }
        Module m = new Module(b);
        for (int k = 0; k < 4; k++) {
            MethodNode constant = m.methods.get("f" + (2 * k));
            MethodNode known = m.methods.get("f" + (2 * k + 1));
            assertTrue(loads(constant, Integer.MIN_VALUE), "c" + k + " flips sign bits");
            assertFalse(loads(constant, Integer.MAX_VALUE), "c" + k + " clamps");
            assertFalse(loads(known, Integer.MIN_VALUE), "a" + k + " flips sign bits");
            assertFalse(loads(known, Integer.MAX_VALUE), "a" + k + " clamps");
            for (int x : VALUES) {
                assertEquals(holds(k, Integer.compareUnsigned(x, 2)) ? 1 : 0, m.call("c" + k, x), "c" + k + " " + x);
                if (Integer.compareUnsigned(x, 65536) < 0) {
                    assertEquals(holds(k, Integer.compareUnsigned(x, 1000)) ? 1 : 0, m.call("a" + k, x), "a" + k + " " + x);
                }
            }
        }
    }

    private static WasmBuilder.Code concat(WasmBuilder.Code c) {
        WasmBuilder.Code r = new WasmBuilder.Code();
        for (byte x : c.bytes()) {
            r.op(x & 0xFF);
        }
        return r;
    }

    /** Functions (param $p $e $x) (result i32) where a fact about $p must not be used. */
    @Test
    void factsDoNotOutliveTheirValueOrTheirPath() {
        WasmBuilder b = new WasmBuilder();
        b.memory();
        int t = b.type(new int[] {I32, I32, I32}, new int[] {I32});
        int ltU = UNSIGNED[0];
        // the address read before $p changes: local.get $p, local.get $x, local.set $p, load, drop; $p <u $e
        b.exportFunction("changed", b.function(t, 0, new WasmBuilder.Code()
                .localGet(0).localGet(2).localSet(0).op(LOAD8_U, 0, 0).op(0x1A)
                .localGet(0).localGet(1).op(ltU, 0x0B)));
        // the access on one arm of an if only: (if $x (then load $p)) (else ...) then $p <u $e at the end
        b.exportFunction("merged", b.function(t, 0, new WasmBuilder.Code()
                .localGet(2).op(0x04, 0x40).localGet(0).op(LOAD8_U, 0, 0).op(0x1A).op(0x0B)
                .localGet(0).localGet(1).op(ltU, 0x0B)));
        // in the else arm: (if (result i32) $x (then load $p; 7) (else $p <u $e))
        b.exportFunction("otherArm", b.function(t, 0, new WasmBuilder.Code()
                .localGet(2).op(0x04, 0x7F).localGet(0).op(LOAD8_U, 0, 0).op(0x1A).i32Const(7)
                .op(0x05).localGet(0).localGet(1).op(ltU).op(0x0B, 0x0B)));
        // skipped by a branch: (block (br_if 0 $x) load $p) then $p <u $e
        b.exportFunction("skipped", b.function(t, 0, new WasmBuilder.Code()
                .op(0x02, 0x40).localGet(2).op(0x0D, 0x00).localGet(0).op(LOAD8_U, 0, 0).op(0x1A).op(0x0B)
                .localGet(0).localGet(1).op(ltU, 0x0B)));
        // a loop's head: load $p before the loop; in the loop, count, exit when !($p <u $e) or
        // after 3 rounds, then $p = $x; returns the rounds
        b.exportFunction("loopHead", b.function(t, 1, new WasmBuilder.Code()
                .localGet(0).op(LOAD8_U, 0, 0).op(0x1A)
                .op(0x02, 0x40).op(0x03, 0x40)
                .localGet(0).localGet(1).op(0x4F).op(0x0D, 0x01) // br_if $out ($p >=u $e)
                .localGet(3).i32Const(1).op(0x6A).localSet(3)
                .localGet(3).i32Const(3).op(0x4E).op(0x0D, 0x01) // br_if $out (rounds >=s 3)
                .localGet(2).localSet(0).op(0x0C, 0x00) // $p = $x; br $l
                .op(0x0B, 0x0B).localGet(3).op(0x0B)));
        // an offset past any memory: the access always traps, and proves nothing
        b.exportFunction("hugeOffset", b.function(t, 0, new WasmBuilder.Code()
                .localGet(2).op(0x04, 0x40).localGet(0).op(LOAD8_U, 0).u(0xFFFF_0000L).op(0x1A).op(0x0B)
                .localGet(0).localGet(1).op(ltU, 0x0B)));
        Module m = new Module(b);
        for (int e : new int[] {0, 5, 65536, -1, 0x80000000}) {
            for (int x : new int[] {0, 7, -1, -7, 0x80000000, 0x7FFFFFFF}) {
                assertEquals(Integer.compareUnsigned(x, e) < 0 ? 1 : 0, m.call("changed", 0, e, x), "changed e=" + e + " x=" + x);
                for (int p : new int[] {0, 9, -1, -9, 0x80000000}) {
                    int want = Integer.compareUnsigned(p, e) < 0 ? 1 : 0;
                    if (x == 0 || Integer.compareUnsigned(p, 65536) < 0) {
                        assertEquals(want, m.call("merged", p, e, x), "merged p=" + p + " e=" + e + " x=" + x);
                        assertEquals(x != 0 ? 7 : want, m.call("otherArm", p, e, x), "otherArm p=" + p + " e=" + e + " x=" + x);
                    }
                    if (x != 0 || Integer.compareUnsigned(p, 65536) < 0) {
                        assertEquals(want, m.call("skipped", p, e, x), "skipped p=" + p + " e=" + e + " x=" + x);
                    }
                    if (x == 0) {
                        assertEquals(want, m.call("hugeOffset", p, e, x), "hugeOffset p=" + p + " e=" + e);
                    }
                }
                if (Integer.compareUnsigned(0, e) < 0) {
                    int rounds = Integer.compareUnsigned(x, e) < 0 ? 3 : 1;
                    assertEquals(rounds, m.call("loopHead", 0, e, x), "loopHead e=" + e + " x=" + x);
                }
            }
        }
        assertTrue(trapsOutOfBounds(() -> m.call("hugeOffset", 0, 5, 1)));
        // none of them had a fact to use
        String[] names = {"changed", "merged", "otherArm", "skipped", "loopHead", "hugeOffset"};
        for (int f = 0; f < names.length; f++) {
            MethodNode mn = m.methods.get("f" + f);
            assertTrue(mn != null, "method f" + f + " in " + m.methods.keySet());
            assertFalse(loads(mn, Integer.MAX_VALUE), names[f] + " clamps");
            assertTrue(loads(mn, Integer.MIN_VALUE), names[f] + " flips sign bits");
        }
    }

    private static List<String> calledAccessors(MethodNode mn) {
        List<String> names = new ArrayList<>();
        for (AbstractInsnNode insn : mn.instructions) {
            if (insn instanceof MethodInsnNode
                    && ((MethodInsnNode) insn).owner.endsWith("runtime/Memory")) {
                names.add(((MethodInsnNode) insn).name);
            }
        }
        return names;
    }

    /**
     * A loop over memory (sum of the n words at p, as memory.wat's sum_i32) reads its counter
     * through the accessor that keeps the loop countable, and tests it signed; an access outside
     * any loop, and one in a loop shaped like Go's dispatch loop, keep Objects.checkIndex's.
     */
    @Test
    void loopCountersGetTheAccessorThatKeepsTheLoopCountable() {
        WasmBuilder b = new WasmBuilder();
        b.memory();
        int t = b.type(new int[] {I32, I32}, new int[] {I32});
        // $end = p + n*4; if (p >=u end) return 0; do { s += load(p); p += 4 } while (p <u end); s += load(0) after
        b.exportFunction("sum", b.function(t, 2, new WasmBuilder.Code()
                .localGet(0).localGet(1).i32Const(2).op(0x74).op(0x6A).localSet(2)
                .op(0x02, 0x40).localGet(0).localGet(2).op(0x4F).op(0x0D, 0x00)
                .op(0x03, 0x40)
                .localGet(3).localGet(0).op(0x28, 2, 0).op(0x6A).localSet(3)
                .localGet(0).i32Const(4).op(0x6A).localSet(0)
                .localGet(0).localGet(2).op(0x49).op(0x0D, 0x00)
                .op(0x0B, 0x0B)
                .localGet(3).localGet(1).op(0x28, 2, 0).op(0x6A).op(0x0B)));
        // Go's shape: (loop (block (block (br_table 0 1 (local.get $pc))) load(p) ...) ...)
        b.exportFunction("dispatch", b.function(t, 1, new WasmBuilder.Code()
                .op(0x03, 0x40).op(0x02, 0x40).op(0x02, 0x40)
                .localGet(1).op(0x0E, 0x01, 0x00, 0x01).op(0x0B)
                .localGet(2).localGet(0).op(0x28, 2, 0).op(0x6A).localSet(2)
                .i32Const(1).localSet(1).op(0x0C, 0x01)
                .op(0x0B)
                .op(0x0B)
                .localGet(2).op(0x0B)));
        b.exportMemory("memory");
        Module m = new Module(b);
        List<String> sum = calledAccessors(m.methods.get("f0"));
        assertEquals(List.of("i32LoadOfLocal", "i32Load"), sum, "sum's accessors");
        assertTrue(loads(m.methods.get("f0"), Integer.MAX_VALUE), "sum's loop test is clamped and signed");
        assertEquals(List.of("i32Load"), calledAccessors(m.methods.get("f1")), "the dispatch loop's accessor");
        for (int i = 0; i < 64; i++) {
            m.instance.memory("memory").writeI32(i * 4, i * 1000 + 1);
        }
        for (int n : new int[] {0, 1, 2, 63}) {
            int want = 0;
            for (int i = 0; i < n; i++) {
                want += i * 1000 + 1;
            }
            want += m.instance.memory("memory").readI32(n);
            assertEquals(want, m.call("sum", 0, n), "sum n=" + n);
        }
        assertEquals(1, m.call("dispatch", 0, 0), "dispatch from pc 0: one load of the word at 0");
        assertEquals(0, m.call("dispatch", 0, 1), "dispatch from pc 1: no load");
        // a sum running off the end of the page traps, wherever end wraps to
        assertTrue(trapsOutOfBounds(() -> m.call("sum", 65532, 2)));
        assertTrue(trapsOutOfBounds(() -> m.call("sum", 65532, 0x40000000)));
    }

    private static boolean trapsOutOfBounds(Runnable r) {
        try {
            r.run();
            return false;
        } catch (Trap t) {
            return t.getMessage().equals("out of bounds memory access");
        }
    }
}
