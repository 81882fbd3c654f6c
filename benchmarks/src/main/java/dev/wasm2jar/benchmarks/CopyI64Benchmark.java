package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
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

/**
 * memory.wasm {@code copy_i64}: an i64.load + i64.store loop copying 4 MiB, with a digest of the
 * words. The check also compares what was stored ({@code sum_i64} of the destination).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyI64Benchmark {
    static final int LONGS = 1 << 19;
    static final int SRC = 0;
    static final int DST = LONGS * 8;

    private MethodHandle wasm2jar;
    private MethodHandle wasm2jarSum;
    private ExportFunction chicoryInterpreter;
    private ExportFunction chicoryInterpreterSum;
    private ExportFunction chicoryCompiler;
    private ExportFunction chicoryCompilerSum;
    private long[] src;
    private long[] dst;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        int words = LONGS * 2;
        dev.wasm2jar.runtime.Instance w = MemoryData.wasm2jar(words);
        wasm2jar = Engines.handle(w, "copy_i64");
        wasm2jarSum = Engines.handle(w, "sum_i64");
        Instance ci = MemoryData.chicoryInterpreter(words);
        chicoryInterpreter = ci.export("copy_i64");
        chicoryInterpreterSum = ci.export("sum_i64");
        Instance cc = MemoryData.chicoryCompiler(words);
        chicoryCompiler = cc.export("copy_i64");
        chicoryCompilerSum = cc.export("sum_i64");
        int[] ints = MemoryData.words(words);
        src = new long[LONGS];
        dst = new long[LONGS];
        for (int i = 0; i < LONGS; i++) { // little-endian, as in linear memory
            src[i] = (ints[2 * i] & 0xFFFFFFFFL) | ((long) ints[2 * i + 1] << 32);
        }
        Check.of(getClass())
                .engine(Engines.JAVA, () -> java() ^ sum(dst))
                .engine(Engines.WASM2JAR, () -> wasm2jar() ^ (long) wasm2jarSum.invokeExact(DST, LONGS))
                .engine(Engines.CHICORY_INTERPRETER,
                        () -> chicoryInterpreter() ^ chicoryInterpreterSum.apply(DST, LONGS)[0])
                .engine(Engines.CHICORY_COMPILER,
                        () -> chicoryCompiler() ^ chicoryCompilerSum.apply(DST, LONGS)[0])
                .agree();
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    @Benchmark
    public long wasm2jar() throws Throwable {
        return (long) wasm2jar.invokeExact(DST, SRC, LONGS);
    }

    @Benchmark
    public long chicoryInterpreter() {
        return chicoryInterpreter.apply(DST, SRC, LONGS)[0];
    }

    @Benchmark
    public long chicoryCompiler() {
        return chicoryCompiler.apply(DST, SRC, LONGS)[0];
    }

    @Benchmark
    public long java() {
        long[] s = src;
        long[] d = dst;
        long acc = 0;
        for (int i = 0; i < s.length; i++) {
            long v = s[i];
            d[i] = v;
            acc = Long.rotateLeft(acc, 1) ^ v;
        }
        return acc;
    }
}
