package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.lower.DispatchLoop;
import dev.wasm2jar.compiler.lower.SplitPlan;
import dev.wasm2jar.compiler.parse.BlockTypes;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.compiler.validate.OpSignatures;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emit stage for one function body: translates validated wasm instructions into the body of a
 * static JVM method {@code (params..., ModuleClass instance)}.
 *
 * <p>The wasm operand stack is the JVM operand stack. The emitter tracks its types so that, at a
 * branch, it can drop the values between the target's base and the values the branch carries
 * (saved in temporary locals meanwhile). Code after an unconditional branch is not emitted, as
 * the JVM's verifier would need stack types that such code does not have.
 */
final class FunctionEmitter {
    private final ModuleEmitter module;
    private final ParsedModule m;
    private final int funcIndex;
    private final MethodVisitor mv;
    /** What writes this method's stack map frames, or null when ASM computes them. */
    private final StackMaps frames;
    private final FuncType type;

    private final SplitPlan plan;
    /** The region this method holds, or null when it is the function's own method. */
    private final SplitPlan.Region region;
    private final ValType[] localTypes;
    private final int[] localSlots;
    private final int instSlot;
    /** The frame arrays that carry locals to region methods (-1 when the function is not split). */
    private final int frameSlot;
    private final int refsSlot;
    /** In a region method: the one exit that writes locals back and returns the exit code. */
    private Label sharedExit;
    /** In a case group's method: where each entry starts (see SplitPlan.Region#entryBlocks). */
    private Label[] entryLabels;
    /** In a case group's method: the shared in-place dispatch of branches to the loop, if any. */
    private Label groupDispatch;
    /** Where this method calls a case group with the loop's index as entry, by group. */
    private final Map<SplitPlan.Region, Label> groupCalls = new HashMap<>();
    private int nextSlot;
    /** Free temporaries by type, reused across branches. */
    private final Map<ValType, List<Integer>> tempPool = new HashMap<>();

    private final ArrayList<ValType> stack = new ArrayList<>();
    /** What is known of the i32 values on the stack and in locals, mirrored with {@link #stack}. */
    private final IndexRanges ranges;
    private final ArrayList<Ctl> ctls = new ArrayList<>();
    private List<? extends Instruction> code;
    private boolean reachable = true;
    /** Nesting depth of blocks opened inside unreachable code; they emit nothing. */
    private int deadDepth;
    /** How many of the open control frames are {@link Ctl#countable} loops. */
    private int countableLoops;

    private static final class Ctl {
        final OpCode kind;
        final FuncType type;
        final int height;
        /** Branch target: the loop head for loops, else the end. */
        final Label label;
        final Label end;
        Label elseLabel;
        boolean endReachable;
        /** Whether a jump to {@link #label} has been emitted. */
        boolean targeted;
        /** A dispatch loop's index local and its {@code br_table}'s position (-1: not one). */
        int pcLocal = -1;
        int dispatchAt = -1;
        /** A dispatch loop's blocks by index, the last for the default (null: not one of them). */
        Ctl[] cases;
        /** A loop not in the shape of Go's dispatch loop: one C2 may count (see memoryAccess). */
        boolean countable;

        Ctl(OpCode kind, FuncType type, int height, Label label, Label end) {
            this.kind = kind;
            this.type = type;
            this.height = height;
            this.label = label;
            this.end = end;
        }

        ValType[] labelTypes() {
            return kind == OpCode.LOOP ? type.params() : type.results();
        }
    }

    /** @param poolFree whether numeric constants are built instead of loaded ({@link PoolFreeConstants}) */
    FunctionEmitter(ModuleEmitter module, int funcIndex, MethodVisitor mv, boolean poolFree, SplitPlan plan,
            SplitPlan.Region region) {
        this.module = module;
        this.m = module.parsed;
        this.funcIndex = funcIndex;
        this.frames = mv instanceof StackMaps ? (StackMaps) mv : null;
        this.mv = poolFree ? new PoolFreeConstants(mv) : mv;
        this.type = m.funcType(funcIndex);
        this.plan = plan;
        this.region = region;
        ValType[] declared = m.locals(funcIndex);
        int n = type.paramCount() + declared.length;
        localTypes = new ValType[n];
        localSlots = new int[n];
        for (int i = 0; i < type.paramCount(); i++) {
            localTypes[i] = type.param(i);
        }
        System.arraycopy(declared, 0, localTypes, type.paramCount(), declared.length);
        ranges = new IndexRanges(n);
        int slot = 0;
        if (region == null) {
            for (int i = 0; i < type.paramCount(); i++) {
                localSlots[i] = slot;
                slot += localTypes[i].slots();
            }
            instSlot = slot++;
            for (int i = type.paramCount(); i < n; i++) {
                localSlots[i] = slot;
                slot += localTypes[i].slots();
            }
            frameSlot = plan.isEmpty() ? -1 : slot++;
            refsSlot = plan.isEmpty() ? -1 : slot++;
        } else {
            if (region.isGroup()) {
                slot++; // the entry
            }
            frameSlot = slot++;
            refsSlot = slot++;
            instSlot = slot++;
            for (int i = 0; i < n; i++) {
                localSlots[i] = slot;
                slot += localTypes[i].slots();
            }
        }
        nextSlot = slot;
        for (int i = 0; i < n; i++) {
            declareReference(localSlots[i], localTypes[i]);
        }
    }

    /** A reference local starts as null; frames are to give it its wasm type's class throughout. */
    private void declareReference(int slot, ValType t) {
        if (frames != null && t.isReference()) {
            String d = t.descriptor();
            frames.declareReference(slot, d.substring(1, d.length() - 1));
        }
    }

    void emit() {
        mv.visitCode();
        code = m.code(funcIndex);
        int from;
        int to;
        if (region == null) {
            // wasm locals start at zero; the JVM needs them definitely assigned
            if (!plan.localsInFrame) {
                for (int i = type.paramCount(); i < localTypes.length; i++) {
                    zero(localTypes[i]);
                    mv.visitVarInsn(Jvm.storeOp(localTypes[i]), localSlots[i]);
                }
            }
            if (!plan.isEmpty()) {
                if (ModuleEmitter.cachesFrame(plan)) {
                    // Take the instance's spare frame (put back on return) or, in a nested or
                    // concurrent activation, a new one: a hot split function (Go's mallocgc)
                    // would otherwise allocate an array per call.
                    Label fresh = new Label();
                    Label have = new Label();
                    loadInst();
                    mv.visitFieldInsn(GETFIELD, module.className, ModuleEmitter.frameCacheField(funcIndex), "[J");
                    mv.visitInsn(DUP);
                    mv.visitJumpInsn(IFNULL, fresh);
                    loadInst();
                    mv.visitInsn(ACONST_NULL);
                    mv.visitFieldInsn(PUTFIELD, module.className, ModuleEmitter.frameCacheField(funcIndex), "[J");
                    mv.visitJumpInsn(GOTO, have);
                    mv.visitLabel(fresh);
                    mv.visitInsn(POP);
                    Jvm.pushInt(mv, plan.frameSize);
                    mv.visitIntInsn(NEWARRAY, T_LONG);
                    mv.visitLabel(have);
                } else {
                    Jvm.pushInt(mv, plan.frameSize);
                    mv.visitIntInsn(NEWARRAY, T_LONG);
                }
                mv.visitVarInsn(ASTORE, frameSlot);
                if (needsRefFrame()) {
                    Jvm.pushInt(mv, plan.frameSize);
                    mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
                } else {
                    mv.visitInsn(ACONST_NULL);
                }
                mv.visitVarInsn(ASTORE, refsSlot);
                if (plan.localsInFrame) {
                    // the frame starts zeroed: only the parameters need copying in
                    for (int i = 0; i < type.paramCount(); i++) {
                        storeLocalToFrame(i);
                    }
                }
            }
            Label end = new Label();
            ctls.add(new Ctl(OpCode.BLOCK, type, 0, end, end));
            from = 0;
            to = code.size();
        } else {
            for (int i = copiedLocals(region.usedLocals, 0); i >= 0; i = copiedLocals(region.usedLocals, i + 1)) {
                loadFromFrame(localTypes[i], i);
                mv.visitVarInsn(Jvm.storeOp(localTypes[i]), localSlots[i]);
            }
            if (region.isGroup()) {
                enterGroup();
            }
            from = region.start;
            to = region.end;
        }
        methodFrom = from;
        methodTo = to;
        for (int i = from; i < to; i++) {
            Instruction ins = code.get(i);
            SplitPlan.Region inner = plan.regionAt(i, region);
            if (inner != null && inner.isGroup() && deadDepth == 0) {
                // entered through its blocks' ends even when nothing falls into it
                callGroup(inner);
                ranges.forgetLocals();
                i = inner.end - 1;
                continue;
            }
            if (!reachable) {
                skipDead(ins);
                continue;
            }
            if (inner != null) {
                callRegion(inner);
                i = inner.end - 1;
                continue;
            }
            Instruction next = i + 1 < to ? code.get(i + 1) : null;
            if (next != null && fuseCompare(ins, next)) {
                i++;
                continue;
            }
            if (i + 3 < to && fuseWrappedAdd(code, i)) {
                i += 3;
                continue;
            }
            instruction(ins, i);
        }
        if (region != null && reachable) {
            exitRegion(0, new ValType[0]);
        }
        if (sharedExit != null) {
            emitSharedExit();
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private boolean needsRefFrame() {
        for (ValType t : localTypes) {
            if (t.isReference()) {
                return true;
            }
        }
        for (SplitPlan.Region r : plan.regions()) {
            for (ValType[] carried : r.exits.values()) {
                for (ValType t : carried) {
                    if (t.isReference()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void zero(ValType t) {
        switch (t) {
            case I32: mv.visitInsn(ICONST_0); break;
            case I64: mv.visitInsn(LCONST_0); break;
            case F32: mv.visitInsn(FCONST_0); break;
            case F64: mv.visitInsn(DCONST_0); break;
            default: mv.visitInsn(ACONST_NULL); break;
        }
    }

    // ---- regions: parts of the function in methods of their own ----

    /** The next local of {@code set} from {@code from} on that travels by copy (none when they live in the frame). */
    private int copiedLocals(java.util.BitSet set, int from) {
        return plan.localsInFrame ? -1 : set.nextSetBit(from);
    }

    /** Pushes frame slot {@code slot} as a value of type {@code t}. */
    private void loadFromFrame(ValType t, int slot) {
        if (t.isReference()) {
            mv.visitVarInsn(ALOAD, refsSlot);
            Jvm.pushInt(mv, slot);
            mv.visitInsn(AALOAD);
            Jvm.castRef(mv, t);
        } else {
            mv.visitVarInsn(ALOAD, frameSlot);
            Jvm.pushInt(mv, slot);
            mv.visitInsn(LALOAD);
            Jvm.fromBits(mv, t);
        }
    }

    /** Stores local {@code i} into its frame slot. */
    private void storeLocalToFrame(int i) {
        ValType t = localTypes[i];
        if (t.isReference()) {
            mv.visitVarInsn(ALOAD, refsSlot);
            Jvm.pushInt(mv, i);
            mv.visitVarInsn(ALOAD, localSlots[i]);
            mv.visitInsn(AASTORE);
        } else {
            mv.visitVarInsn(ALOAD, frameSlot);
            Jvm.pushInt(mv, i);
            mv.visitVarInsn(Jvm.loadOp(t), localSlots[i]);
            Jvm.toBits(mv, t);
            mv.visitInsn(LASTORE);
        }
    }

    /** Stores the value on top of the stack into frame slot {@code slot}. */
    private void storeTopToFrame(ValType t, int slot) {
        int tmp = takeTemp(t);
        mv.visitVarInsn(Jvm.storeOp(t), tmp);
        if (t.isReference()) {
            mv.visitVarInsn(ALOAD, refsSlot);
            Jvm.pushInt(mv, slot);
            mv.visitVarInsn(ALOAD, tmp);
            mv.visitInsn(AASTORE);
        } else {
            mv.visitVarInsn(ALOAD, frameSlot);
            Jvm.pushInt(mv, slot);
            mv.visitVarInsn(Jvm.loadOp(t), tmp);
            Jvm.toBits(mv, t);
            mv.visitInsn(LASTORE);
        }
        releaseTemp(t, tmp);
    }

    /** Leaves this region method: carried values to the frame, then the shared exit with the code. */
    private void exitRegion(int exitCode, ValType[] carried) {
        for (int k = carried.length - 1; k >= 0; k--) {
            storeTopToFrame(carried[k], plan.localCount + k);
        }
        Jvm.pushInt(mv, exitCode);
        jumpToSharedExit(stack.size() - carried.length);
    }

    /**
     * With the exit code on top of {@code below} other values, empties the stack and jumps to the
     * one place that writes the locals back and returns, so that each exit costs a few bytes.
     */
    private void jumpToSharedExit(int below) {
        if (below > 0) {
            int tmp = takeTemp(ValType.I32);
            mv.visitVarInsn(ISTORE, tmp);
            for (int i = below - 1; i >= 0; i--) {
                Jvm.pop(mv, stack.get(i));
            }
            mv.visitVarInsn(ILOAD, tmp);
            releaseTemp(ValType.I32, tmp);
        }
        if (sharedExit == null) {
            sharedExit = new Label();
        }
        mv.visitJumpInsn(GOTO, sharedExit);
    }

    private void emitSharedExit() {
        mv.visitLabel(sharedExit);
        int tmp = takeTemp(ValType.I32);
        mv.visitVarInsn(ISTORE, tmp);
        for (int i = copiedLocals(region.writtenLocals, 0); i >= 0; i = copiedLocals(region.writtenLocals, i + 1)) {
            storeLocalToFrame(i);
        }
        mv.visitVarInsn(ILOAD, tmp);
        mv.visitInsn(IRETURN);
    }

    /** Calls a region's method and replays the branch it exits with. */
    private void callRegion(SplitPlan.Region r) {
        invokeRegion(r, -1);
        replayExit(r);
        ranges.forgetLocals();
    }

    /**
     * Calls a case group. Falling into it enters at its first case (entry -1); the loop's
     * dispatch, when it dispatches by group, enters with the index value; each block that ends
     * inside the group and that this method branches to gets a trampoline at its end label that
     * enters after that end (entry -1 - e). The blocks are closed here, as the group closes them.
     */
    private void callGroup(SplitPlan.Region r) {
        int entrySlot = takeTemp(ValType.I32);
        Label call = new Label();
        boolean any = false;
        if (reachable) {
            mv.visitInsn(ICONST_M1);
            mv.visitVarInsn(ISTORE, entrySlot);
            mv.visitJumpInsn(GOTO, call);
            any = true;
        }
        Label byIndex = groupCalls.get(r);
        if (byIndex != null) {
            mv.visitLabel(byIndex);
            loadLocal(r.pcLocal);
            mv.visitVarInsn(ISTORE, entrySlot);
            mv.visitJumpInsn(GOTO, call);
            any = true;
        }
        int m = r.entryBlocks.length;
        for (int e = 1; e <= m; e++) {
            Ctl closed = ctls.get(ctls.size() - e);
            if (closed.targeted) {
                mv.visitLabel(closed.end);
                Jvm.pushInt(mv, -1 - e);
                mv.visitVarInsn(ISTORE, entrySlot);
                mv.visitJumpInsn(GOTO, call);
                any = true;
            }
        }
        for (int e = 0; e < m; e++) {
            Ctl c = closeCtl();
            resetStack(c.height);
        }
        if (!any) {
            releaseTemp(ValType.I32, entrySlot);
            reachable = false;
            return;
        }
        mv.visitLabel(call);
        reachable = true;
        invokeRegion(r, entrySlot);
        releaseTemp(ValType.I32, entrySlot);
        replayExit(r);
    }

    private void loadLocal(int i) {
        if (plan.localsInFrame) {
            loadFromFrame(localTypes[i], i);
        } else {
            mv.visitVarInsn(Jvm.loadOp(localTypes[i]), localSlots[i]);
        }
    }

    /** Copies locals to the frame, calls the region's method (entry from a slot, for groups), copies them back. */
    private void invokeRegion(SplitPlan.Region r, int entrySlot) {
        for (int i = copiedLocals(r.usedLocals, 0); i >= 0; i = copiedLocals(r.usedLocals, i + 1)) {
            storeLocalToFrame(i);
        }
        if (entrySlot >= 0) {
            mv.visitVarInsn(ILOAD, entrySlot);
        }
        mv.visitVarInsn(ALOAD, frameSlot);
        mv.visitVarInsn(ALOAD, refsSlot);
        loadInst();
        mv.visitMethodInsn(INVOKESTATIC, module.ownerOf(funcIndex), module.regionMethodName(funcIndex, r),
                module.regionDescriptor(r), false);
        for (int i = copiedLocals(r.writtenLocals, 0); i >= 0; i = copiedLocals(r.writtenLocals, i + 1)) {
            loadFromFrame(localTypes[i], i);
            mv.visitVarInsn(Jvm.storeOp(localTypes[i]), localSlots[i]);
        }
    }

    /** With a region's exit code on the stack: falls through on 0, else takes the branch it names. */
    private void replayExit(SplitPlan.Region r) {
        // Exits to labels that enclose this method too pass straight on, renumbered, in one test.
        int internal = ctls.size();
        Map<Integer, ValType[]> cases = new java.util.TreeMap<>();
        boolean passing = false;
        for (Map.Entry<Integer, ValType[]> e : r.exits.entrySet()) {
            int code = e.getKey();
            if (region != null && code > internal && e.getValue().length == 0) {
                passing = true;
            } else {
                cases.put(code, e.getValue());
            }
        }
        if (passing) {
            Label stays = new Label();
            mv.visitInsn(DUP);
            Jvm.pushInt(mv, internal);
            mv.visitJumpInsn(IF_ICMPLE, stays);
            Jvm.pushInt(mv, internal);
            mv.visitInsn(ISUB);
            jumpToSharedExit(stack.size());
            mv.visitLabel(stays);
        }
        if (cases.isEmpty() && r.fallsThrough) {
            mv.visitInsn(POP);
            reachable = true;
            return;
        }
        Label fallThrough = new Label();
        Label never = new Label();
        Label dflt = r.fallsThrough ? fallThrough : never;
        int[] keys = new int[cases.size()];
        Label[] labels = new Label[keys.length];
        int k = 0;
        for (int code : cases.keySet()) {
            keys[k] = code;
            labels[k] = new Label();
            k++;
        }
        if (keys.length == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else if (keys[keys.length - 1] - keys[0] + 1 <= 2 * keys.length) {
            Label[] table = new Label[keys[keys.length - 1] - keys[0] + 1];
            java.util.Arrays.fill(table, dflt);
            for (int i = 0; i < keys.length; i++) {
                table[keys[i] - keys[0]] = labels[i];
            }
            mv.visitTableSwitchInsn(keys[0], keys[keys.length - 1], dflt, table);
        } else {
            mv.visitLookupSwitchInsn(dflt, keys, labels);
        }
        k = 0;
        for (Map.Entry<Integer, ValType[]> e : cases.entrySet()) {
            mv.visitLabel(labels[k++]);
            ValType[] carried = e.getValue();
            for (int c = 0; c < carried.length; c++) {
                loadFromFrame(carried[c], plan.localCount + c);
                push(carried[c]);
            }
            if (e.getKey() == -1) {
                if (region != null) {
                    exitRegion(-1, carried);
                } else {
                    emitReturnWith(type.results());
                }
            } else {
                branchToDepth(e.getKey() - 1);
            }
            popN(carried.length);
        }
        if (!r.fallsThrough) {
            // a region that cannot fall through never returns 0; the JVM still needs a path
            mv.visitLabel(never);
            mv.visitMethodInsn(INVOKESTATIC, Jvm.TRAP, "unreachable", "()L" + Jvm.TRAP + ";", false);
            mv.visitInsn(ATHROW);
        } else {
            mv.visitLabel(fallThrough);
        }
        reachable = r.fallsThrough;
    }

    /**
     * Prologue of a case group's method: the blocks that end inside it become this method's
     * (their ends are its entry points), and the entry argument selects where to start: -1 the
     * first case, -1 - e after the end of entry block e, an index value ≥ 0 the case the loop's
     * dispatch would pick.
     */
    private void enterGroup() {
        int m = region.entryBlocks.length;
        entryLabels = new Label[m + 1];
        entryLabels[0] = new Label();
        FuncType empty = new FuncType(new ValType[0], new ValType[0]);
        for (int e = m; e >= 1; e--) { // outermost (last to end) first on the control stack
            Label end = new Label();
            Ctl c = new Ctl(OpCode.BLOCK, empty, 0, end, end);
            c.endReachable = true; // always entered through the switch
            ctls.add(c);
            entryLabels[e] = end;
        }
        Label[] targets = new Label[m + 1]; // entry -1 - m .. -1
        for (int e = 0; e <= m; e++) {
            targets[m - e] = entryLabels[e];
        }
        Label byIndex = entryLabels[0];
        if (region.pcLocal >= 0) {
            groupDispatch = new Label();
            byIndex = groupDispatch;
        }
        mv.visitVarInsn(ILOAD, 0);
        mv.visitTableSwitchInsn(-1 - m, -1, byIndex, targets);
        if (groupDispatch != null) {
            // Before the cases, so that a branch back to the loop is a backward goto: HotSpot's
            // interpreter counts loops (and starts on-stack replacement) only on those, not on
            // switches, and a loop inside a group method would otherwise never be compiled.
            emitGroupDispatch();
        }
        mv.visitLabel(entryLabels[0]);
    }

    // ---- dispatch loops: jump threading ----
    //
    // Go ends every jump with `i32.const k; local.set pc; br $loop`, and the loop's first act is
    // `local.get pc; br_table`. Where the loop and the case are in this method, that branch goes
    // straight to the case: the JIT then sees the program's own loops as backward gotos, not one
    // loop through a tableswitch that every jump takes.

    /**
     * Threading is measured to lose where C2 runs out of nodes to inline into: it then parses
     * every case the threaded gotos reach, where a switch's profile had pruned the cold ones, and
     * stops inlining the memory accessors of hot loops (NodeCountInliningCutoff: 44 call sites
     * left as calls in Go's SHA-256 block function, 89 memory accesses, against 13 unthreaded;
     * twice the time). Each inlined accessor costs a few hundred nodes of C2's 18,000, so methods
     * with more accesses than this keep every jump on the switch.
     */
    static final int MAX_MEMORY_ACCESSES_TO_THREAD = 64;

    /** Decided when first asked (a dispatch loop or a case group's branch): it takes a pass over the method. */
    private Boolean threadJumps;
    /** The instructions this method emits: [methodFrom, methodTo). */
    private int methodFrom;
    private int methodTo;

    private boolean threadJumps() {
        if (threadJumps == null) {
            threadJumps = !hasMoreMemoryAccesses(methodFrom, methodTo, MAX_MEMORY_ACCESSES_TO_THREAD);
        }
        return threadJumps;
    }

    /** Whether [from, to) holds more than {@code limit} memory accesses (Go functions soon do: stops there). */
    private boolean hasMoreMemoryAccesses(int from, int to, int limit) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (OpSignatures.isMemoryAccess(code.get(i).opcode()) && ++n > limit) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks {@code loop} as a dispatch loop when it opens with empty blocks around {@code local.get;
     * br_table} (its jumps threaded when {@link #threadJumps} allows), and as countable when it has
     * no dispatch shape at all.
     */
    private void recognizeDispatch(Ctl loop, int at) {
        DispatchLoop d = DispatchLoop.at(m, code, at);
        if (d == null) {
            loop.countable = true;
            countableLoops++;
            return;
        }
        if (loop.type.paramCount() != 0 || !threadJumps()) {
            return;
        }
        if (d.pcLocal >= 0) {
            loop.pcLocal = d.pcLocal;
            loop.dispatchAt = d.brTable;
        }
    }

    /**
     * At a dispatch loop's own br_table: records which of the loop's blocks each index selects.
     * Returns them when the loop's branches will be threaded, else null.
     */
    private Ctl[] noteDispatch(long[] depths, int index) {
        Ctl loop = null;
        int blocks = 0;
        for (int k = ctls.size() - 1; k >= 0; k--) {
            if (ctls.get(k).kind == OpCode.LOOP) {
                loop = ctls.get(k);
                blocks = ctls.size() - 1 - k;
                break;
            }
        }
        if (loop == null || loop.dispatchAt != index || plan.dispatchGroups.get(index) != null) {
            return null; // not a dispatch, or its cases are in case groups (threaded there instead)
        }
        Ctl[] cases = new Ctl[depths.length];
        for (int k = 0; k < depths.length; k++) {
            cases[k] = depths[k] < blocks ? target(depths[k]) : null;
        }
        loop.cases = cases;
        return cases;
    }

    /**
     * Once jumps are threaded, the switch runs about once per call, mostly from the interpreter,
     * so tiered compilation can hand C2 an empty profile for it. C2 then compiles its cases as
     * uncommon traps, and a later call deoptimizes at entry and runs its loops in the interpreter
     * until on-stack replacement catches up (seen with -XX:+LogCompilation on Go's SHA-256).
     * Entry 0, the normal call, is a plain test instead, which an empty profile does not prune.
     */
    private void entryFastPath(Ctl first) {
        Label dispatch = new Label();
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNE, dispatch);
        mv.visitInsn(POP);
        first.endReachable = true;
        first.targeted = true;
        mv.visitJumpInsn(GOTO, first.label);
        mv.visitLabel(dispatch);
    }

    /**
     * The index a branch at {@code index} dispatches on, when the two instructions before it set
     * {@code pcLocal} to a constant (nothing can jump between them: labels are only at block
     * boundaries); else -1.
     */
    private long constantPcBefore(int index, int pcLocal) {
        if (pcLocal < 0 || index < 2) {
            return -1;
        }
        Instruction set = code.get(index - 1);
        Instruction k = code.get(index - 2);
        if (set.opcode() != OpCode.LOCAL_SET || set.operand(0) != pcLocal || k.opcode() != OpCode.I32_CONST) {
            return -1;
        }
        return Integer.toUnsignedLong((int) k.operand(0));
    }

    /**
     * A {@code br} to a dispatch loop in this method with a known index, emitted as a goto to the
     * case; false if not one. (From a case group, see {@link #dispatchInGroup}.)
     */
    private boolean threadDispatch(long depth, int index) {
        if (exits(depth)) {
            return false;
        }
        Ctl loop = target(depth);
        if (loop.cases == null) {
            return false;
        }
        long pc = constantPcBefore(index, loop.pcLocal);
        if (pc < 0) {
            return false;
        }
        Ctl c = loop.cases[(int) Math.min(pc, loop.cases.length - 1)];
        if (c == null) {
            return false;
        }
        adjustFor(loop); // the loop's blocks start at its height and carry nothing
        c.endReachable = true;
        c.targeted = true;
        mv.visitJumpInsn(GOTO, c.label);
        return true;
    }

    /**
     * A branch from a case group back to its dispatch loop: dispatches in place when the case
     * the index selects is in this group, so that a loop among its cases never leaves the method.
     * All such branches share one switch, emitted before the body.
     */
    private boolean dispatchInGroup(int exitCode, int index) {
        if (region == null || !region.isGroup() || region.pcLocal < 0 || exitCode != region.loopExitCode
                || !stack.isEmpty()) {
            return false;
        }
        // a `br` after setting the index to a constant whose case is here goes straight to it
        long pc = threadJumps() ? constantPcBefore(index, region.pcLocal) : -1;
        boolean here = pc >= 0 && pc < region.pcEntries.length && region.pcEntries[(int) pc] >= 0;
        mv.visitJumpInsn(GOTO, here ? entryLabels[region.pcEntries[(int) pc]] : groupDispatch);
        return true;
    }

    private void emitGroupDispatch() {
        mv.visitLabel(groupDispatch);
        resetStack(0); // every branch here had an empty stack
        reachable = true;
        int[] pcEntries = region.pcEntries;
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int p = 0; p < pcEntries.length; p++) {
            if (pcEntries[p] >= 0) {
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
        }
        Label elsewhere = new Label();
        loadLocal(region.pcLocal);
        if (hi < 0) {
            mv.visitInsn(POP);
        } else {
            Label[] targets = new Label[hi - lo + 1];
            for (int p = lo; p <= hi; p++) {
                targets[p - lo] = pcEntries[p] >= 0 ? entryLabels[pcEntries[p]] : elsewhere;
            }
            mv.visitTableSwitchInsn(lo, hi, elsewhere, targets);
        }
        mv.visitLabel(elsewhere);
        exitRegion(region.loopExitCode, new ValType[0]);
    }

    // ---- stack tracking ----

    private void push(ValType t) {
        stack.add(t);
        ranges.push();
    }

    private ValType pop() {
        ranges.pop();
        return stack.remove(stack.size() - 1);
    }

    private void popN(int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private void pushAll(ValType[] ts) {
        for (ValType t : ts) {
            push(t);
        }
    }

    private void resetStack(int height) {
        while (stack.size() > height) {
            pop();
        }
    }

    private int takeTemp(ValType t) {
        List<Integer> free = tempPool.get(t);
        if (free != null && !free.isEmpty()) {
            return free.remove(free.size() - 1);
        }
        int s = nextSlot;
        nextSlot += t.slots();
        declareReference(s, t);
        return s;
    }

    private void releaseTemp(ValType t, int slot) {
        tempPool.computeIfAbsent(t, k -> new ArrayList<>()).add(slot);
    }

    private void loadInst() {
        mv.visitVarInsn(ALOAD, instSlot);
    }

    // ---- control ----

    private void skipDead(Instruction ins) {
        switch (ins.opcode()) {
            case BLOCK:
            case LOOP:
            case IF:
                deadDepth++;
                break;
            case ELSE:
                if (deadDepth == 0) {
                    elseOf(ctls.get(ctls.size() - 1));
                }
                break;
            case END:
                if (deadDepth > 0) {
                    deadDepth--;
                } else {
                    end();
                }
                break;
            default:
                break;
        }
    }

    private void enter(OpCode kind, FuncType bt) {
        int height = stack.size() - bt.paramCount();
        Label end = new Label();
        Label label = kind == OpCode.LOOP ? new Label() : end;
        Ctl c = new Ctl(kind, bt, height, label, end);
        ctls.add(c);
        if (kind == OpCode.LOOP) {
            mv.visitLabel(label);
            ranges.enterLoop(bt.paramCount());
        }
        if (kind == OpCode.IF) {
            c.elseLabel = new Label();
            mv.visitJumpInsn(IFEQ, c.elseLabel);
        }
    }

    private void elseOf(Ctl c) {
        if (reachable) {
            mv.visitJumpInsn(GOTO, c.end);
            c.endReachable = true;
        }
        mv.visitLabel(c.elseLabel);
        c.elseLabel = null;
        ranges.forgetLocals();
        resetStack(c.height);
        pushAll(c.type.params());
        reachable = true;
    }

    private void end() {
        Ctl c = closeCtl();
        if (reachable) {
            c.endReachable = true;
        }
        if (c.elseLabel != null) {
            // if without else: the false path falls through with the parameters as results
            mv.visitLabel(c.elseLabel);
            c.endReachable = true;
        }
        mv.visitLabel(c.end);
        ranges.forgetLocals();
        resetStack(c.height);
        pushAll(c.type.results());
        reachable = c.endReachable;
        if (ctls.isEmpty() && region == null && reachable) {
            emitReturn();
        }
    }

    private Ctl closeCtl() {
        Ctl c = ctls.remove(ctls.size() - 1);
        if (c.countable) {
            countableLoops--;
        }
        return c;
    }

    private Ctl target(long depth) {
        return ctls.get(ctls.size() - 1 - (int) depth);
    }

    /** True when a branch to {@code depth} leaves this region method. */
    private boolean exits(long depth) {
        return depth >= ctls.size();
    }

    /** A jump that needs nothing but a goto: inside this method, no values to drop, not a return. */
    private boolean isPlainJump(long depth) {
        if (exits(depth)) {
            return false;
        }
        Ctl c = target(depth);
        return !needsAdjust(c) && (region != null || ctls.get(0) != c);
    }

    /** Branches to the label {@code depth} levels out, whatever it takes. */
    private void branchToDepth(long depth) {
        branchToDepth(depth, -1);
    }

    /** As {@link #branchToDepth(long)}, for the {@code br} at {@code index} (-1: not a {@code br}). */
    private void branchToDepth(long depth, int index) {
        if (region != null && exits(depth)) {
            int code = (int) depth - ctls.size() + 1;
            if (!dispatchInGroup(code, index)) {
                exitRegion(code, region.exits.get(code));
            }
            return;
        }
        branchTo(target(depth));
    }

    /** The label of a plain jump, marking the block's end as reached. */
    private Label plainLabel(long depth) {
        Ctl c = target(depth);
        if (c.kind != OpCode.LOOP) {
            c.endReachable = true;
        }
        c.targeted = true;
        return c.label;
    }


    /** Drops the values between the target's base and the carried values, keeping the latter. */
    private void adjustFor(Ctl c) {
        ValType[] keep = c.labelTypes();
        int drop = stack.size() - keep.length - c.height;
        if (drop == 0) {
            return;
        }
        int[] temps = new int[keep.length];
        for (int k = keep.length - 1; k >= 0; k--) {
            temps[k] = takeTemp(keep[k]);
            mv.visitVarInsn(Jvm.storeOp(keep[k]), temps[k]);
        }
        for (int i = stack.size() - keep.length - 1; i >= c.height; i--) {
            Jvm.pop(mv, stack.get(i));
        }
        for (int k = 0; k < keep.length; k++) {
            mv.visitVarInsn(Jvm.loadOp(keep[k]), temps[k]);
            releaseTemp(keep[k], temps[k]);
        }
    }

    private boolean needsAdjust(Ctl c) {
        return stack.size() - c.labelTypes().length - c.height != 0;
    }

    /** Jumps to {@code c} with the stack as it is (not modified in the tracked stack). */
    private void branchTo(Ctl c) {
        if (region == null && ctls.get(0) == c) {
            // branch to the function's outermost label: a return
            emitReturnWith(c.type.results());
            return;
        }
        adjustFor(c);
        if (c.kind != OpCode.LOOP) {
            c.endReachable = true;
        }
        c.targeted = true;
        mv.visitJumpInsn(GOTO, c.label);
    }

    private void emitReturn() {
        emitReturnWith(type.results());
    }

    /** Returns the top values of the stack; values below them are left (the JVM allows it). */
    private void emitReturnWith(ValType[] results) {
        if (region == null && ModuleEmitter.cachesFrame(plan)) {
            // the frame back to the instance (a trap skips this: the next call allocates)
            loadInst();
            mv.visitVarInsn(ALOAD, frameSlot);
            mv.visitFieldInsn(PUTFIELD, module.className, ModuleEmitter.frameCacheField(funcIndex), "[J");
        }
        if (results.length == 0) {
            mv.visitInsn(RETURN);
            return;
        }
        for (int k = results.length - 1; k >= 1; k--) {
            ValType t = results[k];
            int tmp = takeTemp(t);
            mv.visitVarInsn(Jvm.storeOp(t), tmp);
            loadInst();
            if (t.isReference()) {
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "mvRefs", "[Ljava/lang/Object;");
                Jvm.pushInt(mv, k - 1);
                mv.visitVarInsn(ALOAD, tmp);
                mv.visitInsn(AASTORE);
            } else {
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "mvBits", "[J");
                Jvm.pushInt(mv, k - 1);
                mv.visitVarInsn(Jvm.loadOp(t), tmp);
                Jvm.toBits(mv, t);
                mv.visitInsn(LASTORE);
            }
            releaseTemp(t, tmp);
        }
        mv.visitInsn(Jvm.returnOp(results[0]));
    }

    /** After a call: results 2..n from this instance's return area. */
    private void pushExtraResults(FuncType ft) {
        for (int k = 1; k < ft.resultCount(); k++) {
            ValType t = ft.result(k);
            loadInst();
            if (t.isReference()) {
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "mvRefs", "[Ljava/lang/Object;");
                Jvm.pushInt(mv, k - 1);
                mv.visitInsn(AALOAD);
                Jvm.castRef(mv, t);
            } else {
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "mvBits", "[J");
                Jvm.pushInt(mv, k - 1);
                mv.visitInsn(LALOAD);
                Jvm.fromBits(mv, t);
            }
        }
    }

    // ---- address arithmetic ----

    /**
     * {@code i64.extend_i32_u; i64.const k; i64.add; i32.wrap_i64} is {@code x + (int) k}: the low
     * 32 bits of a sum depend only on the low 32 bits of its operands. Go computes every address
     * beyond a load's offset this way (56,808 times in the test scenarios program); done in 32
     * bits it is one {@code iadd} instead of a widening call, a long add and a narrowing.
     */
    private boolean fuseWrappedAdd(List<? extends Instruction> code, int i) {
        if (code.get(i).opcode() != OpCode.I64_EXTEND_I32_U || code.get(i + 1).opcode() != OpCode.I64_CONST
                || code.get(i + 2).opcode() != OpCode.I64_ADD || code.get(i + 3).opcode() != OpCode.I32_WRAP_I64) {
            return false;
        }
        int k = (int) code.get(i + 1).operand(0);
        if (k != 0) {
            Jvm.pushInt(mv, k);
            mv.visitInsn(IADD);
        }
        ranges.topChanged();
        return true; // i32 in, i32 out: the tracked types are unchanged
    }

    // ---- compare-and-branch fusion ----

    /** {@code cmp; br_if} and {@code cmp; if} become one conditional jump. */
    private boolean fuseCompare(Instruction cmp, Instruction next) {
        OpCode n = next.opcode();
        if (n != OpCode.BR_IF && n != OpCode.IF) {
            return false;
        }
        int[] jump = compareJump(cmp.opcode());
        if (jump == null) {
            return false;
        }
        OpSignatures.Sig sig = OpSignatures.of(cmp.opcode());
        // jump[0]: preparation kind, jump[1]: JVM opcode that jumps when the comparison holds
        emitComparePrefix(cmp.opcode());
        popN(sig.params.length);
        int holds = jump[1];
        if (n == OpCode.IF) {
            FuncType bt = BlockTypes.of(m, next);
            int height = stack.size() - bt.paramCount();
            Label end = new Label();
            Ctl c = new Ctl(OpCode.IF, bt, height, end, end);
            c.elseLabel = new Label();
            ctls.add(c);
            mv.visitJumpInsn(negate(holds), c.elseLabel);
        } else {
            long depth = next.operand(0);
            if (isPlainJump(depth)) {
                mv.visitJumpInsn(holds, plainLabel(depth));
            } else {
                Label skip = new Label();
                mv.visitJumpInsn(negate(holds), skip);
                branchToDepth(depth);
                mv.visitLabel(skip);
            }
        }
        return true;
    }

    private static final int PREP_NONE = 0;

    /** For a comparison: {prep, jump-if-true opcode}, or null when it is not one. */
    private static int[] compareJump(OpCode op) {
        switch (op) {
            case I32_EQZ: return new int[] {PREP_NONE, IFEQ};
            case I32_EQ: return new int[] {PREP_NONE, IF_ICMPEQ};
            case I32_NE: return new int[] {PREP_NONE, IF_ICMPNE};
            case I32_LT_S: return new int[] {PREP_NONE, IF_ICMPLT};
            case I32_GT_S: return new int[] {PREP_NONE, IF_ICMPGT};
            case I32_LE_S: return new int[] {PREP_NONE, IF_ICMPLE};
            case I32_GE_S: return new int[] {PREP_NONE, IF_ICMPGE};
            case I32_LT_U: return new int[] {PREP_NONE, IF_ICMPLT};
            case I32_GT_U: return new int[] {PREP_NONE, IF_ICMPGT};
            case I32_LE_U: return new int[] {PREP_NONE, IF_ICMPLE};
            case I32_GE_U: return new int[] {PREP_NONE, IF_ICMPGE};
            case I64_EQZ: return new int[] {PREP_NONE, IFEQ};
            case I64_EQ: return new int[] {PREP_NONE, IFEQ};
            case I64_NE: return new int[] {PREP_NONE, IFNE};
            case I64_LT_S: case I64_LT_U: return new int[] {PREP_NONE, IFLT};
            case I64_GT_S: case I64_GT_U: return new int[] {PREP_NONE, IFGT};
            case I64_LE_S: case I64_LE_U: return new int[] {PREP_NONE, IFLE};
            case I64_GE_S: case I64_GE_U: return new int[] {PREP_NONE, IFGE};
            case F32_EQ: case F64_EQ: return new int[] {PREP_NONE, IFEQ};
            case F32_NE: case F64_NE: return new int[] {PREP_NONE, IFNE};
            case F32_LT: case F64_LT: return new int[] {PREP_NONE, IFLT};
            case F32_GT: case F64_GT: return new int[] {PREP_NONE, IFGT};
            case F32_LE: case F64_LE: return new int[] {PREP_NONE, IFLE};
            case F32_GE: case F64_GE: return new int[] {PREP_NONE, IFGE};
            default: return null;
        }
    }

    /** Turns the operands of a comparison into what its jump opcode tests. */
    private void emitComparePrefix(OpCode op) {
        switch (op) {
            case I32_LT_U: case I32_GT_U: case I32_LE_U: case I32_GE_U:
                if (ranges.comparesSigned()) {
                    clampUnknownOperands();
                } else {
                    flipSignsI32();
                }
                break;
            case I64_EQZ:
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                break;
            case I64_EQ: case I64_NE: case I64_LT_S: case I64_GT_S: case I64_LE_S: case I64_GE_S:
                mv.visitInsn(LCMP);
                break;
            case I64_LT_U: case I64_GT_U: case I64_LE_U: case I64_GE_U:
                flipSignsI64();
                mv.visitInsn(LCMP);
                break;
            // NaN must make every comparison but ne false: pick the FCMP variant that maps NaN
            // to the failing side of each test.
            case F32_LT: case F32_LE:
                mv.visitInsn(FCMPG);
                break;
            case F32_EQ: case F32_NE: case F32_GT: case F32_GE:
                mv.visitInsn(FCMPL);
                break;
            case F64_LT: case F64_LE:
                mv.visitInsn(DCMPG);
                break;
            case F64_EQ: case F64_NE: case F64_GT: case F64_GE:
                mv.visitInsn(DCMPL);
                break;
            default:
                break;
        }
    }

    /**
     * Unsigned order is signed order with both sign bits flipped. Done inline rather than with
     * {@code Integer/Long.compareUnsigned}: those are calls to shared JDK methods whose branches
     * C2 must fold back into one comparison, and whose profile and trap counts are the whole
     * JVM's (every inlined copy adds its trap count to the compile's, see DESIGN.md decision 29).
     */
    private void flipSignsI32() {
        // a b -> a (b ^ MIN) -> (b ^ MIN) a -> (b ^ MIN) (a ^ MIN) -> (a ^ MIN) (b ^ MIN)
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
    }

    /**
     * When one operand of an unsigned i32 comparison is known to lie in [0, 2^31 - 2]
     * ({@link IndexRanges}), the signed comparison of the operands is the unsigned one once each
     * other operand x becomes {@code x < 0 ? MAX_VALUE : x}: as unsigned numbers, a negative x is
     * above every known value, and so is MAX_VALUE. A loop whose exit test this makes signed is
     * one C2 can count (DESIGN.md decision 31); the clamp of a loop-invariant bound is hoisted.
     */
    private void clampUnknownOperands() {
        if (ranges.unknown(0)) {
            clampTop();
        }
        if (ranges.unknown(1)) {
            mv.visitInsn(SWAP);
            clampTop();
            mv.visitInsn(SWAP);
        }
    }

    /** x -> (x >> 31 >>> 1) | (x & MAX_VALUE): MAX_VALUE for a negative x, else x. */
    private void clampTop() {
        mv.visitInsn(DUP);
        mv.visitIntInsn(BIPUSH, 31);
        mv.visitInsn(ISHR);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IUSHR);
        mv.visitInsn(SWAP);
        mv.visitLdcInsn(Integer.MAX_VALUE);
        mv.visitInsn(IAND);
        mv.visitInsn(IOR);
    }

    private void flipSignsI64() {
        // a b -> a b' -> b' a -> b' a' -> a' b'
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
    }

    private static int negate(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            case IF_ICMPEQ: return IF_ICMPNE;
            case IF_ICMPNE: return IF_ICMPEQ;
            case IF_ICMPLT: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLT;
            case IF_ICMPGT: return IF_ICMPLE;
            case IF_ICMPLE: return IF_ICMPGT;
            case IFNULL: return IFNONNULL;
            case IFNONNULL: return IFNULL;
            default: throw new IllegalArgumentException("jump " + jump);
        }
    }

    /** Materializes a comparison as an i32 0 or 1. */
    private void compareToInt(int holds) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(holds, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    // ---- one instruction (reachable code only) ----

    private void instruction(Instruction ins, int index) {
        ranges.before(ins);
        emitInstruction(ins, index);
        ranges.after(ins);
    }

    private void emitInstruction(Instruction ins, int index) {
        OpCode op = ins.opcode();
        int[] cmp = compareJump(op);
        if (cmp != null) {
            emitComparePrefix(op);
            popN(OpSignatures.of(op).params.length);
            compareToInt(cmp[1]);
            push(ValType.I32);
            return;
        }
        if (OpSignatures.isMemoryAccess(op)) {
            memoryAccess(ins);
            return;
        }
        OpSignatures.Sig sig = OpSignatures.of(op);
        if (sig != null) {
            popN(sig.params.length);
            numeric(ins);
            pushAll(sig.results);
            return;
        }
        switch (op) {
            case NOP:
                return;
            case UNREACHABLE:
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TRAP, "unreachable", "()L" + Jvm.TRAP + ";", false);
                mv.visitInsn(ATHROW);
                reachable = false;
                return;
            case BLOCK:
                enter(op, BlockTypes.of(m, ins));
                return;
            case LOOP:
                enter(op, BlockTypes.of(m, ins));
                recognizeDispatch(ctls.get(ctls.size() - 1), index);
                return;
            case IF:
                pop();
                enter(op, BlockTypes.of(m, ins));
                return;
            case ELSE:
                elseOf(ctls.get(ctls.size() - 1));
                return;
            case END:
                end();
                return;
            case BR:
                if (!threadDispatch(ins.operand(0), index)) {
                    branchToDepth(ins.operand(0), index);
                }
                reachable = false;
                return;
            case BR_IF: {
                pop();
                long depth = ins.operand(0);
                if (isPlainJump(depth)) {
                    mv.visitJumpInsn(IFNE, plainLabel(depth));
                } else {
                    Label skip = new Label();
                    mv.visitJumpInsn(IFEQ, skip);
                    branchToDepth(depth);
                    mv.visitLabel(skip);
                }
                return;
            }
            case BR_TABLE:
                pop();
                Ctl[] cases = noteDispatch(ins.operands(), index);
                if (cases != null && cases[0] != null) {
                    entryFastPath(cases[0]);
                }
                brTable(ins.operands(), plan.dispatchGroups.get(index));
                reachable = false;
                return;
            case RETURN:
                if (region != null) {
                    exitRegion(-1, type.results());
                } else {
                    emitReturn();
                }
                reachable = false;
                return;
            case CALL:
                call((int) ins.operand(0));
                return;
            case CALL_INDIRECT:
                callIndirect((int) ins.operand(0), (int) ins.operand(1));
                return;
            case DROP:
                Jvm.pop(mv, pop());
                return;
            case SELECT:
            case SELECT_T:
                select();
                return;
            case LOCAL_GET: {
                int i = (int) ins.operand(0);
                loadLocal(i);
                push(localTypes[i]);
                return;
            }
            case LOCAL_SET: {
                int i = (int) ins.operand(0);
                if (plan.localsInFrame) {
                    storeTopToFrame(localTypes[i], i);
                } else {
                    mv.visitVarInsn(Jvm.storeOp(localTypes[i]), localSlots[i]);
                }
                pop();
                return;
            }
            case LOCAL_TEE: {
                int i = (int) ins.operand(0);
                mv.visitInsn(localTypes[i].slots() == 2 ? DUP2 : DUP);
                if (plan.localsInFrame) {
                    storeTopToFrame(localTypes[i], i);
                } else {
                    mv.visitVarInsn(Jvm.storeOp(localTypes[i]), localSlots[i]);
                }
                return;
            }
            case GLOBAL_GET:
                globalGet((int) ins.operand(0));
                return;
            case GLOBAL_SET:
                globalSet((int) ins.operand(0));
                return;
            case TABLE_GET: {
                int t = (int) ins.operand(0);
                loadTable(t);
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableGet", "(IL" + Jvm.TABLE + ";)Ljava/lang/Object;", false);
                ValType et = m.tables.get(t).elementType;
                Jvm.castRef(mv, et);
                pop();
                push(et);
                return;
            }
            case TABLE_SET:
                loadTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableSet", "(ILjava/lang/Object;L" + Jvm.TABLE + ";)V", false);
                popN(2);
                return;
            case TABLE_SIZE:
                loadTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableSize", "(L" + Jvm.TABLE + ";)I", false);
                push(ValType.I32);
                return;
            case TABLE_GROW:
                loadTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableGrow", "(Ljava/lang/Object;IL" + Jvm.TABLE + ";)I", false);
                popN(2);
                push(ValType.I32);
                return;
            case TABLE_FILL:
                loadTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableFill", "(ILjava/lang/Object;IL" + Jvm.TABLE + ";)V", false);
                popN(3);
                return;
            case TABLE_COPY:
                loadTable((int) ins.operand(0));
                loadTable((int) ins.operand(1));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableCopy",
                        "(IIIL" + Jvm.TABLE + ";L" + Jvm.TABLE + ";)V", false);
                popN(3);
                return;
            case TABLE_INIT:
                loadInst();
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "elemSegments", "[[Ljava/lang/Object;");
                Jvm.pushInt(mv, (int) ins.operand(0));
                mv.visitInsn(AALOAD);
                loadTable((int) ins.operand(1));
                mv.visitMethodInsn(INVOKESTATIC, Jvm.TABLE, "tableInit",
                        "(III[Ljava/lang/Object;L" + Jvm.TABLE + ";)V", false);
                popN(3);
                return;
            case ELEM_DROP:
                loadInst();
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "elemSegments", "[[Ljava/lang/Object;");
                Jvm.pushInt(mv, (int) ins.operand(0));
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(AASTORE);
                return;
            case MEMORY_SIZE:
                loadMemory();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, "size", "(L" + Jvm.MEMORY + ";)I", false);
                push(ValType.I32);
                return;
            case MEMORY_GROW:
                loadMemory();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, "grow", "(IL" + Jvm.MEMORY + ";)I", false);
                return;
            case MEMORY_FILL:
                loadMemory();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, "fill", "(IIIL" + Jvm.MEMORY + ";)V", false);
                popN(3);
                return;
            case MEMORY_COPY:
                loadMemory();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, "copy", "(IIIL" + Jvm.MEMORY + ";)V", false);
                popN(3);
                return;
            case MEMORY_INIT:
                loadInst();
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "dataSegments", "[[B");
                Jvm.pushInt(mv, (int) ins.operand(0));
                mv.visitInsn(AALOAD);
                loadMemory();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, "init", "(III[BL" + Jvm.MEMORY + ";)V", false);
                popN(3);
                return;
            case DATA_DROP:
                loadInst();
                mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, "dataSegments", "[[B");
                Jvm.pushInt(mv, (int) ins.operand(0));
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(AASTORE);
                return;
            case REF_NULL:
                mv.visitInsn(ACONST_NULL);
                push((ins.operand(0) & 0x7F) == 0x6F ? ValType.EXTERNREF : ValType.FUNCREF);
                return;
            case REF_IS_NULL: {
                pop();
                compareToInt(IFNULL);
                push(ValType.I32);
                return;
            }
            case REF_FUNC:
                Jvm.pushInt(mv, (int) ins.operand(0));
                loadInst();
                mv.visitMethodInsn(INVOKESTATIC, Jvm.INSTANCE, "refFunc", "(IL" + Jvm.INSTANCE + ";)L" + Jvm.FUNCREF + ";", false);
                push(ValType.FUNCREF);
                return;
            default:
                throw new IllegalStateException("unexpected " + op + " after validation");
        }
    }

    /**
     * @param groups for the dispatch of a loop cut into case groups: the group each index value
     *     selects, whose call this jumps to instead of to the block end (null otherwise)
     */
    private void brTable(long[] depths, SplitPlan.Region[] groups) {
        int n = depths.length - 1;
        Map<Integer, Label> byDepth = new HashMap<>();
        List<Integer> trampolines = new ArrayList<>();
        Label[] labels = new Label[n];
        Label dflt = null;
        for (int i = 0; i <= n; i++) {
            int d = (int) depths[i];
            if (groups != null && i < n && groups[i] != null) {
                labels[i] = groupCalls.computeIfAbsent(groups[i], g -> new Label());
                continue;
            }
            Label l = byDepth.get(d);
            if (l == null) {
                if (isPlainJump(d)) {
                    l = plainLabel(d);
                } else {
                    l = new Label();
                    trampolines.add(d);
                }
                byDepth.put(d, l);
            }
            if (i < n) {
                labels[i] = l;
            } else {
                dflt = l;
            }
        }
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else if (n > DENSE_SWITCH_LIMIT && byDepth.size() < n / 4) {
            denseSwitch(labels, dflt);
        } else {
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        }
        for (int d : trampolines) {
            mv.visitLabel(byDepth.get(d));
            branchToDepth(d);
        }
    }

    /** A br_table longer than this, with few distinct targets, maps entries through a string. */
    private static final int DENSE_SWITCH_LIMIT = 1024;

    /**
     * br_table with many entries but few distinct targets: a tableswitch of n entries costs 4n
     * bytes of the method's 64 KB, so the entry → target map goes into a string constant (one
     * char per entry) and the switch runs over the distinct targets only.
     */
    private void denseSwitch(Label[] labels, Label dflt) {
        List<Label> distinct = new ArrayList<>();
        Map<Label, Integer> number = new HashMap<>();
        StringBuilder map = new StringBuilder(labels.length);
        for (Label l : labels) {
            Integer k = number.get(l);
            if (k == null) {
                k = distinct.size();
                number.put(l, k);
                distinct.add(l);
            }
            map.append((char) k.intValue());
        }
        // index ≥ n (unsigned) takes the default
        mv.visitInsn(DUP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        Jvm.pushInt(mv, labels.length ^ Integer.MIN_VALUE);
        Label inRange = new Label();
        mv.visitJumpInsn(IF_ICMPLT, inRange);
        mv.visitInsn(POP);
        mv.visitJumpInsn(GOTO, dflt);
        mv.visitLabel(inRange);
        String s = map.toString();
        int chunk = 16384; // a constant string holds at most 65535 bytes of modified UTF-8
        if (s.length() <= chunk) {
            mv.visitLdcInsn(s);
        } else {
            mv.visitTypeInsn(NEW, "java/lang/StringBuilder");
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
            for (int i = 0; i < s.length(); i += chunk) {
                mv.visitLdcInsn(s.substring(i, Math.min(s.length(), i + chunk)));
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuilder", "append",
                        "(Ljava/lang/String;)Ljava/lang/StringBuilder;", false);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
        }
        mv.visitInsn(SWAP);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
        mv.visitTableSwitchInsn(0, distinct.size() - 1, dflt, distinct.toArray(new Label[0]));
    }

    private void select() {
        pop(); // condition
        ValType t = pop();
        pop();
        Label second = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, second);
        Jvm.pop(mv, t); // keep the first
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(second);
        if (t.slots() == 2) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
        push(t);
    }

    private void call(int f) {
        FuncType ft = m.funcType(f);
        loadInst();
        if (f < m.importedFuncs) {
            mv.visitMethodInsn(INVOKESTATIC, module.className, ModuleEmitter.importBridgeName(f),
                    module.staticDescriptor(ft), false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, module.ownerOf(f), module.methodNameOf(f), module.staticDescriptor(ft), false);
        }
        popN(ft.paramCount());
        if (ft.resultCount() > 0) {
            push(ft.result(0));
            pushExtraResults(ft);
            for (int k = 1; k < ft.resultCount(); k++) {
                push(ft.result(k));
            }
        }
    }

    private void callIndirect(int typeIndex, int table) {
        FuncType ft = m.types.get(typeIndex);
        loadInst();
        String bridge = module.requestIndirectBridge(typeIndex, table);
        mv.visitMethodInsn(INVOKESTATIC, module.className, bridge, module.indirectDescriptor(ft), false);
        pop(); // index
        popN(ft.paramCount());
        if (ft.resultCount() > 0) {
            push(ft.result(0));
            pushExtraResults(ft);
            for (int k = 1; k < ft.resultCount(); k++) {
                push(ft.result(k));
            }
        }
    }

    private void loadMemory() {
        loadInst();
        mv.visitFieldInsn(GETFIELD, module.className, "m0", "L" + Jvm.MEMORY + ";");
    }

    private void loadTable(int t) {
        loadInst();
        mv.visitFieldInsn(GETFIELD, module.className, "t" + t, "L" + Jvm.TABLE + ";");
    }

    private void globalGet(int g) {
        ParsedModule.GlobalType gt = m.globals.get(g);
        loadInst();
        if (module.isBoxedGlobal(g)) {
            mv.visitFieldInsn(GETFIELD, module.className, module.globalField(g), "L" + Jvm.GLOBAL + ";");
            if (gt.type.isReference()) {
                mv.visitFieldInsn(GETFIELD, Jvm.GLOBAL, "ref", "Ljava/lang/Object;");
                Jvm.castRef(mv, gt.type);
            } else {
                mv.visitFieldInsn(GETFIELD, Jvm.GLOBAL, "bits", "J");
                Jvm.fromBits(mv, gt.type);
            }
        } else {
            mv.visitFieldInsn(GETFIELD, module.className, module.globalField(g), gt.type.descriptor());
        }
        push(gt.type);
    }

    private void globalSet(int g) {
        ParsedModule.GlobalType gt = m.globals.get(g);
        pop();
        if (module.isBoxedGlobal(g)) {
            if (gt.type.isReference()) {
                loadInst();
                mv.visitFieldInsn(GETFIELD, module.className, module.globalField(g), "L" + Jvm.GLOBAL + ";");
                mv.visitInsn(SWAP);
                mv.visitFieldInsn(PUTFIELD, Jvm.GLOBAL, "ref", "Ljava/lang/Object;");
            } else {
                Jvm.toBits(mv, gt.type);
                loadInst();
                mv.visitFieldInsn(GETFIELD, module.className, module.globalField(g), "L" + Jvm.GLOBAL + ";");
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
                mv.visitFieldInsn(PUTFIELD, Jvm.GLOBAL, "bits", "J");
            }
        } else {
            loadInst();
            if (gt.type.slots() == 2) {
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
            } else {
                mv.visitInsn(SWAP);
            }
            mv.visitFieldInsn(PUTFIELD, module.className, module.globalField(g), gt.type.descriptor());
        }
    }

    /**
     * A load or store through its {@code Memory} accessor. Where the address is a local's value
     * inside a loop that is not Go's dispatch loop, so possibly the counter of a loop over
     * memory, the accessor that compares rather than calling {@code Objects.checkIndex}, whose
     * cast of the address would stop C2 from counting the loop (the {@code Memory} accessors'
     * comment; DESIGN.md decision 9).
     */
    private void memoryAccess(Instruction ins) {
        OpCode op = ins.opcode();
        OpSignatures.Sig sig = OpSignatures.of(op);
        boolean ofLocal = countableLoops > 0 && ranges.addressIsLocal(op);
        Jvm.pushInt(mv, (int) ins.operand(1)); // offset: u32, read as such by the accessor
        loadMemory();
        String name = (ofLocal ? MEMORY_METHODS_OF_LOCAL : MEMORY_METHODS)[op.ordinal()];
        mv.visitMethodInsn(INVOKESTATIC, Jvm.MEMORY, name, MEMORY_DESCRIPTORS[op.ordinal()], false);
        popN(sig.params.length);
        pushAll(sig.results);
    }

    /**
     * The accessor of each memory instruction, by opcode ordinal: I32_LOAD8_S → i32Load8S, and its
     * descriptor, {@code (addr, [value,] offset, Memory)}. Built once, not at every access.
     */
    private static final String[] MEMORY_METHODS = new String[OpCode.values().length];
    private static final String[] MEMORY_METHODS_OF_LOCAL = new String[OpCode.values().length];
    private static final String[] MEMORY_DESCRIPTORS = new String[OpCode.values().length];

    static {
        for (OpCode op : OpCode.values()) {
            if (OpSignatures.isMemoryAccess(op)) {
                String[] parts = op.name().toLowerCase(java.util.Locale.ROOT).split("_");
                StringBuilder b = new StringBuilder(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
                }
                MEMORY_METHODS[op.ordinal()] = b.toString();
                MEMORY_METHODS_OF_LOCAL[op.ordinal()] = b.append("OfLocal").toString();
                OpSignatures.Sig sig = OpSignatures.of(op);
                MEMORY_DESCRIPTORS[op.ordinal()] = sig.results.length == 1
                        ? "(IIL" + Jvm.MEMORY + ";)" + sig.results[0].descriptor()
                        : "(I" + sig.params[1].descriptor() + "IL" + Jvm.MEMORY + ";)V";
            }
        }
    }

    private void math(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, Jvm.MATH, name, desc, false);
    }

    private void numeric(Instruction ins) {
        switch (ins.opcode()) {
            case I32_CONST: Jvm.pushInt(mv, (int) ins.operand(0)); return;
            case I64_CONST: Jvm.pushLong(mv, ins.operand(0)); return;
            case F32_CONST: Jvm.pushFloatBits(mv, (int) ins.operand(0)); return;
            case F64_CONST: Jvm.pushDoubleBits(mv, ins.operand(0)); return;

            case I32_CLZ: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false); return;
            case I32_CTZ: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfTrailingZeros", "(I)I", false); return;
            case I32_POPCNT: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false); return;
            case I32_ADD: mv.visitInsn(IADD); return;
            case I32_SUB: mv.visitInsn(ISUB); return;
            case I32_MUL: mv.visitInsn(IMUL); return;
            case I32_DIV_S: math("i32DivS", "(II)I"); return;
            case I32_DIV_U: math("i32DivU", "(II)I"); return;
            case I32_REM_S: math("i32RemS", "(II)I"); return;
            case I32_REM_U: math("i32RemU", "(II)I"); return;
            case I32_AND: mv.visitInsn(IAND); return;
            case I32_OR: mv.visitInsn(IOR); return;
            case I32_XOR: mv.visitInsn(IXOR); return;
            case I32_SHL: mv.visitInsn(ISHL); return;
            case I32_SHR_S: mv.visitInsn(ISHR); return;
            case I32_SHR_U: mv.visitInsn(IUSHR); return;
            case I32_ROTL: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false); return;
            case I32_ROTR: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false); return;

            case I64_CLZ:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false);
                mv.visitInsn(I2L);
                return;
            case I64_CTZ:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfTrailingZeros", "(J)I", false);
                mv.visitInsn(I2L);
                return;
            case I64_POPCNT:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false);
                mv.visitInsn(I2L);
                return;
            case I64_ADD: mv.visitInsn(LADD); return;
            case I64_SUB: mv.visitInsn(LSUB); return;
            case I64_MUL: mv.visitInsn(LMUL); return;
            case I64_DIV_S: math("i64DivS", "(JJ)J"); return;
            case I64_DIV_U: math("i64DivU", "(JJ)J"); return;
            case I64_REM_S: math("i64RemS", "(JJ)J"); return;
            case I64_REM_U: math("i64RemU", "(JJ)J"); return;
            case I64_AND: mv.visitInsn(LAND); return;
            case I64_OR: mv.visitInsn(LOR); return;
            case I64_XOR: mv.visitInsn(LXOR); return;
            case I64_SHL: mv.visitInsn(L2I); mv.visitInsn(LSHL); return;
            case I64_SHR_S: mv.visitInsn(L2I); mv.visitInsn(LSHR); return;
            case I64_SHR_U: mv.visitInsn(L2I); mv.visitInsn(LUSHR); return;
            case I64_ROTL:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateLeft", "(JI)J", false);
                return;
            case I64_ROTR:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false);
                return;

            case F32_ABS: math("f32Abs", "(F)F"); return;
            case F32_NEG: math("f32Neg", "(F)F"); return;
            case F32_CEIL: math("f32Ceil", "(F)F"); return;
            case F32_FLOOR: math("f32Floor", "(F)F"); return;
            case F32_TRUNC: math("f32Trunc", "(F)F"); return;
            case F32_NEAREST: math("f32Nearest", "(F)F"); return;
            case F32_SQRT: math("f32Sqrt", "(F)F"); return;
            case F32_ADD: mv.visitInsn(FADD); return;
            case F32_SUB: mv.visitInsn(FSUB); return;
            case F32_MUL: mv.visitInsn(FMUL); return;
            case F32_DIV: mv.visitInsn(FDIV); return;
            case F32_MIN: math("f32Min", "(FF)F"); return;
            case F32_MAX: math("f32Max", "(FF)F"); return;
            case F32_COPYSIGN: math("f32Copysign", "(FF)F"); return;

            case F64_ABS: math("f64Abs", "(D)D"); return;
            case F64_NEG: math("f64Neg", "(D)D"); return;
            case F64_CEIL: math("f64Ceil", "(D)D"); return;
            case F64_FLOOR: math("f64Floor", "(D)D"); return;
            case F64_TRUNC: math("f64Trunc", "(D)D"); return;
            case F64_NEAREST: math("f64Nearest", "(D)D"); return;
            case F64_SQRT: mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false); return;
            case F64_ADD: mv.visitInsn(DADD); return;
            case F64_SUB: mv.visitInsn(DSUB); return;
            case F64_MUL: mv.visitInsn(DMUL); return;
            case F64_DIV: mv.visitInsn(DDIV); return;
            case F64_MIN: math("f64Min", "(DD)D"); return;
            case F64_MAX: math("f64Max", "(DD)D"); return;
            case F64_COPYSIGN: math("f64Copysign", "(DD)D"); return;

            case I32_WRAP_I64: mv.visitInsn(L2I); return;
            case I32_TRUNC_F32_S: math("i32TruncF32S", "(F)I"); return;
            case I32_TRUNC_F32_U: math("i32TruncF32U", "(F)I"); return;
            case I32_TRUNC_F64_S: math("i32TruncF64S", "(D)I"); return;
            case I32_TRUNC_F64_U: math("i32TruncF64U", "(D)I"); return;
            case I64_EXTEND_I32_S: mv.visitInsn(I2L); return;
            case I64_EXTEND_I32_U:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
                return;
            case I64_TRUNC_F32_S: math("i64TruncF32S", "(F)J"); return;
            case I64_TRUNC_F32_U: math("i64TruncF32U", "(F)J"); return;
            case I64_TRUNC_F64_S: math("i64TruncF64S", "(D)J"); return;
            case I64_TRUNC_F64_U: math("i64TruncF64U", "(D)J"); return;
            case F32_CONVERT_I32_S: mv.visitInsn(I2F); return;
            case F32_CONVERT_I32_U: math("f32ConvertI32U", "(I)F"); return;
            case F32_CONVERT_I64_S: mv.visitInsn(L2F); return;
            case F32_CONVERT_I64_U: math("f32ConvertI64U", "(J)F"); return;
            case F32_DEMOTE_F64: mv.visitInsn(D2F); return;
            case F64_CONVERT_I32_S: mv.visitInsn(I2D); return;
            case F64_CONVERT_I32_U: math("f64ConvertI32U", "(I)D"); return;
            case F64_CONVERT_I64_S: mv.visitInsn(L2D); return;
            case F64_CONVERT_I64_U: math("f64ConvertI64U", "(J)D"); return;
            case F64_PROMOTE_F32: mv.visitInsn(F2D); return;
            case I32_REINTERPRET_F32:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                return;
            case I64_REINTERPRET_F64:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                return;
            case F32_REINTERPRET_I32:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                return;
            case F64_REINTERPRET_I64:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                return;
            case I32_EXTEND_8_S: mv.visitInsn(I2B); return;
            case I32_EXTEND_16_S: mv.visitInsn(I2S); return;
            case I64_EXTEND_8_S: mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); return;
            case I64_EXTEND_16_S: mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); return;
            case I64_EXTEND_32_S: mv.visitInsn(L2I); mv.visitInsn(I2L); return;
            case I32_TRUNC_SAT_F32_S: mv.visitInsn(F2I); return;
            case I32_TRUNC_SAT_F32_U: math("i32TruncSatF32U", "(F)I"); return;
            case I32_TRUNC_SAT_F64_S: mv.visitInsn(D2I); return;
            case I32_TRUNC_SAT_F64_U: math("i32TruncSatF64U", "(D)I"); return;
            case I64_TRUNC_SAT_F32_S: mv.visitInsn(F2L); return;
            case I64_TRUNC_SAT_F32_U: math("i64TruncSatF32U", "(F)J"); return;
            case I64_TRUNC_SAT_F64_S: mv.visitInsn(D2L); return;
            case I64_TRUNC_SAT_F64_U: math("i64TruncSatF64U", "(D)J"); return;
            default:
                throw new IllegalStateException("no translation for " + ins.opcode());
        }
    }
}
