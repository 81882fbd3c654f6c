package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.LoadedModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import dev.wasm2jar.launcher.LaunchConfig;
import dev.wasm2jar.launcher.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasm2jar}: compile a WebAssembly module to a runnable JAR, run a module directly, or
 * describe one.
 */
@Command(name = "wasm2jar", mixinStandardHelpOptions = true, versionProvider = Wasm2JarCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compiles a WebAssembly module to a self-contained, runnable JAR.",
                "", "  wasm2jar main.wasm -o app.jar && java -jar app.jar args...", ""},
        subcommands = {Wasm2JarCli.Run.class, Wasm2JarCli.Inspect.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 on success, 1 when the module cannot be compiled or written, 2 on a usage error.",
                "The JAR's runtime settings can be overridden with -Dwasm2jar.<key>=... (see README)."})
public final class Wasm2JarCli implements Callable<Integer> {
    static final int EXIT_FAILURE = 1;

    @Spec
    CommandLine.Model.CommandSpec spec;

    // Optional for picocli so that "wasm2jar run --help" does not ask for it; call() requires it.
    @Parameters(index = "0", arity = "0..1", paramLabel = "<module.wasm>",
            description = "the WebAssembly module (binary format)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "<app.jar>",
            description = "the JAR to write (default: the module's name with .jar, in the current directory)")
    Path output;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-v", "--verbose"}, description = "print the time each stage takes")
    boolean verbose;

    /**
     * Whether {@code run} compiles in a C1-only JVM of its own (set by {@link #main}; the CLI run in
     * process, as tests do, compiles in its own JVM).
     */
    static boolean runCompilesElsewhere;

    public static void main(String[] args) {
        int relaunched = CompilerJvm.relaunch(args);
        runCompilesElsewhere = true;
        System.exit(relaunched >= 0 ? relaunched : commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Wasm2JarCli());
        cl.setExecutionExceptionHandler(Wasm2JarCli::handleFailure);
        // Everything after the module belongs to the program, options included.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        if (input == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: '<module.wasm>'");
        }
        Path out = output != null ? output : Paths.get(baseName(input) + ".jar");
        long t0 = System.nanoTime();
        byte[] wasm = readModule(input);
        CompiledModule module = Wasm2Jar.compile(wasm);
        long t1 = System.nanoTime();
        LaunchConfig config = runtime.toConfig(baseName(out), spec.commandLine());
        JarPackager.write(module, config, out, Version.version());
        long t2 = System.nanoTime();
        if (verbose) {
            PrintWriter err = spec.commandLine().getErr();
            StringBuilder stages = new StringBuilder();
            module.stageNanos().forEach((stage, ns) -> stages.append(stages.length() == 0 ? "" : ", ")
                    .append(stage).append(' ').append(Math.round(ns / 1e6)).append(" ms"));
            err.printf(Locale.ROOT, "compiled %s (%d functions, %d classes) in %.0f ms (%s); wrote %s (%d bytes) in %.0f ms%n",
                    input, module.info().functionCount(), module.classes().size(), (t1 - t0) / 1e6, stages, out,
                    Files.size(out), (t2 - t1) / 1e6);
            String jvm = System.getProperty(CompilerJvm.RELAUNCHED);
            if (jvm != null) {
                List<String> options = new ArrayList<>(
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
                options.removeIf(o -> CompilerJvm.FLAGS.contains(o) || o.startsWith("-D" + CompilerJvm.RELAUNCHED + "="));
                err.println("compiled in a JVM of its own, with " + jvm + " (-D" + CompilerJvm.RELAUNCH
                        + "=false compiles in the invoking JVM); forwarded JVM options: "
                        + (options.isEmpty() ? "none" : String.join(" ", options)));
            }
        }
        return 0;
    }

    /** Options that say what a compiled program sees of the host. */
    static final class RuntimeOptions {
        @Option(names = "--sandbox", description = "capability mode: the program sees no host files and no host "
                + "environment, only what --dir and --env grant (default: host / is visible as /, the environment "
                + "is inherited)")
        boolean sandbox;

        @Option(names = "--dir", paramLabel = "<host[:guest]>",
                description = "make a host directory visible to the program (at the guest path, default the same path)")
        List<String> dirs = new ArrayList<>();

        @Option(names = "--env", paramLabel = "<NAME=value>", description = "set an environment variable for the program")
        List<String> env = new ArrayList<>();

        @Option(names = "--name", paramLabel = "<name>",
                description = "the program's name, argv[0] (default: the JAR's or module's name)")
        String name;

        @Option(names = "--stack", paramLabel = "<size>",
                description = "JVM stack of the program's thread, e.g. 512m (default: 512m)")
        String stack;

        LaunchConfig toConfig(String defaultName, CommandLine cl) {
            LaunchConfig c = new LaunchConfig().programName(name != null ? name : defaultName).sandbox(sandbox);
            for (String d : dirs) {
                LaunchConfig.Grant g = LaunchConfig.Grant.parse(d);
                if (!Files.isDirectory(g.host)) {
                    throw new CommandLine.ParameterException(cl,
                            "--dir " + d + ": " + g.host + " is not a directory");
                }
                c.dir(new LaunchConfig.Grant(g.host.toAbsolutePath().normalize(), g.guest));
            }
            for (String e : env) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.ParameterException(cl, "--env " + e + ": expected NAME=value");
                }
                c.env(e.substring(0, eq), e.substring(eq + 1));
            }
            if (stack != null) {
                c.stackBytes(LaunchConfig.parseSize(stack));
            }
            return c;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Compiles a module and runs it in this JVM (a WASI command: it exports _start).",
                    "Everything after the module is passed to the program. Exits with the program's exit status."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<module.wasm>", description = "the WebAssembly module")
        Path input;

        @Parameters(index = "1..*", paramLabel = "<args>", description = "the program's arguments")
        List<String> args = new ArrayList<>();

        @Mixin
        RuntimeOptions runtime;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            byte[] wasm = readModule(input); // on both paths, so that its errors read the same
            LaunchConfig config = runtime.toConfig(baseName(input), spec.commandLine());
            // The same overrides a packaged program takes.
            LaunchConfig.applySystemProperties(config, System.getProperties());
            if (runCompilesElsewhere) {
                Path jar = Files.createTempFile("wasm2jar-run-", ".jar");
                try {
                    int compiled = CompilerJvm.compileTo(input, jar);
                    if (compiled > 0) {
                        return compiled; // the compile said why on stderr
                    }
                    if (compiled == 0) {
                        try (PackagedModule packaged = PackagedModule.open(jar)) {
                            return Launcher.run(packaged.moduleClass, packaged.info, args, config,
                                    Launcher.Stdio.process());
                        }
                    }
                } finally {
                    Files.deleteIfExists(jar);
                }
            }
            LoadedModule loaded = Wasm2Jar.compile(wasm).load();
            return Launcher.run(loaded.moduleClass(), loaded.info(), args, config, Launcher.Stdio.process());
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Describes a module: imports, exports, memories, tables, globals, functions and the largest "
                    + "function bodies.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<module.wasm>", description = "the WebAssembly module")
        Path input;

        @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
                description = "how many of the largest functions to list (default: ${DEFAULT-VALUE})")
        int top;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModuleReport.print(readModule(input), top, spec.commandLine().getOut());
            return 0;
        }
    }

    static byte[] readModule(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            throw new UserError(input + " is a directory, not a WebAssembly module");
        }
        try {
            return Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new UserError(input + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserError(input + ": permission denied");
        }
    }

    static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A failure the user can act on: reported as one line, without a stack trace. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CommandLine.ParameterException) {
            // Raised by our own checks while executing: report it as picocli reports usage errors.
            CommandLine.ParameterException p = (CommandLine.ParameterException) e;
            err.println(p.getMessage());
            p.getCommandLine().usage(err);
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        }
        if (e instanceof CompileException) {
            CompileException c = (CompileException) e;
            String what = c.kind() == CompileException.Kind.MALFORMED ? "malformed module"
                    : c.kind() == CompileException.Kind.INVALID ? "invalid module" : "unsupported module";
            err.println("wasm2jar: " + what + ": " + c.getMessage());
            return EXIT_FAILURE;
        }
        if (e instanceof UserError) {
            err.println("wasm2jar: " + e.getMessage());
            return EXIT_FAILURE;
        }
        if (e instanceof Launcher.LaunchException) {
            err.println("wasm2jar: " + e.getMessage());
            return Launcher.INTERNAL_ERROR_EXIT;
        }
        if (e instanceof AccessDeniedException) {
            err.println("wasm2jar: " + e.getMessage() + ": permission denied");
            return EXIT_FAILURE;
        }
        if (e instanceof NoSuchFileException) {
            err.println("wasm2jar: " + e.getMessage() + ": no such file or directory");
            return EXIT_FAILURE;
        }
        if (e instanceof IOException) {
            err.println("wasm2jar: " + e.getMessage());
            return EXIT_FAILURE;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("wasm2jar: " + e.getMessage());
            return EXIT_FAILURE;
        }
        err.println("wasm2jar: internal error: " + e + " (this is a wasm2jar bug; the stack trace follows)");
        e.printStackTrace(err);
        return Launcher.INTERNAL_ERROR_EXIT;
    }

    /** The version, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        static String version() {
            try (InputStream in = Wasm2JarCli.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        @Override
        public String[] getVersion() {
            return new String[] {"wasm2jar " + version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
