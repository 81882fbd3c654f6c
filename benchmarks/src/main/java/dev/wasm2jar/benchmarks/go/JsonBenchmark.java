package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code json N}: encoding/json: N marshal/unmarshal round trips of 50 generated orders (reflection, maps, strconv, allocation). */
public class JsonBenchmark extends GoProgramBenchmark {
    public JsonBenchmark() {
        super("json");
    }
}
