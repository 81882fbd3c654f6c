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

/** arith.wasm {@code hash32}: murmur3 fmix32 plus i32.div_s and i32.rem_u by non-constant divisors. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Hash32Benchmark {
    static final String MODULE = "arith";
    static final String EXPORT = "hash32";
    static final int N = 100_000;

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
