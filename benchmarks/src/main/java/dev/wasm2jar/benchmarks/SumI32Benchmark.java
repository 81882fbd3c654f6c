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

/** memory.wasm {@code sum_i32}: one i32.load per element, summing a 4 MiB array. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SumI32Benchmark extends ExportEngines {
    static final int WORDS = 1 << 20;

    private int[] array;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        wasm2jar = Engines.handle(MemoryData.wasm2jar(WORDS), "sum_i32");
        chicoryInterpreter = MemoryData.chicoryInterpreter(WORDS).export("sum_i32");
        chicoryCompiler = MemoryData.chicoryCompiler(WORDS).export("sum_i32");
        array = MemoryData.words(WORDS);
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(0, WORDS);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(0, WORDS)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(0, WORDS)[0];
    }

    @Benchmark
    public int java() {
        int[] a = array;
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }
}
