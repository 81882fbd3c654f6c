package dev.wasm2jar.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
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
 * bulk.wasm {@code fill_copy}: per round one 4 KiB memory.fill, sixteen 256-byte memory.copy and
 * one misaligned 2 KiB memory.copy, with loads of what was copied. The Java version does the same
 * on a byte array with {@link Arrays#fill} and {@link System#arraycopy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FillCopyBenchmark extends ExportEngines {
    static final String MODULE = "bulk";
    static final String EXPORT = "fill_copy";
    static final int ROUNDS = 3_000;
    static final int PAGES = 4;
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] memory;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, EXPORT);
        memory = new byte[PAGES * 65536];
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(ROUNDS);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(ROUNDS)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(ROUNDS)[0];
    }

    @Benchmark
    public int java() {
        byte[] m = memory;
        int acc = 0;
        for (int r = 0; r < ROUNDS; r++) {
            Arrays.fill(m, 0, 4096, (byte) r);
            for (int k = 0; k < 16; k++) {
                int dst = 8192 + (k << 8) + (r & 15);
                System.arraycopy(m, k * 200, m, dst, 256);
                acc = Integer.rotateLeft(acc, 1) + (int) I32.get(m, dst + 17);
            }
            System.arraycopy(m, 8193 + (r & 7), m, 16384, 2048);
            acc ^= (int) I32.get(m, 16400);
        }
        return acc;
    }
}
