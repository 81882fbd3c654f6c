package dev.wasm2jar.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasm2jar.compiler.emit.MethodSizes;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Every module of the spec suite that wasm2jar accepts must produce classes whose methods
 * HotSpot will JIT-compile (at most 8000 bytes) and that pass bytecode verification: ASM's analyzer-based check (which names the method and instruction), and the
 * JVM's own verifier when the classes are loaded and linked.
 */
class GeneratedCodeVerificationTest {
    /** HotSpot does not JIT-compile longer methods ({@code -XX:+DontCompileHugeMethods}). */
    private static final int HUGE_METHOD = 8000;

    @Test
    void everySpecModuleVerifies() throws Exception {
        Path spec = SpecSuite.locate();
        assumeTrue(spec != null, "WebAssembly spec suite not found at ../shared/spec; skipping");
        List<Path> modules;
        try (Stream<Path> s = Files.walk(spec.resolve("core"))) {
            modules = s.filter(p -> p.toString().endsWith(".wasm"))
                    .filter(p -> !p.getParent().getFileName().toString().startsWith("simd_"))
                    .sorted().collect(Collectors.toList());
        }
        int compiled = 0;
        List<String> problems = new ArrayList<>();
        for (Path wasm : modules) {
            CompiledModule cm;
            try {
                cm = Wasm2Jar.compile(Files.readAllBytes(wasm));
            } catch (CompileException e) {
                continue; // invalid and malformed modules of the suite
            }
            compiled++;
            Map.Entry<String, Integer> largest = MethodSizes.largest(cm.classes());
            if (largest.getValue() > HUGE_METHOD) {
                problems.add(spec.relativize(wasm) + ": method above HotSpot's JIT limit: " + largest);
            }
            for (byte[] bytes : cm.classes().values()) {
                StringWriter out = new StringWriter();
                CheckClassAdapter.verify(new ClassReader(bytes), CompiledModule.class.getClassLoader(), false,
                        new PrintWriter(out));
                if (!out.toString().isEmpty()) {
                    problems.add(spec.relativize(wasm) + ":\n" + out.toString().lines().limit(20).collect(Collectors.joining("\n")));
                }
            }
            try {
                cm.load();
            } catch (VerifyError | ClassFormatError e) {
                problems.add(spec.relativize(wasm) + ": " + e);
            }
        }
        assertTrue(compiled > 1000, "expected the suite's valid modules, compiled only " + compiled);
        assertTrue(problems.isEmpty(), problems.size() + " modules fail verification:\n" + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
    }
}
