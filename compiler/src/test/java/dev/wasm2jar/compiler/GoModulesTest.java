package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.emit.MethodSizes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasm2jar.runtime.ModuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Go programs of testdata/go (2–6 MB modules, functions far above the JVM's limits): every
 * function is compiled, every generated method stays within HotSpot's JIT limit of 8000 bytes,
 * and the classes pass the JVM's verifier. Running them is the cli module's end-to-end test.
 */
class GoModulesTest {
    private static final int HUGE_METHOD = 8000;

    @TestFactory
    Stream<DynamicTest> goModulesCompileToJitSizedVerifiedMethods() throws IOException {
        Path dir = Paths.get("../testdata/go/build");
        assumeTrue(Files.isDirectory(dir), "no Go fixtures at " + dir.toAbsolutePath());
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(modules::add);
        }
        assertTrue(modules.size() >= 4, "expected the Go fixtures, found " + modules);
        return modules.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CompiledModule cm = Wasm2Jar.compile(Files.readAllBytes(p));
            ModuleInfo info = cm.info();
            assertTrue(info.functions.size() > 1000, "functions: " + info.functions.size());
            List<String> tooLarge = new ArrayList<>();
            for (Map.Entry<String, byte[]> c : cm.classes().entrySet()) {
                for (Map.Entry<String, Integer> m : MethodSizes.codeSizes(c.getValue()).entrySet()) {
                    if (m.getValue() > HUGE_METHOD) {
                        tooLarge.add(c.getKey() + "." + m.getKey() + " = " + m.getValue());
                    }
                }
            }
            assertEquals(List.of(), tooLarge, "methods above " + HUGE_METHOD + " bytes");
            // Linking runs the verifier over every method of every class.
            assertEquals(info.className, cm.load().moduleClass().getName().replace('.', '/'));
        }));
    }
}
