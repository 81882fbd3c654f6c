package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.Instance;

/**
 * The data the memory benchmarks read: i32 words from an LCG, written by the module's own
 * {@code fill} export on each engine and computed the same way here for plain Java.
 */
final class MemoryData {
    private MemoryData() {}

    static final String MODULE = "memory";
    static final int SEED = 12345;

    /** The words {@code fill(p, n, SEED)} stores. */
    static int[] words(int n) {
        int[] w = new int[n];
        int x = SEED;
        for (int i = 0; i < n; i++) {
            x = x * 1664525 + 1013904223;
            w[i] = x;
        }
        return w;
    }

    static dev.wasm2jar.runtime.Instance wasm2jar(int words) throws Throwable {
        dev.wasm2jar.runtime.Instance inst = Engines.wasm2jar(MODULE);
        inst.function("fill").call(0, words, SEED);
        return inst;
    }

    static Instance chicoryInterpreter(int words) {
        Instance inst = Engines.chicoryInterpreter(MODULE);
        inst.export("fill").apply(0, words, SEED);
        return inst;
    }

    static Instance chicoryCompiler(int words) {
        Instance inst = Engines.chicoryCompiler(MODULE);
        inst.export("fill").apply(0, words, SEED);
        return inst;
    }
}
