package dev.wasm2jar.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** calls.wasm {@code indirect}: call_indirect through a 4-entry table in a loop, cycling through all four targets. The Java version calls through an array of IntBinaryOperator lambdas. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallIndirectBenchmark extends ExportEngines {
    static final String MODULE = "calls";
    static final String EXPORT = "indirect";
    static final int N = 200_000;
    private static final java.util.function.IntBinaryOperator[] TABLE = {
        (a, b) -> a + b,
        (a, b) -> Integer.rotateLeft(a, 5) ^ b,
        (a, b) -> a * 33 + b,
        (a, b) -> a - (b >>> 1),
    };

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, EXPORT);
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(N);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(N)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(N)[0];
    }

    @Benchmark
    public int java() {
        java.util.function.IntBinaryOperator[] table = TABLE;
        int acc = 0;
        for (int i = 0; i < N; i++) {
            acc = table[i & 3].applyAsInt(acc, i);
        }
        return acc;
    }
}
