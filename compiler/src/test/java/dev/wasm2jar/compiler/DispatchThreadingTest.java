package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Branches to a dispatch loop with a constant index go straight to the case (src/test/resources/
 * dispatch/machine.wat): the results match a plain Java rendering of the state machine for every
 * entry point, whole and cut into case groups, and only the branch whose index is computed still
 * goes back through the switch.
 */
class DispatchThreadingTest {

    /** machine.wat's state machine, as an interpreter would run it. */
    private static long reference(int pc, int n) {
        int i = 0;
        long acc = 0;
        while (true) {
            switch (pc) {
                case 0:
                    i = 0;
                    acc = 1;
                    // fall through
                case 1:
                    if (Integer.compareUnsigned(i, n) >= 0) {
                        pc = 3;
                        continue;
                    }
                    // fall through
                case 2:
                    acc = acc * 3 + Integer.toUnsignedLong(i);
                    i++;
                    pc = 1;
                    continue;
                case 3:
                    pc = (acc & 1) == 0 ? 4 : 100;
                    continue;
                case 4:
                    return -acc;
                default:
                    return acc + 1_000_000;
            }
        }
    }

    private static void assertAgrees(Instance instance, String what) {
        for (int pc : new int[] {0, 1, 2, 3, 4, 5, 6, 100, -1}) {
            for (int n : new int[] {0, 1, 2, 3, 7, 40, -1 >>> 28}) {
                assertArrayEquals(new Object[] {reference(pc, n)}, instance.function("machine").call(pc, n),
                        what + ", pc " + pc + ", n " + n);
            }
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a wrong jump may loop forever
    void threadedJumpsComputeWhatTheDispatchWould() throws IOException {
        byte[] wasm = SplitFunctionsTest.resource("/dispatch/machine.wasm");
        Instance whole = Wasm2Jar.compile(wasm).load().instantiate();
        assertAgrees(whole, "whole");
        assertArrayEquals(new Object[] {1_000_003L}, whole.function("machine").call(0, 1), "odd: through the default");
        assertArrayEquals(new Object[] {-10L}, whole.function("machine").call(0, 2), "even: through the computed index");
        // Every way of cutting the loop into case groups: jumps between cases of one group are
        // threaded inside the group's method, the others leave it.
        Set<Integer> shapes = new HashSet<>();
        for (int budget = 16; budget <= 400; budget += 8) {
            CompiledModule cut = Wasm2Jar.compile(wasm, Wasm2Jar.DEFAULT_CLASS_NAME, budget);
            shapes.add(SplitFunctionsTest.regionMethods(cut));
            assertAgrees(cut.load().instantiate(), "budget " + budget);
        }
        assertTrue(shapes.size() >= 3, "the budgets cut the function in several ways: " + shapes);
    }

    /** The method compiled from the function with this JVM return type: (int, int, Module) -> ret. */
    private static MethodNode method(CompiledModule cm, char ret) {
        MethodNode found = null;
        for (byte[] b : cm.classes().values()) {
            ClassNode cn = new ClassNode();
            new ClassReader(b).accept(cn, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            for (MethodNode mn : cn.methods) {
                if (mn.desc.startsWith("(II") && mn.desc.endsWith(")" + ret) && (mn.access & Opcodes.ACC_SYNTHETIC) == 0) {
                    found = mn;
                }
            }
        }
        assertNotNull(found, "the method returning " + ret);
        return found;
    }

    /** How many jumps of {@code m} go to its dispatch: the label before {@code iload 0 ... tableswitch}. */
    private static int jumpsToDispatch(MethodNode m, int cases) {
        TableSwitchInsnNode dispatch = null;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof TableSwitchInsnNode) {
                dispatch = (TableSwitchInsnNode) insn;
            }
        }
        assertNotNull(dispatch);
        assertEquals(cases, dispatch.labels.size(), "the br_table's cases, less the default");
        // iload 0 (dup; ifne; pop; goto case 0, when threaded) tableswitch
        AbstractInsnNode load = dispatch.getPrevious();
        while (load.getOpcode() != Opcodes.ILOAD) {
            load = load.getPrevious();
        }
        assertEquals(0, ((VarInsnNode) load).var, "the switch reads $pc, parameter 0");
        AbstractInsnNode head = load.getPrevious();
        while (!(head instanceof LabelNode)) {
            head = head.getPrevious();
        }
        int n = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof JumpInsnNode && ((JumpInsnNode) insn).label == head) {
                n++;
            }
        }
        return n;
    }

    @Test
    void onlyTheComputedIndexGoesThroughTheSwitch() throws IOException {
        CompiledModule cm = Wasm2Jar.compile(SplitFunctionsTest.resource("/dispatch/machine.wasm"));
        assertEquals(1, jumpsToDispatch(method(cm, 'J'), 5),
                "only `local.set $pc (i32.add ...); br $L` re-enters the dispatch");
        // more memory accesses than FunctionEmitter.MAX_MEMORY_ACCESSES_TO_THREAD: both jumps stay
        assertEquals(2, jumpsToDispatch(method(cm, 'I'), 1), "heavy: nothing threaded");
        Instance instance = cm.load().instantiate();
        int words = 0;
        for (int k = 0; k < 65; k++) {
            instance.memory("mem").writeI32(4 * k, k * k);
            words += k * k;
        }
        assertArrayEquals(new Object[] {3 * words}, instance.function("heavy").call(0, 3));
        assertArrayEquals(new Object[] {0}, instance.function("heavy").call(1, 3), "resumed at case 1");
    }
}
