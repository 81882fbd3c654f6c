package dev.wasm2jar.compiler.emit;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.validate.OpSignatures;
import dev.wasm2jar.runtime.Memory;
import java.util.Arrays;

/**
 * Which i32 values the emitter knows to lie in [0, 2^31 - 2], so that an unsigned comparison
 * involving one of them can be emitted as a signed one (DESIGN.md decision 31).
 *
 * <p>Why: C2 turns a loop into a counted loop (unrolled, its range checks hoisted or removed)
 * only when its exit test is a signed comparison of the induction variable, and wasm's loops
 * over memory test with {@code i32.lt_u}. The fact that makes the signed test exact is the
 * memory access itself: once {@code i32.load (local.get $p)} has not trapped, {@code $p} is below
 * the largest memory (2^31 - 64 KiB, {@link Memory#IMPL_MAX_PAGES}), so {@code $p + 4} is still
 * non-negative.
 *
 * <p>What is tracked, in one forward pass alongside emission: for each operand-stack slot, an
 * upper bound (the value is in [0, bound]) and the local it is a copy of; for each local, an
 * upper bound. Facts about locals hold in straight-line code only: they are forgotten wherever
 * control can arrive from elsewhere (a loop's head, {@code else}, {@code end}) and after a call
 * to a region method, which may write the locals. The emitter also asks which stack values are a
 * local's current value, to pick the memory accessor that keeps a loop over memory countable
 * (DESIGN.md decision 9).
 */
final class IndexRanges {
    private static final long UNKNOWN = -1;
    /**
     * The largest bound that keeps a signed comparison exact against any i32 once the other
     * operand is clamped (see {@code FunctionEmitter.clampUnknownOperands}).
     */
    private static final long KNOWN_MAX = Integer.MAX_VALUE - 1;
    /** No access ends beyond this byte, in any memory of this runtime. */
    private static final long MEMORY_END_MAX = (long) Memory.IMPL_MAX_PAGES * Memory.PAGE_SIZE;

    private long[] stackBound = new long[16];
    private int[] stackLocal = new int[16];
    private boolean[] stackConstant = new boolean[16];
    private int depth;
    private final long[] localBound;

    // set by before(), used by after(): the bound of the i32 the instruction pushes (UNKNOWN for
    // every instruction that pushes none or one of no known bound), and the local its memory
    // access proves to be at most pendingAddressBound once it has not trapped
    private long pendingBound;
    private int pendingAddressLocal;
    private long pendingAddressBound;

    IndexRanges(int locals) {
        localBound = new long[locals];
        Arrays.fill(localBound, UNKNOWN);
    }

    void push() {
        if (depth == stackBound.length) {
            stackBound = Arrays.copyOf(stackBound, depth * 2);
            stackLocal = Arrays.copyOf(stackLocal, depth * 2);
            stackConstant = Arrays.copyOf(stackConstant, depth * 2);
        }
        stackBound[depth] = UNKNOWN;
        stackLocal[depth] = -1;
        stackConstant[depth] = false;
        depth++;
    }

    void pop() {
        depth--;
    }

    /** The bound of the value {@code fromTop} slots below the top, or {@link #UNKNOWN}. */
    private long bound(int fromTop) {
        return stackBound[depth - 1 - fromTop];
    }

    /** The top of the stack was changed in place (same type, another value). */
    void topChanged() {
        stackBound[depth - 1] = UNKNOWN;
        stackLocal[depth - 1] = -1;
        stackConstant[depth - 1] = false;
    }

    /** Control can arrive here from elsewhere, or locals were written behind our back. */
    void forgetLocals() {
        Arrays.fill(localBound, UNKNOWN);
        Arrays.fill(stackLocal, 0, depth, -1);
    }

    /** A loop's head: also its parameters, which the back edges bring anew. */
    void enterLoop(int params) {
        forgetLocals();
        for (int i = depth - params; i < depth; i++) {
            stackBound[i] = UNKNOWN;
        }
    }

    /** Before {@code ins} is emitted (reachable code; the stack holds its operands). */
    void before(Instruction ins) {
        OpCode op = ins.opcode();
        pendingBound = UNKNOWN;
        pendingAddressLocal = -1;
        if (OpSignatures.isMemoryAccess(op)) {
            int width = 1 << OpSignatures.naturalAlignment(op);
            int x = stackLocal[depth - 1 - addressFromTop(op)];
            long last = MEMORY_END_MAX - width - Integer.toUnsignedLong((int) ins.operand(1));
            if (x >= 0 && last >= 0) {
                pendingAddressLocal = x;
                pendingAddressBound = last;
            }
        }
        switch (op) {
            case I32_CONST: {
                long c = (int) ins.operand(0);
                pendingBound = c >= 0 && c <= KNOWN_MAX ? c : UNKNOWN;
                return;
            }
            case LOCAL_GET:
                pendingBound = localBound[(int) ins.operand(0)];
                return;
            case I32_ADD: {
                long a = bound(1);
                long b = bound(0);
                pendingBound = a >= 0 && b >= 0 && a + b <= KNOWN_MAX ? a + b : UNKNOWN;
                return;
            }
            case I32_AND:
            case I32_REM_U:
                pendingBound = minKnown(bound(1), bound(0));
                return;
            case I32_SHR_U:
                pendingBound = bound(1);
                return;
            case I32_LOAD8_U:
                pendingBound = 0xFF;
                return;
            case I32_LOAD16_U:
                pendingBound = 0xFFFF;
                return;
            case MEMORY_SIZE:
                pendingBound = Memory.IMPL_MAX_PAGES;
                return;
            default:
                return;
        }
    }

    /** After {@code ins} was emitted (and the emitter's pushes and pops mirrored here). */
    void after(Instruction ins) {
        OpCode op = ins.opcode();
        if (pendingAddressLocal >= 0) {
            localBound[pendingAddressLocal] = minKnown(localBound[pendingAddressLocal], pendingAddressBound);
            pendingAddressLocal = -1;
        }
        switch (op) {
            case LOCAL_GET:
                stackBound[depth - 1] = pendingBound;
                stackLocal[depth - 1] = (int) ins.operand(0);
                return;
            case LOCAL_SET: {
                // the value was popped: its bound is one slot above the top
                int x = (int) ins.operand(0);
                localBound[x] = stackBound[depth];
                forgetCopiesOf(x);
                return;
            }
            case LOCAL_TEE: {
                int x = (int) ins.operand(0);
                localBound[x] = stackBound[depth - 1];
                forgetCopiesOf(x);
                stackLocal[depth - 1] = x;
                return;
            }
            case I32_CONST:
                stackBound[depth - 1] = pendingBound;
                stackConstant[depth - 1] = true;
                return;
            default:
                // a known bound comes only from before()'s instructions, each of which pushes one i32
                if (pendingBound != UNKNOWN) {
                    stackBound[depth - 1] = pendingBound;
                }
                return;
        }
    }

    private void forgetCopiesOf(int local) {
        for (int i = 0; i < depth; i++) {
            if (stackLocal[i] == local) {
                stackLocal[i] = -1;
            }
        }
    }

    private static long minKnown(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** Where a load's or store's address is: a store's value is above it. */
    private static int addressFromTop(OpCode access) {
        return OpSignatures.of(access).results.length == 0 ? 1 : 0;
    }

    /** Whether the address of the memory access {@code access}, on the stack now, is a local's current value. */
    boolean addressIsLocal(OpCode access) {
        return stackLocal[depth - 1 - addressFromTop(access)] >= 0;
    }

    /**
     * Whether an unsigned i32 comparison of the top two values is better emitted as a signed one:
     * when both are known, or when one is known and is not a constant. Against a constant the
     * flipped form stays: C2 folds the constant's side and compares unsigned in one instruction,
     * where the clamp would add four to the other side (Fib's {@code n <u 2}: 883 → 995 µs).
     */
    boolean comparesSigned() {
        boolean a = bound(1) >= 0;
        boolean b = bound(0) >= 0;
        return a && b || a && !stackConstant[depth - 2] || b && !stackConstant[depth - 1];
    }

    /** Whether the value {@code fromTop} below the top has no known bound (it is clamped before a signed comparison). */
    boolean unknown(int fromTop) {
        return bound(fromTop) < 0;
    }
}
