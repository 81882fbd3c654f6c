package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import java.lang.invoke.MethodHandle;
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
public class Xorshift64Benchmark {
    static final String MODULE = "arith";
    static final String EXPORT = "xorshift64";
    static final long SEED = 0x9E3779B97F4A7C15L;
    static final int N = 600_000;

    private MethodHandle wasm2jar;
    private ExportFunction chicoryInterpreter;
    private ExportFunction chicoryCompiler;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        wasm2jar = Engines.handle(Engines.wasm2jar(MODULE), EXPORT);
        chicoryInterpreter = Engines.chicoryInterpreter(MODULE).export(EXPORT);
        chicoryCompiler = Engines.chicoryCompiler(MODULE).export(EXPORT);
        Check.of(getClass())
                .engine(Engines.JAVA, this::java)
                .engine(Engines.WASM2JAR, this::wasm2jar)
                .engine(Engines.CHICORY_INTERPRETER, this::chicoryInterpreter)
                .engine(Engines.CHICORY_COMPILER, this::chicoryCompiler)
                .agree();
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
