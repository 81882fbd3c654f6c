package dev.wasm2jar.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a compile in a second JVM with C2 off ({@code -XX:TieredStopAtLevel=1}).
 *
 * <p>Compiling a module is a batch job of about a second on a cold JVM. With tiered compilation,
 * C2 spends that second compiling the compiler's own hottest methods, on a core the compile
 * needs, and finishes too late to pay off: Go hello compiles in 1.4–1.5 s of wall time with the
 * JVM's defaults and in 0.8–0.9 s in a C1-only JVM, the second JVM's start included (docs/DESIGN.md,
 * decision 30). {@code java -jar} has no way to choose JVM flags, so the CLI starts the JVM it
 * wants, with the user's own JVM options, and passes the exit status through.
 *
 * <p>For {@code run}, only the compile moves ({@link #compileTo}): the program runs in this JVM,
 * with C2. Nothing moves when the user chose the JIT, attached an agent or a debugger (the second
 * JVM would not be the one they are looking at), or gave {@code -Dwasm2jar.relaunch=false}. If
 * the JVM cannot be started, the compile happens in this one.
 */
final class CompilerJvm {
    /** {@code -Dwasm2jar.relaunch=false} keeps the compile in the invoking JVM. */
    static final String RELAUNCH = "wasm2jar.relaunch";
    /** Set in the second JVM: what it was started with, for {@code -v}. */
    static final String RELAUNCHED = "wasm2jar.relaunched";
    static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1");

    private CompilerJvm() {}

    /**
     * Runs {@code args} in a C1-only JVM when that is worth it.
     *
     * @return the exit status of the compile, or -1 when it has to run in this JVM
     */
    static int relaunch(String[] args) {
        return wanted(args) ? run(Arrays.asList(args)) : -1;
    }

    /**
     * For {@code run}: compiles {@code module} to {@code jar} in a C1-only JVM, so that this JVM,
     * which runs the program, skips the cold compile (Go hello: 1.3 s to its exit, 1.1 s so).
     *
     * @return the compile's exit status, or -1 when it has to happen in this JVM
     */
    static int compileTo(java.nio.file.Path module, java.nio.file.Path jar) {
        return run(List.of(module.toString(), "-o", jar.toString()));
    }

    /** Runs the CLI with {@code args} in a C1-only JVM: its exit status, or -1 when this JVM has to do it. */
    private static int run(List<String> args) {
        if (System.getProperty(RELAUNCHED) != null || "false".equals(System.getProperty(RELAUNCH))) {
            return -1; // this is the second JVM, or the user keeps the work here
        }
        List<String> jvmOptions;
        try {
            jvmOptions = forwardedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (LinkageError | SecurityException e) {
            return -1; // a runtime image without java.management: compile here
        }
        if (jvmOptions == null) {
            return -1;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(FLAGS);
        cmd.add("-D" + RELAUNCHED + "=" + String.join(" ", FLAGS));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Wasm2JarCli.class.getName());
        cmd.addAll(args);
        Process child;
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1;
        }
        // Ctrl-C reaches both JVMs; a kill of this one alone must not leave the compile running.
        Thread reaper = new Thread(child::destroy, "wasm2jar-compiler-jvm-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper); // run goes on in this JVM
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing to undo
            }
        }
    }

    /** Whether {@code args} is a compile or an inspect (not a run, nor help or the version). */
    static boolean wanted(String[] args) {
        if (args.length == 0 || args[0].equals("run") || args[0].equals("help")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The options of this JVM to give the second one, or null when it should not be started: the
     * user chose the JIT or attached an agent or a debugger. Options that came from
     * {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS} are left out:
     * the second JVM reads the same environment.
     */
    static List<String> forwardedOptions(List<String> inputArguments) {
        Set<String> fromEnvironment = new HashSet<>();
        for (String var : new String[] {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"}) {
            String v = System.getenv(var);
            if (v != null) {
                fromEnvironment.addAll(Arrays.asList(v.trim().split("\\s+")));
            }
        }
        List<String> forwarded = new ArrayList<>();
        for (String a : inputArguments) {
            if (a.startsWith("-XX:TieredStopAtLevel") || a.endsWith("TieredCompilation") || a.equals("-Xint")
                    || a.equals("-Xcomp") || a.startsWith("-agentlib:") || a.startsWith("-agentpath:")
                    || a.startsWith("-javaagent:") || a.startsWith("-Xrunjdwp") || a.equals("-Xdebug")) {
                return null;
            }
            if (!fromEnvironment.contains(a)) {
                forwarded.add(a);
            }
        }
        return forwarded;
    }
}
