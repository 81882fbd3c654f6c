package dev.wasm2jar.benchmarks.startup;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.wasm.Parser;
import dev.wasm2jar.benchmarks.Engines;
import dev.wasm2jar.benchmarks.go.GoProgram;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiling the Go hello module ({@code hello-go1.23.wasm}, 2 MB, ~1,500 functions) to JVM class
 * files in process, <em>cold</em>: each fork measures its first compilation only, so the time
 * includes loading the compiler's classes and running it in the JVM's interpreter and lower JIT
 * tiers, as the command-line compiler does (less the JVM's own start and writing the JAR).
 *
 * <ul>
 *   <li>{@code wasm2jar}: {@code Wasm2Jar.compile(bytes)}, parse, validation and class
 *       generation, giving class files in memory (no class loading);
 *   <li>{@code chicoryCompiler}: Chicory's build-time path, {@code Parser.parse} then its
 *       {@code Compiler} with a byte collector (class files in memory, no class loading) and
 *       interpreter fallback {@code FAIL}.
 * </ul>
 *
 * <p>Nothing runs before the measurement that could warm the compilers up; the compiled result
 * is checked afterwards ({@code @TearDown}): wasm2jar's must load and print hello's output,
 * Chicory's must have compiled every function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class CompileHelloBenchmark {
    /** The module compiled, from testdata/go/build (copied to the class path by the build). */
    public static final String HELLO = "/go/hello-go1.23.wasm";
    /** What hello prints (testdata/go/hello/expected.stdout). */
    public static final String HELLO_OUTPUT = "hello from Go\nGOOS=wasip1\nGOARCH=wasm\n";

    private byte[] wasm;
    private CompiledModule wasm2jarResult;
    private CompilerResult chicoryResult;

    @Setup(Level.Trial)
    public void setup() {
        wasm = Engines.resource(HELLO);
    }

    @Benchmark
    public Map<String, byte[]> wasm2jar() {
        wasm2jarResult = Wasm2Jar.compile(wasm);
        return wasm2jarResult.classes();
    }

    @Benchmark
    public Map<String, byte[]> chicoryCompiler() {
        chicoryResult = Compiler.builder(Parser.parse(wasm))
                .withInterpreterFallback(InterpreterFallback.FAIL)
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile();
        return chicoryResult.classBytes();
    }

    /** The last compilation produced a working module (throws, failing the benchmark, if not). */
    @TearDown(Level.Trial)
    public void check() throws Exception {
        if (wasm2jarResult != null) {
            String out = GoProgram.wasm2jar(wasm2jarResult.load()).run().ok();
            if (!out.equals(HELLO_OUTPUT)) {
                throw new IllegalStateException("wasm2jar's hello printed \"" + out + "\"");
            }
        }
        if (chicoryResult != null) {
            if (!chicoryResult.interpretedFunctions().isEmpty() || chicoryResult.classBytes().isEmpty()) {
                throw new IllegalStateException("Chicory left functions to the interpreter: "
                        + chicoryResult.interpretedFunctions());
            }
        }
    }
}
