package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code fannkuch N}: fannkuch-redux over the permutations of N elements (int slices, bounds checks, tight loops). */
public class FannkuchBenchmark extends GoProgramBenchmark {
    public FannkuchBenchmark() {
        super("fannkuch");
    }
}
