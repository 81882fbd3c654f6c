package dev.wasm2jar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.benchmarks.go.BinaryTreesBenchmark;
import dev.wasm2jar.benchmarks.go.FannkuchBenchmark;
import dev.wasm2jar.benchmarks.go.GoProgramBenchmark;
import dev.wasm2jar.benchmarks.go.GoWorkloads;
import dev.wasm2jar.benchmarks.go.JsonBenchmark;
import dev.wasm2jar.benchmarks.go.NBodyBenchmark;
import dev.wasm2jar.benchmarks.go.RegexpBenchmark;
import dev.wasm2jar.benchmarks.go.Sha256Benchmark;
import dev.wasm2jar.benchmarks.startup.CompileHelloBenchmark;
import dev.wasm2jar.benchmarks.startup.CompileHelloC1Benchmark;
import dev.wasm2jar.benchmarks.startup.CompileHelloWarmBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every benchmark's engines compute the same result (its {@code @Setup} runs each engine twice and
 * throws when they disagree). No timing is asserted, ever.
 *
 * <p>The Go programs run at their small test sizes ({@code workloads.tsv}), each engine compiled
 * once for all of them, and their output is also compared with native Go's (expected.txt). The
 * compile benchmarks compile Go hello once with each compiler and check the result.
 */
class EnginesAgreeTest {
    static final List<Class<?>> BENCHMARKS = List.of(
            SumI32Benchmark.class,
            Checksum8Benchmark.class,
            CopyI64Benchmark.class,
            Lcg32Benchmark.class,
            Xorshift64Benchmark.class,
            Hash32Benchmark.class,
            InterpreterLoopBenchmark.class,
            GoStyleDispatchBenchmark.class,
            GoDispatchBenchmark.class,
            FibBenchmark.class,
            CallIndirectBenchmark.class,
            GlobalsBenchmark.class,
            FillCopyBenchmark.class,
            MemoryGrowBenchmark.class);

    static final List<Class<? extends GoProgramBenchmark>> GO_PROGRAMS = List.of(
            NBodyBenchmark.class,
            FannkuchBenchmark.class,
            Sha256Benchmark.class,
            BinaryTreesBenchmark.class,
            JsonBenchmark.class,
            RegexpBenchmark.class);

    static final List<Class<? extends CompileHelloBenchmark>> COMPILE = List.of(
            CompileHelloBenchmark.class,
            CompileHelloC1Benchmark.class,
            CompileHelloWarmBenchmark.class);

    static List<Class<?>> benchmarks() {
        return BENCHMARKS;
    }

    static List<Class<? extends GoProgramBenchmark>> goPrograms() {
        return GO_PROGRAMS;
    }

    @ParameterizedTest
    @MethodSource("benchmarks")
    void enginesAgree(Class<?> benchmark) throws Exception {
        assertEquals(Set.of(Engines.WASM2JAR, Engines.CHICORY_INTERPRETER, Engines.CHICORY_COMPILER, Engines.JAVA),
                benchmarkMethods(benchmark), benchmark.getSimpleName() + " benchmarks one method per engine, named after it");
        Object state = benchmark.getConstructor().newInstance();
        benchmark.getMethod("setup").invoke(state); // throws when the engines disagree
    }

    /**
     * wasm2jar, Chicory's compiler and Chicory's interpreter print what native Go printed, at the
     * workload's test size; then each benchmark method runs once, as JMH would call it.
     */
    @ParameterizedTest
    @MethodSource("goPrograms")
    void goProgramsAgree(Class<? extends GoProgramBenchmark> benchmark) throws Exception {
        assertEquals(new TreeSet<>(GoProgramBenchmark.METHODS), benchmarkMethods(benchmark),
                benchmark.getSimpleName() + " benchmarks one method per engine");
        GoProgramBenchmark state = benchmark.getConstructor().newInstance();
        int size = state.workload().testSize;
        assertTrue(GoWorkloads.expected(state.workload().name, size) != null,
                "expected.txt records native Go's output at the test size (src/main/go/build.sh --expected)");
        state.checkEngines(List.of(Engines.WASM2JAR, Engines.CHICORY_COMPILER, Engines.CHICORY_INTERPRETER), size);
        for (String method : GoProgramBenchmark.METHODS) {
            benchmark.getMethod(method).invoke(state);
        }
    }

    /** Both compilers compile Go hello, and the results check out (as after a JMH trial). */
    @Test
    void compileBenchmarksWork() throws Exception {
        for (Class<? extends CompileHelloBenchmark> benchmark : COMPILE) {
            assertEquals(Set.of(Engines.WASM2JAR, Engines.CHICORY_COMPILER), benchmarkMethods(benchmark));
        }
        CompileHelloBenchmark state = new CompileHelloBenchmark();
        state.setup();
        state.wasm2jar();
        state.chicoryCompiler();
        state.check();
    }

    private static Set<String> benchmarkMethods(Class<?> benchmark) {
        Set<String> methods = new TreeSet<>();
        for (Method m : benchmark.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                methods.add(m.getName());
            }
        }
        return methods;
    }

    /** The lists above cover every benchmark class JMH found (its generated BenchmarkList). */
    @Test
    void everyBenchmarkIsChecked() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertTrue(in != null, "JMH's annotation processor wrote META-INF/BenchmarkList");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("dev\\.wasm2jar\\.benchmarks\\.((?:\\w+\\.)*\\w+Benchmark)\\b").matcher(list);
        while (m.find()) {
            found.add(m.group(1));
        }
        Set<String> checked = Stream.of(BENCHMARKS, GO_PROGRAMS, COMPILE)
                .flatMap(List::stream)
                .map(c -> c.getName().substring("dev.wasm2jar.benchmarks.".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(found, checked);
    }
}
