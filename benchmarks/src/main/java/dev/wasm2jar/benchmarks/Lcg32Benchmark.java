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

/** arith.wasm {@code lcg32}: i32 multiply-add, rotate, xor and shift in a loop-carried chain. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Lcg32Benchmark {
    static final String MODULE = "arith";
    static final String EXPORT = "lcg32";
    static final int SEED = 42;
    static final int N = 1_000_000;

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
