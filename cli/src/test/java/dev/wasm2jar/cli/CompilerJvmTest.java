package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's {@code main} as a process: the compile moves to a C1-only JVM, transparently. */
class CompilerJvmTest {
    @TempDir
    Path tmp;

    @Test
    void compileRunsInAC1OnlyJvmWithTheUsersOptions() {
        Path jar = tmp.resolve("hello.jar");
        Cli.Result r = cli(List.of("-Xmx97m", "-Dwasm2jar.test=forwarded"),
                "-v", Cli.testModule("hello.wasm").toAbsolutePath().toString(), "-o", jar.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("compiled in a JVM of its own, with -XX:TieredStopAtLevel=1"), r.err);
        String options = r.err.substring(r.err.indexOf("forwarded JVM options: "));
        assertTrue(options.contains("-Xmx97m") && options.contains("-Dwasm2jar.test=forwarded"), options);
        Cli.Result run = Cli.runJar(jar, List.of(), List.of(), Map.of(), new byte[0], tmp);
        assertEquals("hello from wasm\n1\n", run.out, run.toString());
    }

    @Test
    void relaunchCanBeTurnedOff() {
        Path jar = tmp.resolve("hello.jar");
        Cli.Result r = cli(List.of("-D" + CompilerJvm.RELAUNCH + "=false"),
                "-v", Cli.testModule("hello.wasm").toAbsolutePath().toString(), "-o", jar.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.startsWith("compiled "), r.err);
        assertFalse(r.err.contains("JVM of its own"), r.err);
        assertTrue(Files.isRegularFile(jar));
    }

    @Test
    void failuresKeepTheirStatusAndTheirOneLineMessage() throws IOException {
        Path bad = Files.write(tmp.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99});
        Path jar = tmp.resolve("bad.jar");
        Cli.Result r = cli(List.of(), bad.toString(), "-o", jar.toString());
        assertEquals(Wasm2JarCli.EXIT_FAILURE, r.exit, r.toString());
        assertTrue(r.err.startsWith("wasm2jar: malformed module: "), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertFalse(Files.exists(jar));

        Cli.Result usage = cli(List.of(), "--no-such-option");
        assertEquals(2, usage.exit, usage.toString());
    }

    @Test
    void runCompilesElsewhereAndRunsHereWithTheSameResults() throws IOException {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        for (List<String> jvm : List.of(List.of("-Djava.io.tmpdir=" + scratch),
                List.of("-Djava.io.tmpdir=" + scratch, "-D" + CompilerJvm.RELAUNCH + "=false"))) {
            Cli.Result hello = cli(jvm, "run", Cli.testModule("hello.wasm").toAbsolutePath().toString(), "a", "b");
            assertEquals(0, hello.exit, hello.toString());
            assertEquals("hello from wasm\n3\n", hello.out, jvm.toString());
            Cli.Result exit = cli(jvm, "run", Cli.testModule("exit7.wasm").toAbsolutePath().toString());
            assertEquals(7, exit.exit, exit.toString());
            assertEquals("bye\n", exit.err, jvm.toString());
            Cli.Result bad = cli(jvm, "run", tmp.resolve("missing.wasm").toString());
            assertEquals(Wasm2JarCli.EXIT_FAILURE, bad.exit, bad.toString());
            assertTrue(bad.err.startsWith("wasm2jar: ") && bad.err.contains("no such file"), bad.err);
            try (java.util.stream.Stream<Path> left = Files.list(scratch)) {
                assertEquals(List.of(), left.collect(java.util.stream.Collectors.toList()), "temporary JARs left");
            }
        }
    }

    @Test
    void onlyCompilesAndInspectsMoveAndOnlyWhenNothingAsksForThisJvm() {
        assertTrue(CompilerJvm.wanted(new String[] {"m.wasm", "-o", "a.jar"}));
        assertTrue(CompilerJvm.wanted(new String[] {"-v", "m.wasm"}));
        assertTrue(CompilerJvm.wanted(new String[] {"inspect", "m.wasm"}));
        // run goes on to run the program, which wants C2; help and version are instant
        assertFalse(CompilerJvm.wanted(new String[] {"run", "m.wasm"}));
        assertFalse(CompilerJvm.wanted(new String[] {"help"}));
        assertFalse(CompilerJvm.wanted(new String[] {"m.wasm", "--help"}));
        assertFalse(CompilerJvm.wanted(new String[] {"-V"}));
        assertFalse(CompilerJvm.wanted(new String[0]));

        assertEquals(List.of("-Xmx1g", "-Dx=y"), CompilerJvm.forwardedOptions(List.of("-Xmx1g", "-Dx=y")));
        for (String chosen : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint",
                "-agentlib:jdwp=transport=dt_socket,server=y", "-javaagent:a.jar", "-agentpath:/x.so")) {
            assertNull(CompilerJvm.forwardedOptions(List.of("-Xmx1g", chosen)), chosen);
        }
    }

    private Cli.Result cli(List<String> jvmOptions, String... args) {
        return Cli.wasm2jarProcess(jvmOptions, tmp, args);
    }
}
