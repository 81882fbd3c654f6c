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

/** dispatch.wasm {@code gostyle}: a loop written the way Go's wasm backend emits functions: one loop around a br_table on a PC local, every jump going back through the dispatch (about 3 dispatches per iteration). The Java version is the plain loop that state machine encodes: the JVM's limit for the computation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GoStyleDispatchBenchmark extends ExportEngines {
    static final String MODULE = "dispatch";
    static final String EXPORT = "gostyle";
    static final int N = 250_000;

    /** The export to measure: {@link GoDispatchBenchmark} runs the same loop in Go's exact shape. */
    String export() {
        return EXPORT;
    }

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, export());
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
        int acc = 0;
        for (int i = 0; i < N; i++) {
            if ((i & 1) != 0) {
                acc += i * 3 + 1;
            } else {
                acc = Integer.rotateLeft(acc, 3) ^ i;
            }
        }
        return acc;
    }
}
