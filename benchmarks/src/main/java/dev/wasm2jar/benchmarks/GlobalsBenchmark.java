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

/** calls.wasm {@code globals}: two counters kept in mutable globals, read and written on every step. The Java version keeps them in fields. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GlobalsBenchmark extends ExportEngines {
    static final String MODULE = "calls";
    static final String EXPORT = "globals";
    static final int N = 800_000;
    private int count;
    private int sum;

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
        count = 0;
        sum = 0;
        for (int i = 0; i < N; i++) {
            count += 1;
            sum = Integer.rotateLeft(sum, 1) ^ (count * i);
        }
        return sum ^ count;
    }
}
