package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.emit.ModuleEmitter;
import dev.wasm2jar.compiler.lower.FunctionSplitter;
import dev.wasm2jar.compiler.lower.ModuleLowering;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.compiler.validate.ModuleValidator;
import dev.wasm2jar.runtime.ModuleInfo;
import java.util.Map;

/**
 * The compiler's entry point: WebAssembly binary in, JVM classes out, through the stages
 * parse → validate → lower → emit.
 *
 * <pre>{@code
 * Instance inst = Wasm2Jar.compile(bytes).load().instantiate(new Imports());
 * Object[] r = inst.function("add").call(1, 2);
 * }</pre>
 */
public final class Wasm2Jar {
    /** Internal name of the generated module class unless the caller chooses one. */
    public static final String DEFAULT_CLASS_NAME = "wasm2jar/generated/Module";

    private Wasm2Jar() {}

    public static CompiledModule compile(byte[] wasm) {
        return compile(wasm, DEFAULT_CLASS_NAME);
    }

    /**
     * @param className internal name (slash-separated) of the module class to generate
     * @throws CompileException when the module is malformed, invalid or uses an unsupported feature
     */
    public static CompiledModule compile(byte[] wasm, String className) {
        return compile(wasm, className, DEFAULT_METHOD_BUDGET);
    }

    /** See {@link FunctionSplitter#DEFAULT_BUDGET}. */
    public static final int DEFAULT_METHOD_BUDGET = FunctionSplitter.DEFAULT_BUDGET;

    /**
     * @param methodBudget see {@link #DEFAULT_METHOD_BUDGET}: a function within it stays one
     *     method; a larger one is cut into methods within the smaller of it and
     *     {@link FunctionSplitter#PIECE_BUDGET}. Tests use small budgets to cut every function and
     *     exercise the splitting
     */
    public static CompiledModule compile(byte[] wasm, String className, int methodBudget) {
        long t0 = System.nanoTime();
        ParsedModule parsed = ModuleParser.parse(wasm);
        long t1 = System.nanoTime();
        int[][] heights = ModuleValidator.validate(parsed);
        long t2 = System.nanoTime();
        ModuleInfo info = ModuleLowering.lower(parsed, className);
        Map<String, byte[]> classes = ModuleEmitter.emit(parsed, info, (f, budget, pieces) ->
                FunctionSplitter.plan(parsed, f, heights[f - parsed.importedFuncs], budget, pieces), methodBudget);
        long t3 = System.nanoTime();
        Map<String, Long> stages = new java.util.LinkedHashMap<>();
        stages.put("parse", t1 - t0);
        stages.put("validate", t2 - t1);
        stages.put("lower and emit", t3 - t2);
        return new CompiledModule(info, classes, stages);
    }
}
