package dev.wasm2jar.runtime;

/**
 * A hand-written stand-in for a generated module class (see the naming contract of
 * {@link ModuleInfo}): public fields {@code f<i>}, {@code m<i>}, {@code t<i>}, {@code g<i>} and
 * public static methods taking the instance last. {@link InstantiatorTest} describes it with
 * different {@link ModuleInfo}s; each uses the fields it needs.
 */
public final class SampleModule extends Instance {
    public FuncRef f0;
    public Memory m0;
    public Table t0;
    public Global g0;
    /** A global the module keeps to itself: a plain field. */
    public int g1;
    /** An exported global: a shared box. */
    public Global g2;

    /** What the start function observed. */
    public int startSawByte = -1;
    public Object startSawElement;
    public int startCalls;

    public SampleModule() {
        super(2);
    }

    public static int twice(int x, SampleModule inst) {
        return 2 * x;
    }

    public static void start(SampleModule inst) {
        inst.startCalls++;
        inst.startSawByte = Memory.i32Load8U(0, 0, inst.m0);
        inst.startSawElement = inst.t0.get(1);
    }

    public static void recurse(SampleModule inst) {
        recurse(inst);
    }

    public static void trap(SampleModule inst) {
        throw Trap.unreachable();
    }
}
