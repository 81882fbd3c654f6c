package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code regexp N}: regexp: 6 patterns compiled once and matched against N generated log lines (the regexp engines, unicode tables). */
public class RegexpBenchmark extends GoProgramBenchmark {
    public RegexpBenchmark() {
        super("regexp");
    }
}
