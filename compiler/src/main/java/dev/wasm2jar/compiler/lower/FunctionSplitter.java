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
        this.code = m.body(funcIndex).instructions();
        this.heights = heights;
        this.budget = budget;
        this.localCount = m.funcType(funcIndex).paramCount() + m.body(funcIndex).localTypes().size();
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
     * @param budget the most estimated bytecode bytes per method
     */
    public static SplitPlan plan(ParsedModule m, int funcIndex, int[] heights, int budget) {
        FunctionSplitter s = new FunctionSplitter(m, funcIndex, heights, budget);
        int total = 0;
        for (int sz : s.size) {
            total += sz;
        }
        if (total <= budget) {
            return SplitPlan.NONE;
        }
        s.reduce(0, s.code.size() - 1);
        if (s.found.isEmpty()) {
            return SplitPlan.NONE;
        }
        return s.finish(funcIndex);
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
                if (els >= 0) {
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
        // Walk the body once with the stack of enclosing label types; describe each region.
        labelStack.add(ft.results()); // the function's own label
        List<Integer> openRegions = new ArrayList<>();
        regionLevel = new int[found.size()];
        for (int i = 0; i < code.size(); i++) {
            SplitPlan.Region starting = plan.regionAt(i);
            if (starting != null) {
                openRegions.add(i);
                regionLevel[starting.id] = labelStack.size();
            }
            Instruction ins = code.get(i);
            OpCode op = ins.opcode();
            for (int rs : openRegions) {
                describe(plan.regionAt(rs), ins, labelStack, ft);
            }
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                labelStack.add(labelTypesAt[i]);
            } else if (op == OpCode.END) {
                labelStack.remove(labelStack.size() - 1);
            }
            for (int k = openRegions.size() - 1; k >= 0; k--) {
                SplitPlan.Region r = plan.regionAt(openRegions.get(k));
                if (r.end == i + 1) {
                    r.fallsThrough = r.end < code.size() && heights[r.end] != -1;
                    openRegions.remove(k);
                }
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
