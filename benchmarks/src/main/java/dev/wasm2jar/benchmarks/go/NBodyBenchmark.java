package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code nbody N}: n-body simulation of 5 bodies (float64 arithmetic, math.Sqrt), N steps. */
public class NBodyBenchmark extends GoProgramBenchmark {
    public NBodyBenchmark() {
        super("nbody");
    }
}
