package dev.wasm2jar.benchmarks.go;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.benchmarks.Check;
import dev.wasm2jar.benchmarks.Engines;
import dev.wasm2jar.compiler.LoadedModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import dev.wasm2jar.launcher.LaunchConfig;
import dev.wasm2jar.launcher.Launcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A WASI command module (a Go {@code GOOS=wasip1} program) run the way its {@code main} would
 * run as a process: arguments, stdin empty, stdout captured in a buffer, on a thread of its own
 * with a large stack. One object per engine; {@link #run} instantiates the module afresh and runs
 * {@code _start} to {@code proc_exit}.
 */
public abstract class GoProgram {
    /** argv[0] of every run. */
    public static final String PROGRAM_NAME = "gobench";
    /** The guest thread's stack, as wasm2jar's launcher uses by default. */
    static final long STACK_BYTES = 512L << 20;

    /** What one run printed, and its exit status. */
    public static final class Result {
        public final int exit;
        public final String stdout;
        public final String stderr;

        Result(int exit, byte[] stdout, byte[] stderr) {
            this.exit = exit;
            this.stdout = new String(stdout, StandardCharsets.UTF_8);
            this.stderr = new String(stderr, StandardCharsets.UTF_8);
        }

        /** The stdout, after checking that the run exited with 0. */
        public String ok() {
            if (exit != 0) {
                throw new IllegalStateException("exit status " + exit + ", stdout \"" + stdout.strip()
                        + "\", stderr:\n" + stderr);
            }
            return stdout;
        }

        /** {@link GoProgram#hash} of the output, after checking that the run exited with 0. */
        public long checksum() {
            return hash(ok());
        }
    }

    /** A 64-bit FNV-1a hash of {@code s}'s UTF-8 bytes: what {@link Check} compares. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static final Map<String, GoProgram> CACHE = new HashMap<>();

    /**
     * {@link GoWorkloads#MODULE} prepared for {@code engine} (an {@link Engines} name), once per
     * JVM: a JMH fork uses one engine, the unit test every engine for every workload.
     */
    public static synchronized GoProgram cached(String engine) {
        GoProgram p = CACHE.get(engine);
        if (p == null) {
            byte[] wasm = wasm(GoWorkloads.MODULE);
            switch (engine) {
                case Engines.WASM2JAR:
                    p = wasm2jar(wasm);
                    break;
                case Engines.CHICORY_COMPILER:
                    p = chicoryCompiler(wasm);
                    break;
                case Engines.CHICORY_INTERPRETER:
                    p = chicoryInterpreter(wasm);
                    break;
                default:
                    throw new IllegalArgumentException("no engine " + engine);
            }
            CACHE.put(engine, p);
        }
        return p;
    }

    /** Instantiates the module and runs it with {@code args} (after argv[0]) to its exit. */
    public abstract Result run(List<String> args) throws Exception;

    public Result run(String... args) throws Exception {
        return run(List.of(args));
    }

    // ---- wasm2jar ----

    /** wasm2jar: compiles and loads the module now; each run instantiates the loaded class. */
    public static GoProgram wasm2jar(byte[] wasm) {
        return wasm2jar(Wasm2Jar.compile(wasm).load());
    }

    public static GoProgram wasm2jar(LoadedModule module) {
        return new GoProgram() {
            @Override
            public Result run(List<String> args) throws Exception {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = Launcher.run(module.moduleClass(), module.info(), args,
                        new LaunchConfig().programName(PROGRAM_NAME).sandbox(true).stackBytes(STACK_BYTES),
                        new Launcher.Stdio(new ByteArrayInputStream(new byte[0]), out, err));
                return new Result(exit, out.toByteArray(), err.toByteArray());
            }
        };
    }

    // ---- Chicory ----

    /** Chicory's compiler: parses and compiles the module now, interpreter fallback off. */
    public static GoProgram chicoryCompiler(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        Function<Instance, Machine> machine = MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.FAIL)
                .compile();
        return chicory(module, machine);
    }

    /** Chicory's interpreter: parses the module now. */
    public static GoProgram chicoryInterpreter(byte[] wasm) {
        return chicory(Parser.parse(wasm), null);
    }

    private static GoProgram chicory(WasmModule module, Function<Instance, Machine> machine) {
        return new GoProgram() {
            @Override
            public Result run(List<String> args) throws Exception {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                List<String> argv = new ArrayList<>();
                argv.add(PROGRAM_NAME);
                argv.addAll(args);
                WasiOptions options = WasiOptions.builder()
                        .withStdin(new ByteArrayInputStream(new byte[0]))
                        .withStdout(out)
                        .withStderr(err)
                        .withArguments(argv)
                        .withThrowOnExit0(true)
                        .build();
                int[] exit = {0};
                onGuestThread(() -> {
                    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
                        Instance.Builder b = Instance.builder(module)
                                .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                                .withStart(false);
                        if (machine != null) {
                            b.withMachineFactory(machine);
                        }
                        Instance inst = b.build();
                        try {
                            inst.export("_start").apply();
                        } catch (WasiExitException e) {
                            exit[0] = e.exitCode();
                        }
                    }
                });
                return new Result(exit[0], out.toByteArray(), err.toByteArray());
            }
        };
    }

    /** Runs {@code body} on a new thread with a {@link #STACK_BYTES} stack, rethrowing what it throws. */
    static void onGuestThread(Runnable body) throws Exception {
        Throwable[] failure = {null};
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "wasm-main", STACK_BYTES);
        t.start();
        t.join();
        if (failure[0] instanceof Exception) {
            throw (Exception) failure[0];
        }
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
    }

    /** The committed Go module {@code /go/NAME.wasm}. */
    public static byte[] wasm(String name) {
        return Engines.resource("/go/" + name + ".wasm");
    }
}
