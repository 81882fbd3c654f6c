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

/** memory.wasm {@code checksum8}: a Fletcher-style checksum, one i32.load8_u per byte of 512 KiB. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Checksum8Benchmark extends ExportEngines {
    static final int BYTES = 1 << 19;

    private byte[] bytes;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        int words = BYTES / 4;
        wasm2jar = Engines.handle(MemoryData.wasm2jar(words), "checksum8");
        chicoryInterpreter = MemoryData.chicoryInterpreter(words).export("checksum8");
        chicoryCompiler = MemoryData.chicoryCompiler(words).export("checksum8");
        int[] w = MemoryData.words(words);
        bytes = new byte[BYTES];
        for (int i = 0; i < words; i++) { // little-endian, as in linear memory
            bytes[4 * i] = (byte) w[i];
            bytes[4 * i + 1] = (byte) (w[i] >>> 8);
            bytes[4 * i + 2] = (byte) (w[i] >>> 16);
            bytes[4 * i + 3] = (byte) (w[i] >>> 24);
        }
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(0, BYTES);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(0, BYTES)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(0, BYTES)[0];
    }

    @Benchmark
    public int java() {
        byte[] m = bytes;
        int a = 0;
        int b = 0;
        for (int i = 0; i < m.length; i++) {
            a += m[i] & 0xFF;
            b += a;
        }
        return (b << 16) ^ a;
    }
}
