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

/** arith.wasm {@code hash32}: murmur3 fmix32 plus i32.div_s and i32.rem_u by non-constant divisors. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Hash32Benchmark extends ExportEngines {
    static final String MODULE = "arith";
    static final String EXPORT = "hash32";
    static final int N = 100_000;

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
        int h = 0;
        for (int i = 0; i < N; i++) {
            h ^= i;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            h += h / ((i & 255) | 1);
            h ^= Integer.remainderUnsigned(h, (i & 127) + 3);
        }
        return h;
    }
}
