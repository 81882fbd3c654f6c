package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import java.lang.invoke.MethodHandle;

/**
 * What the microbenchmarks of one wasm export share: the export on each engine (wasm2jar's as an
 * exact {@link MethodHandle}, Chicory's interpreter's and compiler's), and the check that all
 * engines and the plain Java version compute the same. The {@code @Benchmark} methods stay in
 * the subclasses, since their signatures differ; their {@code @Setup} calls {@link #load} (or sets
 * the fields itself) and then {@link #agree}.
 */
public abstract class ExportEngines {
    protected MethodHandle wasm2jar;
    protected ExportFunction chicoryInterpreter;
    protected ExportFunction chicoryCompiler;

    /** The export of a module of {@code src/main/resources/wasm/} on every engine. */
    protected final void load(String module, String export) {
        wasm2jar = Engines.handle(Engines.wasm2jar(module), export);
        chicoryInterpreter = Engines.chicoryInterpreter(module).export(export);
        chicoryCompiler = Engines.chicoryCompiler(module).export(export);
    }

    /** Every run must give the same result, twice ({@link Check}). */
    protected final void agree(Check.Run java, Check.Run wasm2jar, Check.Run interpreter, Check.Run compiler) {
        Check.of(getClass())
                .engine(Engines.JAVA, java)
                .engine(Engines.WASM2JAR, wasm2jar)
                .engine(Engines.CHICORY_INTERPRETER, interpreter)
                .engine(Engines.CHICORY_COMPILER, compiler)
                .agree();
    }
}
