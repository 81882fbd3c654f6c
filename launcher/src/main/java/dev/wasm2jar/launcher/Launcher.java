package dev.wasm2jar.launcher;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Instantiator;
import dev.wasm2jar.runtime.LinkException;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.Trap;
import dev.wasm2jar.wasi.ProcExit;
import dev.wasm2jar.wasi.WasiHost;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a WASI command module (a compiled module exporting {@code _start}) the way a native
 * program runs: arguments, environment, stdio and files as {@link LaunchConfig} grants them, the
 * guest on its own thread with a large stack, and the exit status of {@code proc_exit}.
 *
 * <p>Exit status: the guest's {@code proc_exit} code, 0 when {@code _start} returns; after a
 * trap {@value #TRAP_EXIT} (128 + SIGABRT, as wasmtime and an aborted native program), with
 * {@code wasm trap: <message>} and the wasm call stack on stderr.
 */
public final class Launcher {
    /** Exit status after a trap. */
    public static final int TRAP_EXIT = 134;
    /** Exit status when the program cannot start or fails inside the JVM (EX_SOFTWARE). */
    public static final int INTERNAL_ERROR_EXIT = 70;

    private Launcher() {}

    /** The process's own stdio: unbuffered, so that stdout and stderr interleave as written. */
    public static final class Stdio {
        final InputStream in;
        final OutputStream out;
        final OutputStream err;

        public Stdio(InputStream in, OutputStream out, OutputStream err) {
            this.in = in;
            this.out = out;
            this.err = err;
        }

        public static Stdio process() {
            return new Stdio(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                    new FileOutputStream(FileDescriptor.err));
        }
    }

    /** A problem before the guest runs: a module that does not link or is not a command. */
    public static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Instantiates {@code moduleClass} with a WASI host and runs {@code _start} on a new thread.
     *
     * @param args the program's arguments after argv[0] ({@link LaunchConfig#programName()})
     * @return the exit status
     * @throws LaunchException when the module does not link or exports no {@code _start}
     */
    public static int run(Class<? extends Instance> moduleClass, ModuleInfo info, List<String> args,
            LaunchConfig config, Stdio stdio) throws LaunchException {
        WasiHost wasi = wasiHost(args, config, stdio);
        Imports imports = new Imports().addAll(wasi.functions());
        int[] exit = {0};
        Throwable[] failure = {null};
        Runnable guest = () -> {
            try {
                Instance inst = Instantiator.instantiate(moduleClass, info, imports, Memory.IMPL_MAX_PAGES);
                Object memory = inst.exports().get("memory");
                if (memory instanceof Memory) {
                    wasi.setMemory((Memory) memory);
                }
                if (inst.exports().get("_start") != null) {
                    inst.function("_start").call();
                } else {
                    failure[0] = new LaunchException("the module exports no _start function: it is not a WASI command", null);
                }
            } catch (ProcExit e) {
                exit[0] = e.code();
            } catch (Throwable t) {
                failure[0] = t;
            }
        };
        Thread t = new Thread(null, guest, "wasm-main", config.stackBytes());
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure[0];
        if (f == null) {
            return exit[0];
        }
        if (f instanceof LaunchException) {
            throw (LaunchException) f;
        }
        if (f instanceof LinkException) {
            throw new LaunchException(f.getMessage(), f);
        }
        PrintStream err = new PrintStream(stdio.err, true, StandardCharsets.UTF_8);
        if (f instanceof StackOverflowError) {
            f = Trap.callStackExhausted((StackOverflowError) f);
        }
        if (f instanceof Trap) {
            printTrap((Trap) f, info, err);
            return TRAP_EXIT;
        }
        err.println("wasm2jar: the program failed inside the JVM: " + f);
        f.printStackTrace(err);
        return INTERNAL_ERROR_EXIT;
    }

    static WasiHost wasiHost(List<String> args, LaunchConfig config, Stdio stdio) {
        List<String> argv = new ArrayList<>();
        argv.add(config.programName());
        argv.addAll(args);
        WasiHost.Builder b = WasiHost.builder().args(argv).stdin(stdio.in).stdout(stdio.out).stderr(stdio.err);
        Map<String, String> env = new LinkedHashMap<>();
        if (!config.sandbox()) {
            env.putAll(System.getenv());
            env.put("PWD", Paths.get("").toAbsolutePath().toString());
            b.preopen(Paths.get("/"), "/");
        }
        for (LaunchConfig.Grant g : config.dirs()) {
            b.preopen(g.host, g.guest);
        }
        env.putAll(config.env());
        b.env(env);
        return b.build();
    }

    /** {@code wasm trap: message}, then the wasm functions on the stack, innermost first. */
    public static void printTrap(Trap trap, ModuleInfo info, PrintStream err) {
        err.println("wasm trap: " + trap.getMessage());
        Map<String, String> wasmNames = new HashMap<>();
        for (ModuleInfo.FunctionDef f : info.functions) {
            wasmNames.put(f.owner.replace('/', '.') + "#" + f.methodName, f.debugName);
        }
        for (StackTraceElement e : trap.getStackTrace()) {
            String name = wasmNames.get(e.getClassName() + "#" + e.getMethodName());
            if (name != null) {
                err.println("    at " + name);
            }
        }
    }
}
