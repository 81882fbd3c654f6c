package dev.wasm2jar.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cross-engine verification run in every benchmark's {@code @Setup} (and by the unit test): each
 * engine's run is called twice, and all results must be one and the same value. So a benchmark
 * cannot silently measure code that computes something else, or that depends on state left by
 * the previous invocation.
 *
 * <pre>{@code
 * Check.of(getClass()).engine("java", this::java).engine("wasm2jar", this::wasm2jar).agree();
 * }</pre>
 */
public final class Check {
    /** One engine's run: a benchmark method, or a wrapper that also checks stored memory. */
    @FunctionalInterface
    public interface Run {
        long run() throws Throwable;
    }

    private final Class<?> benchmark;
    private final Map<String, Run> runs = new LinkedHashMap<>();

    private Check(Class<?> benchmark) {
        this.benchmark = benchmark;
    }

    public static Check of(Class<?> benchmark) {
        return new Check(benchmark);
    }

    public Check engine(String name, Run run) {
        runs.put(name, run);
        return this;
    }

    /**
     * @return the agreed result
     * @throws IllegalStateException when a run fails, is not repeatable, or two engines differ
     */
    public long agree() {
        Map<String, Long> results = new LinkedHashMap<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            long first = call(e.getKey(), e.getValue());
            long second = call(e.getKey(), e.getValue());
            if (first != second) {
                throw new IllegalStateException(benchmark.getSimpleName() + ": " + e.getKey()
                        + " is not repeatable: first call gave " + first + ", second " + second);
            }
            results.put(e.getKey(), first);
        }
        if (results.size() < 2) {
            throw new IllegalStateException(benchmark.getSimpleName() + ": nothing to compare");
        }
        long expected = results.values().iterator().next();
        for (long r : results.values()) {
            if (r != expected) {
                throw new IllegalStateException(benchmark.getSimpleName() + ": engines disagree: " + results);
            }
        }
        return expected;
    }

    private long call(String name, Run run) {
        try {
            return run.run();
        } catch (Throwable e) {
            throw new IllegalStateException(benchmark.getSimpleName() + ": " + name + " failed: " + e, e);
        }
    }
}
