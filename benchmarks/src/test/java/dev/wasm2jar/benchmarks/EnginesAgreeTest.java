package dev.wasm2jar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every benchmark's engines compute the same result (its {@code @Setup} runs each engine twice and
 * throws when they disagree). No timing is asserted, ever.
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
            FibBenchmark.class,
            CallIndirectBenchmark.class,
            GlobalsBenchmark.class,
            FillCopyBenchmark.class,
            MemoryGrowBenchmark.class);

    static List<Class<?>> benchmarks() {
        return BENCHMARKS;
    }

    @ParameterizedTest
    @MethodSource("benchmarks")
    void enginesAgree(Class<?> benchmark) throws Exception {
        Set<String> methods = new TreeSet<>();
        for (Method m : benchmark.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                methods.add(m.getName());
            }
        }
        assertEquals(Set.of(Engines.WASM2JAR, Engines.CHICORY_INTERPRETER, Engines.CHICORY_COMPILER, Engines.JAVA),
                methods, benchmark.getSimpleName() + " benchmarks one method per engine, named after it");
        Object state = benchmark.getConstructor().newInstance();
        benchmark.getMethod("setup").invoke(state); // throws when the engines disagree
    }

    /** The list above covers every benchmark class JMH found (its generated BenchmarkList). */
    @Test
    void everyBenchmarkIsChecked() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertTrue(in != null, "JMH's annotation processor wrote META-INF/BenchmarkList");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("dev\\.wasm2jar\\.benchmarks\\.(\\w+Benchmark)\\b").matcher(list);
        while (m.find()) {
            found.add(m.group(1));
        }
        Set<String> checked = BENCHMARKS.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(found, checked);
    }
}
