package dev.wasm2jar.compiler;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a stage's work for each function in parallel. Of several functions that fail, the first by
 * index is reported, as a sequential loop would, so messages do not depend on scheduling.
 */
public final class PerFunction {
    private PerFunction() {}

    /** Calls {@code work} for 0 ≤ i < n in parallel; rethrows the {@link CompileException} of the lowest i. */
    public static void forEach(int n, IntConsumer work) {
        CompileException[] errors = new CompileException[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                work.accept(i);
            } catch (CompileException e) {
                errors[i] = e;
            }
        });
        for (CompileException e : errors) {
            if (e != null) {
                throw e;
            }
        }
    }
}
