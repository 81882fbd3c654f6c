package dev.wasm2jar.benchmarks;

/**
 * dispatch.wasm {@code goshape}: the state machine of {@link GoStyleDispatchBenchmark} (whose
 * {@code @Benchmark} methods and Java version it inherits) in exactly the shape Go 1.21-1.23
 * emit, every jump {@code i32.const k; local.set $pc; br $dispatch} inside the {@code if} that
 * decides it, which the compiler threads into gotos (DESIGN.md §4.2). Guards that optimization.
 */
public class GoDispatchBenchmark extends GoStyleDispatchBenchmark {
    @Override
    String export() {
        return "goshape";
    }
}
