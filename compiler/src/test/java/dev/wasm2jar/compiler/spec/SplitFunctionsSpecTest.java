package dev.wasm2jar.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec suite again, with a method budget so small that every function with more than a few
 * statements is cut into region methods: proves that splitting preserves semantics (locals
 * through the frame, branches out of regions with and without values, returns, traps).
 */
class SplitFunctionsSpecTest {
    private static final int TINY_BUDGET = 32;

    @TestFactory
    Stream<DynamicTest> specSuiteWithFunctionsSplit() throws IOException {
        Path spec = SpecSuite.locate();
        assumeTrue(spec != null, "WebAssembly spec suite not found at ../shared/spec; skipping");
        List<Path> files;
        try (Stream<Path> dirs = Files.list(spec.resolve("core"))) {
            files = dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("simd_"))
                    .sorted()
                    .map(d -> d.resolve(d.getFileName() + ".json"))
                    .filter(Files::exists)
                    .collect(Collectors.toList());
        }
        return files.stream().map(json -> DynamicTest.dynamicTest(json.getParent().getFileName().toString(), () -> {
            SpecScript script = new SpecScript(json, TINY_BUDGET);
            script.run();
            assertTrue(script.failed == 0, () -> script.failed + " commands failed with functions split:\n  "
                    + String.join("\n  ", script.failures.subList(0, Math.min(30, script.failures.size()))));
        }));
    }

}
