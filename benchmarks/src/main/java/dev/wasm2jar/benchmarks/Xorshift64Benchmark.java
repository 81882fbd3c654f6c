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

/** arith.wasm {@code xorshift64}: i64 shifts, xors and a multiply per step. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Xorshift64Benchmark extends ExportEngines {
    static final String MODULE = "arith";
    static final String EXPORT = "xorshift64";
    static final long SEED = 0x9E3779B97F4A7C15L;
    static final int N = 600_000;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, EXPORT);
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public long wasm2jar() throws Throwable {
        return (long) wasm2jar.invokeExact(SEED, N);
    }

    @Benchmark
    public long chicoryInterpreter() {
        return chicoryInterpreter.apply(SEED, N)[0];
    }

    @Benchmark
    public long chicoryCompiler() {
        return chicoryCompiler.apply(SEED, N)[0];
    }

    @Benchmark
    public long java() {
        long x = SEED;
        long acc = 0;
        for (int n = N; n != 0; n--) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            acc += x * 0x2545F4914F6CDD1DL;
        }
        return acc;
    }
}
