package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code sha256 N}: crypto/sha256 of a generated N KiB buffer, chained 16 times (32-bit rotations; natively Go uses assembly). */
public class Sha256Benchmark extends GoProgramBenchmark {
    public Sha256Benchmark() {
        super("sha256");
    }
}
