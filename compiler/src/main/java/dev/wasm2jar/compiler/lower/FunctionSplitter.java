package dev.wasm2jar.compiler.lower;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.parse.BlockTypes;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where a function is cut so that each JVM method stays within a bytecode budget.
 *
 * <p>The body is a tree of constructs; inside each construct body, the points where the operand
 * stack (relative to the construct) is empty split it into statements. Bodies are reduced bottom
 * up: when a body's estimated size exceeds the budget, the largest runs of consecutive whole
 * statements that fit a method of their own are outlined until it fits. A run that is
 * stack-neutral and made of complete constructs can be moved to another method as long as the
 * locals travel with it and its branches to enclosing labels are replayed by the caller.
 */
public final class FunctionSplitter {
    /**
     * Estimated bytecode bytes a generated method may hold before the function is cut into
     * several methods. HotSpot does not JIT-compile methods above 8000 bytes
     * ({@code -XX:-DontCompileHugeMethods} aside); the estimate leans high, so this leaves room.
     */
    public static final int DEFAULT_BUDGET = 6000;

    /**
     * The budget of each method of a function that does not fit {@link #DEFAULT_BUDGET} and is
     * cut anyway (on the first try; see {@code ModuleEmitter}). C2 stops inlining into a method
     * once it and what it inlined reach 8000 bytes of bytecode ({@code DesiredMethodLimit}), and
     * each inlined memory access brings ~75 of them (the accessor, and what under the
     * {@code VarHandle} is not force-inlined): cut at 6000, the pieces of Go's {@code mallocgc}
     * left accesses on its allocation path as calls (DESIGN.md decision 16).
     */
    public static final int PIECE_BUDGET = 3000;

    private final ParsedModule m;
    private final List<? extends Instruction> code;
    private final int[] heights;
    private final int[] matchEnd;
    private final int[] elseAt;
    private final int[] size;
    private final int budget;
    private final int localCount;
    private final boolean localsInFrame;
    private final List<SplitPlan.Region> found = new ArrayList<>();
    /** Labels enclosing each region's start (the function's own label included), by region id. */
    private int[] regionLevel;

    private FunctionSplitter(ParsedModule m, int funcIndex, int[] heights, int budget) {
        this.m = m;
        this.code = m.code(funcIndex);
        this.heights = heights;
        this.budget = budget;
        this.localCount = m.funcType(funcIndex).paramCount() + m.locals(funcIndex).length;
        this.localsInFrame = localCount > MAX_COPIED_LOCALS;
        int n = code.size();
        matchEnd = new int[n];
        elseAt = new int[n];
        size = new int[n];
        int[] open = new int[n + 1];
        int depth = 0;
        for (int i = 0; i < n; i++) {
            Instruction ins = code.get(i);
            size[i] = CodeSize.of(ins);
            if (localsInFrame && isLocalOp(ins.opcode())) {
                size[i] += 4; // array access instead of a JVM local
            }
            elseAt[i] = -1;
            switch (ins.opcode()) {
                case BLOCK: case LOOP: case IF:
                    open[depth++] = i;
                    break;
                case ELSE:
                    elseAt[open[depth - 1]] = i;
                    break;
                case END:
                    if (depth > 0) {
                        matchEnd[open[--depth]] = i;
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * @param heights operand stack heights from validation (-1 where unreachable)
     * @param budget the most estimated bytecode bytes of a function left whole
     * @param pieceBudget the most estimated bytecode bytes per method of a function that is cut
     */
    public static SplitPlan plan(ParsedModule m, int funcIndex, int[] heights, int budget, int pieceBudget) {
        if (fits(m, funcIndex, budget)) {
            return SplitPlan.NONE; // most functions: no tables built
        }
        FunctionSplitter s = new FunctionSplitter(m, funcIndex, heights, pieceBudget);
        s.reduce(0, s.code.size() - 1);
        if (s.found.isEmpty()) {
            return SplitPlan.NONE;
        }
        return s.finish(funcIndex);
    }

    /** Whether the whole function's estimate is within {@code budget}, as the constructor would sum it. */
    private static boolean fits(ParsedModule m, int funcIndex, int budget) {
        List<? extends Instruction> code = m.code(funcIndex);
        boolean localsInFrame = m.funcType(funcIndex).paramCount() + m.locals(funcIndex).length > MAX_COPIED_LOCALS;
        int total = 0;
        for (int i = 0; i < code.size() && total <= budget; i++) {
            Instruction ins = code.get(i);
            total += CodeSize.of(ins) + (localsInFrame && isLocalOp(ins.opcode()) ? 4 : 0);
        }
        return total <= budget;
    }

    /** Estimated size of the statements in [from, to) after outlining inside it. */
    private int reduce(int from, int to) {
        List<int[]> segments = new ArrayList<>(); // {start, end, size, outlinable, local operations}
        int segStart = from;
        int segSize = 0;
        int i = from;
        while (i < to) {
            if (i > segStart && heights[i] == 0) {
                segments.add(new int[] {segStart, i, segSize, 0, localOps(segStart, i)});
                segStart = i;
                segSize = 0;
            }
            Instruction ins = code.get(i);
            OpCode op = ins.opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                int end = matchEnd[i];
                int els = elseAt[i];
                int s = size[i];
                Chain chain = op == OpCode.LOOP ? dispatchChain(i) : null;
                if (chain != null) {
                    s += reduceChain(chain);
                } else if (els >= 0) {
                    s += reduce(i + 1, els) + size[els] + reduce(els + 1, end);
                } else {
                    s += reduce(i + 1, end);
                }
                segSize += s;
                i = end + 1;
            } else {
                segSize += size[i];
                i++;
            }
        }
        segments.add(new int[] {segStart, to, segSize, 0, localOps(segStart, to)});
        int total = 0;
        for (int[] seg : segments) {
            // a statement starts where the relative stack is empty and ends where it is empty
            // again or unreachable
            boolean startsEmpty = heights[seg[0]] == 0;
            boolean endsEmpty = heights[seg[1]] == 0 || heights[seg[1]] == -1;
            seg[3] = startsEmpty && endsEmpty ? 1 : 0;
            total += seg[2];
        }
        while (total > budget) {
            // the largest run of outlinable segments that fits one method
            int bestFrom = -1, bestTo = -1, bestSize = 0, bestLocals = 0;
            int runFrom = 0, runSize = 0, runLocals = 0;
            for (int k = 0; k < segments.size(); k++) {
                int[] seg = segments.get(k);
                if (seg[3] != 1) { // not a statement, or already outlined
                    runFrom = k + 1;
                    runSize = 0;
                    runLocals = 0;
                    continue;
                }
                runSize += seg[2];
                runLocals += seg[4];
                while (runSize > budget && runFrom <= k) {
                    runSize -= segments.get(runFrom)[2];
                    runLocals -= segments.get(runFrom)[4];
                    runFrom++;
                }
                if (runSize > bestSize) {
                    bestSize = runSize;
                    bestLocals = runLocals;
                    bestFrom = runFrom;
                    bestTo = k;
                }
            }
            // The call copies each local the region uses to the frame and the written ones back.
            // Outline when that shrinks the method, or, under a budget too small for any stub
            // (tests use one to cut everything), whenever the run is a fair part of the budget.
            int stub = STUB_BASE + (localsInFrame ? 0 : STUB_PER_LOCAL * Math.min(bestLocals, localCount));
            if (bestFrom < 0 || bestSize <= Math.min(stub, budget / 2)) {
                break;
            }
            int start = segments.get(bestFrom)[0];
            int end = segments.get(bestTo)[1];
            found.add(new SplitPlan.Region(start, end, found.size()));
            int[] merged = {start, end, stub, 2, 0}; // 2: already outlined
            for (int k = bestTo; k >= bestFrom; k--) {
                segments.remove(k);
            }
            segments.add(bestFrom, merged);
            total = total - bestSize + stub;
        }
        return total;
    }

    /**
     * A dispatch loop as Go's compiler emits every function (and as interpreters are written):
     *
     * <pre>
     * loop L
     *   block B1 ... block Bn          (empty block types)
     *     [local.get pc] br_table ...   (the body of Bn: the dispatch)
     *   end  C_n ...                    (case n: runs after Bn's end, falls through)
     *   end  C_(n-1) ...
     *   ...
     * end  C_1 ...  end L
     * </pre>
     *
     * Each {@code C_k} is the code between the end of {@code B_k} and the end of the block that
     * encloses it. Such a loop is cut into case groups, not into nested statements: cutting the
     * nest of blocks would put the dispatch itself, and so a call, on every iteration.
     */
    private static final class Chain {
        /** Instruction index of the loop and of B1..Bn, outermost first. */
        final int loop;
        final int[] blocks;
        /** [start, end) of C_k at index k - 1. */
        final int[] caseStart;
        final int[] caseEnd;
        /** The dispatch's index local, or -1; the br_table's depths. */
        final int pcLocal;
        final long[] depths;

        Chain(int loop, int[] blocks, int[] caseStart, int[] caseEnd, int pcLocal, long[] depths) {
            this.loop = loop;
            this.blocks = blocks;
            this.caseStart = caseStart;
            this.caseEnd = caseEnd;
            this.pcLocal = pcLocal;
            this.depths = depths;
        }

        int n() {
            return blocks.length;
        }
    }

    /** The dispatch chain of the loop at {@code loop}, or null when it has not that shape. */
    private Chain dispatchChain(int loop) {
        DispatchLoop d = DispatchLoop.at(m, code, loop);
        if (d == null || d.blocks.length < 2) {
            return null;
        }
        int n = d.blocks.length;
        int[] caseStart = new int[n];
        int[] caseEnd = new int[n];
        for (int k = 1; k <= n; k++) {
            caseStart[k - 1] = matchEnd[d.blocks[k - 1]] + 1;
            caseEnd[k - 1] = k > 1 ? matchEnd[d.blocks[k - 2]] : matchEnd[loop];
            if (caseStart[k - 1] < caseEnd[k - 1] && heights[caseStart[k - 1]] != 0) {
                return null;
            }
        }
        return new Chain(loop, d.blocks, caseStart, caseEnd, d.pcLocal, code.get(d.brTable).operands());
    }

    /**
     * Estimated size of a dispatch loop's body after cutting: the dispatch stays, and the cases,
     * each reduced on its own, go in runs that fit a method ("case groups", entered at any of
     * their cases) when the whole does not fit.
     */
    private int reduceChain(Chain c) {
        int n = c.n();
        int inner = c.blocks[n - 1];
        int dispatch = 0;
        for (int q = inner + 1; q < matchEnd[inner]; q++) {
            dispatch += size[q];
        }
        int[] caseSize = new int[n + 1];
        int total = dispatch;
        for (int k = n; k >= 1; k--) {
            caseSize[k] = reduce(c.caseStart[k - 1], c.caseEnd[k - 1]);
            total += caseSize[k];
        }
        if (total <= budget) {
            return total;
        }
        total = dispatch;
        int innerBrTable = matchEnd[inner] - 1;
        SplitPlan.Region[] byPc = c.pcLocal >= 0 ? new SplitPlan.Region[c.depths.length - 1] : null;
        int a = n;
        while (a >= 1) {
            // the longest run C_a, C_(a-1), ..., C_b that fits; at least one case
            int b = a;
            int groupSize = caseSize[a];
            while (b > 1 && groupSize + caseSize[b - 1] <= budget - GROUP_OVERHEAD) {
                b--;
                groupSize += caseSize[b];
            }
            int m = a - b;
            if (groupSize + m > 0) {
                SplitPlan.Region g = addGroup(c, a, b);
                total += GROUP_STUB + (localsInFrame ? 0 : STUB_PER_LOCAL * Math.min(localOps(g.start, g.end), localCount));
                if (byPc != null) {
                    for (int p = 0; p < byPc.length; p++) {
                        if (g.pcEntries[p] >= 0) {
                            byPc[p] = g;
                        }
                    }
                } else {
                    total += TRAMPOLINE * m;
                }
            }
            a = b - 1;
        }
        if (byPc != null) {
            dispatchGroups.put(innerBrTable, byPc);
        }
        return total;
    }

    /** Dispatches whose cases went into groups, for the plan (see SplitPlan#dispatchGroups). */
    private final java.util.Map<Integer, SplitPlan.Region[]> dispatchGroups = new java.util.HashMap<>();

    /** Outlines cases C_a..C_b (a ≥ b) as one case group. */
    private SplitPlan.Region addGroup(Chain c, int a, int b) {
        int n = c.n();
        SplitPlan.Region r = new SplitPlan.Region(c.caseStart[a - 1], c.caseEnd[b - 1], found.size());
        int m = a - b;
        r.entryBlocks = new int[m];
        for (int e = 1; e <= m; e++) {
            r.entryBlocks[e - 1] = c.blocks[a - e - 1]; // entry e starts after the end of B_(a-e)
        }
        if (c.pcLocal >= 0) {
            r.pcLocal = c.pcLocal;
            r.loopExitCode = b; // labels enclosing the group's end: B_(b-1) .. B_1, then the loop
            r.pcEntries = new int[c.depths.length - 1];
            for (int p = 0; p < r.pcEntries.length; p++) {
                long d = c.depths[p];
                int k = d < n ? n - (int) d : -1;
                r.pcEntries[p] = k >= b && k <= a ? a - k : -1;
            }
        }
        found.add(r);
        return r;
    }

    /** Estimated bytes a case group costs its method beyond its cases: the entry switches and exits. */
    private static final int GROUP_OVERHEAD = 64;
    /** Estimated bytes of calling a case group, locals aside: entries, call, exit dispatch. */
    private static final int GROUP_STUB = 48;
    /** Per entry of a case group: setting the entry and jumping to the call. */
    private static final int TRAMPOLINE = 8;

    private static boolean isLocalOp(OpCode op) {
        return op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE;
    }

    /** Above this many locals, a split function keeps its locals in the frame (see SplitPlan). */
    private static final int MAX_COPIED_LOCALS = 64;

    /** Estimated bytes of a call to a region: the call and its exit dispatch... */
    private static final int STUB_BASE = 16;
    /** ...plus copying a local to the frame and back. */
    private static final int STUB_PER_LOCAL = 12;

    /** Local variable instructions in [from, to): a bound on the locals a region there uses. */
    private int localOps(int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (isLocalOp(code.get(k).opcode())) {
                n++;
            }
        }
        return n;
    }

    private SplitPlan finish(int funcIndex) {
        FuncType ft = m.funcType(funcIndex);
        ValType[] localTypes = new ValType[localCount];
        for (int i = 0; i < ft.paramCount(); i++) {
            localTypes[i] = ft.param(i);
        }
        // label types of every construct, to type the values exits carry
        List<ValType[]> labelStack = new ArrayList<>();
        int maxCarried = ft.resultCount();
        ValType[][] labelTypesAt = new ValType[code.size()][];
        for (int i = 0; i < code.size(); i++) {
            Instruction ins = code.get(i);
            OpCode op = ins.opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                FuncType bt = BlockTypes.of(m, ins);
                labelTypesAt[i] = op == OpCode.LOOP ? bt.params() : bt.results();
                maxCarried = Math.max(maxCarried, labelTypesAt[i].length);
            }
        }
        SplitPlan plan = new SplitPlan(localCount, localCount + maxCarried, localsInFrame);
        for (SplitPlan.Region r : found) {
            plan.add(r);
        }
        plan.dispatchGroups.putAll(dispatchGroups);
        // Walk the body once with the stack of enclosing label types; describe each region.
        labelStack.add(ft.results()); // the function's own label
        List<SplitPlan.Region> openRegions = new ArrayList<>();
        regionLevel = new int[found.size()];
        for (int i = 0; i < code.size(); i++) {
            List<SplitPlan.Region> startingHere = plan.regionsAt(i);
            for (int k = 0; k < startingHere.size(); k++) { // indexed loops: no iterator per instruction
                SplitPlan.Region starting = startingHere.get(k);
                openRegions.add(starting);
                // A case group closes blocks it did not open: count its exits from its end.
                int closed = starting.isGroup() ? starting.entryBlocks.length : 0;
                regionLevel[starting.id] = labelStack.size() - closed;
            }
            Instruction ins = code.get(i);
            OpCode op = ins.opcode();
            for (int k = 0; k < openRegions.size(); k++) {
                describe(openRegions.get(k), ins, labelStack, ft);
            }
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                labelStack.add(labelTypesAt[i]);
            } else if (op == OpCode.END) {
                labelStack.remove(labelStack.size() - 1);
            }
            for (int k = openRegions.size() - 1; k >= 0; k--) {
                SplitPlan.Region r = openRegions.get(k);
                if (r.end == i + 1) {
                    r.fallsThrough = r.end < code.size() && heights[r.end] != -1;
                    openRegions.remove(k);
                }
            }
        }
        for (SplitPlan.Region r : found) {
            if (r.pcLocal >= 0) {
                r.usedLocals.set(r.pcLocal); // read by the in-place dispatch
            }
        }
        return plan;
    }

    /** Records what instruction {@code ins} inside region {@code r} needs from outside. */
    private void describe(SplitPlan.Region r, Instruction ins, List<ValType[]> labelStack, FuncType ft) {
        switch (ins.opcode()) {
            case LOCAL_GET:
                r.usedLocals.set((int) ins.operand(0));
                break;
            case LOCAL_SET:
            case LOCAL_TEE:
                r.usedLocals.set((int) ins.operand(0));
                r.writtenLocals.set((int) ins.operand(0));
                break;
            case RETURN:
                r.exits.put(-1, ft.results());
                break;
            case BR:
            case BR_IF:
                exit(r, (int) ins.operand(0), labelStack);
                break;
            case BR_TABLE:
                for (long d : ins.operands()) {
                    exit(r, (int) d, labelStack);
                }
                break;
            default:
                break;
        }
    }

    private void exit(SplitPlan.Region r, int depth, List<ValType[]> labelStack) {
        int inside = labelStack.size() - regionLevel[r.id];
        if (depth >= inside) {
            int code = depth - inside + 1;
            r.exits.put(code, labelStack.get(labelStack.size() - 1 - depth));
        }
    }

}
