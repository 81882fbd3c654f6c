package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.compiler.LoadedModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.util.function.Function;

/**
 * The three WebAssembly engines every benchmark runs on, each loading the same module from
 * {@code /wasm/NAME.wasm} on the class path.
 *
 * <ul>
 *   <li>wasm2jar: compiled ahead of time to JVM classes, called through the export's exact-typed
 *       {@link MethodHandle} with {@code invokeExact};
 *   <li>Chicory's interpreter (the baseline);
 *   <li>Chicory's compiler (the peer: also wasm to JVM bytecode), with interpreter fallback turned
 *       off so that a function it cannot compile fails loudly rather than being interpreted.
 * </ul>
 */
public final class Engines {
    private Engines() {}

    /** The engines, as named in benchmark method names and reports. */
    public static final String WASM2JAR = "wasm2jar";
    public static final String CHICORY_INTERPRETER = "chicoryInterpreter";
    public static final String CHICORY_COMPILER = "chicoryCompiler";
    public static final String JAVA = "java";

    public static byte[] wasm(String name) {
        return resource("/wasm/" + name + ".wasm");
    }

    /** A resource of the benchmarks' class path, whole. */
    public static byte[] resource(String path) {
        try (InputStream in = Engines.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- wasm2jar ----

    public static LoadedModule wasm2jarModule(String name) {
        return Wasm2Jar.compile(wasm(name)).load();
    }

    public static dev.wasm2jar.runtime.Instance wasm2jar(String name) {
        return wasm2jarModule(name).instantiate();
    }

    public static MethodHandle handle(dev.wasm2jar.runtime.Instance inst, String export) {
        return inst.function(export).handle();
    }

    // ---- Chicory ----

    public static WasmModule chicoryModule(String name) {
        return Parser.parse(wasm(name));
    }

    public static Instance chicoryInterpreter(String name) {
        return chicoryInterpreter(chicoryModule(name));
    }

    public static Instance chicoryInterpreter(WasmModule module) {
        return Instance.builder(module).build();
    }

    /** Compiles the module's functions to JVM classes once; apply the result per instance. */
    public static Function<Instance, Machine> chicoryCompiled(WasmModule module) {
        return MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.FAIL)
                .compile();
    }

    public static Instance chicoryCompiler(String name) {
        WasmModule module = chicoryModule(name);
        return chicoryCompiler(module, chicoryCompiled(module));
    }

    public static Instance chicoryCompiler(WasmModule module, Function<Instance, Machine> machine) {
        return Instance.builder(module).withMachineFactory(machine).build();
    }

    public static ExportFunction export(Instance inst, String export) {
        return inst.export(export);
    }
}
