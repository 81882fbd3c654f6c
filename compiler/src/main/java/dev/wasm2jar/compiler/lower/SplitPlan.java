package dev.wasm2jar.compiler.lower;

import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one function is cut into JVM methods: the regions of its body (runs of whole statements,
 * stack-neutral) that become methods of their own, so that no method exceeds the size budget.
 *
 * <p>A region method receives the function's locals through a frame array ({@code long[]} for
 * numbers as bit patterns, {@code Object[]} for references; slot i is local i, slots from
 * {@link #localCount} on carry branch values) and returns an exit code: 0 when it falls
 * through, k &gt; 0 to branch to the (k-1)-th label enclosing the region, -1 to return.
 */
public final class SplitPlan {
    public static final SplitPlan NONE = new SplitPlan(0, 0, false);

    /** One outlined run of instructions. */
    public static final class Region {
        public final int start;
        public final int end;
        public final int id;
        /** Locals read or written inside: copied into the frame before the call. */
        public final BitSet usedLocals = new BitSet();
        /** Locals written inside: copied back from the frame after the call. */
        public final BitSet writtenLocals = new BitSet();
        /** Exit codes other than 0, with the types of the values they carry. */
        public final Map<Integer, ValType[]> exits = new TreeMap<>();
        public boolean fallsThrough;
        /**
         * For a case group (see {@link FunctionSplitter}), the blocks whose {@code end} lies
         * inside the region, innermost first. A group's method takes an entry argument: -1 starts
         * at {@link #start}, -1 - e right after the end of {@code entryBlocks[e - 1]}, and a value
         * p ≥ 0 dispatches like the loop does on index p (see {@link #pcEntries}). Null for a plain
         * region.
         */
        public int[] entryBlocks;
        /**
         * For a case group of a dispatch loop whose index is a local: that local, the exit code of
         * a branch to the loop, and for each index value the entry of this group it dispatches to
         * (0 for the first case, e for the case after the end of {@code entryBlocks[e - 1]}, -1
         * when the case lies elsewhere). A branch to the loop inside the group then dispatches
         * in place instead of returning. {@code pcLocal} is -1 when not known.
         */
        public int pcLocal = -1;
        public int loopExitCode;
        public int[] pcEntries;

        Region(int start, int end, int id) {
            this.start = start;
            this.end = end;
            this.id = id;
        }

        /** Whether the region can be entered at several points (a case group). */
        public boolean isGroup() {
            return entryBlocks != null;
        }
    }

    public final int localCount;
    /** Frame slots: locals plus the most values any exit carries. */
    public final int frameSize;
    /**
     * Whether the function keeps all its locals in the frame rather than in JVM locals: chosen
     * for functions with many locals, where copying them at every region call would cost more
     * code than the regions save.
     */
    public final boolean localsInFrame;
    /** Regions by start index; several can start at one index (nested), outermost first. */
    private final Map<Integer, List<Region>> byStart = new HashMap<>();
    /** The keys of {@link #byStart}: asked at every instruction, answered without boxing. */
    private final java.util.BitSet starts = new java.util.BitSet();
    /**
     * Dispatches of loops cut into case groups, by the index of their {@code br_table}: for each
     * index value, the group holding the case it selects (null: not in a group). The caller calls
     * that group with the index value as its entry.
     */
    public final Map<Integer, Region[]> dispatchGroups = new HashMap<>();
    private final List<Region> regions = new ArrayList<>();

    SplitPlan(int localCount, int frameSize, boolean localsInFrame) {
        this.localCount = localCount;
        this.frameSize = frameSize;
        this.localsInFrame = localsInFrame;
    }

    void add(Region r) {
        starts.set(r.start);
        List<Region> at = byStart.computeIfAbsent(r.start, k -> new ArrayList<>(1));
        at.add(r);
        at.sort((x, y) -> Integer.compare(y.end, x.end));
        regions.add(r);
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** The outermost region starting at instruction {@code index}, or null. */
    public Region regionAt(int index) {
        return starts.get(index) ? byStart.get(index).get(0) : null;
    }

    /**
     * The outermost region starting at {@code index} inside the method of {@code current} (null:
     * the function's own method), or null.
     */
    public Region regionAt(int index, Region current) {
        if (!starts.get(index)) {
            return null; // most instructions, and every one of most functions
        }
        for (Region r : byStart.get(index)) {
            if (current == null || (r != current && r.start >= current.start && r.end <= current.end)) {
                return r;
            }
        }
        return null;
    }

    /** All regions starting at {@code index}, outermost first. */
    List<Region> regionsAt(int index) {
        return starts.get(index) ? byStart.get(index) : List.of();
    }

    public List<Region> regions() {
        return Collections.unmodifiableList(regions);
    }
}
