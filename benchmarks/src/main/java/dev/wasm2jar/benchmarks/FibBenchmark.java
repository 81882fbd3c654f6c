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

/** calls.wasm {@code fib}: recursive Fibonacci, two direct calls per non-leaf call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FibBenchmark {
    static final String MODULE = "calls";
    static final String EXPORT = "fib";
    static final int N = 28;

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
        return fib(N);
    }

    private static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
