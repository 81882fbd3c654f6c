package dev.wasm2jar.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasm2jar.compiler.Wasm2Jar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly 2.0 spec test suite, every command of every file of {@code ../shared/spec/core},
 * through the real compile → load → instantiate → invoke pipeline. One dynamic test per file;
 * {@code target/spec-report.tsv} gets one row per file.
 */
class SpecTestSuiteTest {
    private static final Path REPORT = Paths.get("target", "spec-report.tsv");
    private static final Map<String, int[]> ROWS = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> specSuite() throws IOException {
        Path spec = SpecSuite.locate();
        assumeTrue(spec != null, "WebAssembly spec suite not found at ../shared/spec (set -Dwasm2jar.spec.dir); skipping");
        List<Path> files;
        try (Stream<Path> dirs = Files.list(spec.resolve("core"))) {
            files = dirs.filter(Files::isDirectory).sorted()
                    .map(d -> d.resolve(d.getFileName() + ".json"))
                    .filter(Files::exists)
                    .collect(Collectors.toList());
        }
        String only = System.getProperty("wasm2jar.spec.only");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path json : files) {
            String name = json.getParent().getFileName().toString();
            if (only != null && !name.matches(only)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, json.toUri(), () -> runFile(name, json)));
        }
        return tests.stream();
    }

    private static void runFile(String name, Path json) throws IOException {
        if (name.startsWith("simd_")) {
            int commands = countCommands(json);
            record(name, 0, 0, commands);
            assumeTrue(false, name + ": SIMD is not supported; " + commands + " commands skipped");
            return;
        }
        SpecScript script = new SpecScript(json, Wasm2Jar.DEFAULT_METHOD_BUDGET);
        script.run();
        record(name, script.passed, script.failed, script.skipped);
        assertTrue(script.failed == 0, () -> script.failed + " of " + (script.passed + script.failed)
                + " commands failed:\n  " + String.join("\n  ", script.failures.subList(0, Math.min(40, script.failures.size()))));
    }

    private static int countCommands(Path json) throws IOException {
        String s = Files.readString(json, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = s.indexOf("\"line\":"); i >= 0; i = s.indexOf("\"line\":", i + 1)) {
            n++;
        }
        return n;
    }

    private static synchronized void record(String file, int passed, int failed, int skipped) throws IOException {
        ROWS.put(file, new int[] {passed, failed, skipped});
        StringBuilder b = new StringBuilder("file\tpassed\tfailed\tskipped\n");
        for (Map.Entry<String, int[]> e : ROWS.entrySet()) {
            int[] r = e.getValue();
            b.append(e.getKey()).append('\t').append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append('\n');
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, b.toString(), StandardCharsets.UTF_8);
    }
}
