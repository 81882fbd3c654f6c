package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.compiler.LoadedModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * bulk.wasm {@code grow}: memory.grow one page at a time from 4 to 4 + {@link #PAGES} pages, each
 * new page filled (memory.fill) and given a 1 KiB memory.copy from the page before. Memory cannot
 * shrink, so every invocation gets a fresh instance ({@code Level.Invocation} setup, not timed).
 * The Java version grows a byte array by doubling its capacity.
 *
 * <p>Each invocation allocates megabytes, so the fork gets a fixed, pre-touched heap: without it
 * the scores swing between ~1 ms and ~20 ms with the heap's resizing and first-touch page faults
 * rather than with the engines. ({@code -jvmArgsAppend} on the command line replaces this.)
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryGrowBenchmark {
    static final String MODULE = "bulk";
    static final String EXPORT = "grow";
    static final int INITIAL_PAGES = 4;
    static final int PAGES = 64;
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LoadedModule wasm2jarModule;
    private WasmModule chicoryModule;
    private Function<Instance, Machine> chicoryMachine;

    private MethodHandle wasm2jar;
    private ExportFunction chicoryInterpreter;
    private ExportFunction chicoryCompiler;
    private byte[] memory;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        wasm2jarModule = Engines.wasm2jarModule(MODULE);
        chicoryModule = Engines.chicoryModule(MODULE);
        chicoryMachine = Engines.chicoryCompiled(chicoryModule);
        Check.of(getClass())
                .engine(Engines.JAVA, () -> { fresh(); return java(); })
                .engine(Engines.WASM2JAR, () -> { fresh(); return wasm2jar(); })
                .engine(Engines.CHICORY_INTERPRETER, () -> { fresh(); return chicoryInterpreter(); })
                .engine(Engines.CHICORY_COMPILER, () -> { fresh(); return chicoryCompiler(); })
                .agree();
    }

    /** New instances (and a new Java array) at the initial size, for the next invocation. */
    @Setup(Level.Invocation)
    public void fresh() {
        wasm2jar = Engines.handle(wasm2jarModule.instantiate(), EXPORT);
        chicoryInterpreter = Engines.chicoryInterpreter(chicoryModule).export(EXPORT);
        chicoryCompiler = Engines.chicoryCompiler(chicoryModule, chicoryMachine).export(EXPORT);
        memory = new byte[INITIAL_PAGES * 65536];
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(PAGES);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(PAGES)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(PAGES)[0];
    }

    @Benchmark
    public int java() {
        byte[] m = memory;
        int pages = INITIAL_PAGES;
        int acc = 0;
        for (int k = 0; k < PAGES; k++) {
            int old = pages++;
            if (pages * 65536 > m.length) {
                m = Arrays.copyOf(m, Math.max(pages * 65536, m.length * 2));
            }
            int base = old << 16;
            Arrays.fill(m, base, base + 65536, (byte) (k + 1));
            System.arraycopy(m, base - 65536, m, base + 32768, 1024);
            acc = acc * 31 + (int) I32.get(m, base + 32768);
        }
        memory = m;
        return acc + pages;
    }
}
