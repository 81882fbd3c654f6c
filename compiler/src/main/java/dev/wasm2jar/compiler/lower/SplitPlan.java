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

        Region(int start, int end, int id) {
            this.start = start;
            this.end = end;
            this.id = id;
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
    private final Map<Integer, Region> byStart = new HashMap<>();
    private final List<Region> regions = new ArrayList<>();

    SplitPlan(int localCount, int frameSize, boolean localsInFrame) {
        this.localCount = localCount;
        this.frameSize = frameSize;
        this.localsInFrame = localsInFrame;
    }

    void add(Region r) {
        byStart.put(r.start, r);
        regions.add(r);
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** The region starting at instruction {@code index}, or null. */
    public Region regionAt(int index) {
        return byStart.get(index);
    }

    public List<Region> regions() {
        return Collections.unmodifiableList(regions);
    }
}
