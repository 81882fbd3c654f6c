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

/** arith.wasm {@code lcg32}: i32 multiply-add, rotate, xor and shift in a loop-carried chain. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Lcg32Benchmark extends ExportEngines {
    static final String MODULE = "arith";
    static final String EXPORT = "lcg32";
    static final int SEED = 42;
    static final int N = 1_000_000;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, EXPORT);
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(SEED, N);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(SEED, N)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(SEED, N)[0];
    }

    @Benchmark
    public int java() {
        int x = SEED;
        int acc = 0;
        for (int n = N; n != 0; n--) {
            x = x * 1664525 + 1013904223;
            acc = Integer.rotateLeft(acc ^ x, 7) + (x >>> 3);
        }
        return acc;
    }
}
