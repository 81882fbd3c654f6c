package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.launcher.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: compiling to a JAR, running it, and every kind of bad input. */
class CliTest {
    @TempDir
    Path tmp;

    @Test
    void compilesARunnableSelfContainedJar() throws IOException {
        Path jar = tmp.resolve("hello.jar");
        Cli.Result r = Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "-o", jar.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err);
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals("dev.wasm2jar.launcher.Main", j.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(j.getEntry("META-INF/wasm2jar/module.bin") != null);
            assertTrue(j.getEntry("dev/wasm2jar/runtime/Memory.class") != null);
            assertTrue(j.getEntry("dev/wasm2jar/wasi/WasiHost.class") != null);
            assertTrue(j.getEntry("dev/wasm2jar/launcher/Launcher.class") != null);
            // Nothing of the compiler or its libraries.
            assertTrue(j.stream().noneMatch(e -> e.getName().startsWith("dev/wasm2jar/compiler/")
                    || e.getName().startsWith("org/objectweb/") || e.getName().startsWith("com/dylibso/")
                    || e.getName().startsWith("picocli/")));
        }
        Cli.Result run = Cli.runJar(jar, List.of(), List.of("a", "b"), Map.of(), new byte[0], tmp);
        assertEquals(0, run.exit, run.toString());
        assertEquals("hello from wasm\n3\n", run.out);
        assertEquals("", run.err);
    }

    @Test
    void defaultOutputIsTheModuleNameInTheWorkingDirectory() {
        // The CLI resolves a relative -o against the working directory; check the default name only.
        assertEquals("hello", Wasm2JarCli.baseName(Path.of("dir/hello.wasm")));
        assertEquals("app", Wasm2JarCli.baseName(Path.of("app.jar")));
    }

    @Test
    void sameInputGivesTheSameJar() throws IOException {
        Path a = tmp.resolve("a.jar");
        Path b = tmp.resolve("b.jar");
        assertEquals(0, Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "-o", a.toString(), "--name", "x").exit);
        assertEquals(0, Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "-o", b.toString(), "--name", "x").exit);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "JAR bytes differ");
    }

    @Test
    void exitStatusAndStderrOfProcExit() {
        Path jar = tmp.resolve("exit7.jar");
        assertEquals(0, Cli.wasm2jar(Cli.testModule("exit7.wasm").toString(), "-o", jar.toString()).exit);
        Cli.Result run = Cli.runJar(jar, List.of(), List.of(), Map.of(), new byte[0], tmp);
        assertEquals(7, run.exit, run.toString());
        assertEquals("", run.out);
        assertEquals("bye\n", run.err);
    }

    @Test
    void trapPrintsMessageAndWasmStack() {
        Path jar = tmp.resolve("trap.jar");
        assertEquals(0, Cli.wasm2jar(Cli.testModule("trap.wasm").toString(), "-o", jar.toString()).exit);
        Cli.Result run = Cli.runJar(jar, List.of(), List.of(), Map.of(), new byte[0], tmp);
        assertEquals(Launcher.TRAP_EXIT, run.exit, run.toString());
        assertEquals("wasm trap: integer divide by zero\n    at innermost\n    at middle\n    at main\n", run.err);
    }

    @Test
    void moduleWithoutStartIsNotACommand() {
        Path jar = tmp.resolve("lib.jar");
        assertEquals(0, Cli.wasm2jar(Cli.testModule("library.wasm").toString(), "-o", jar.toString()).exit);
        Cli.Result run = Cli.runJar(jar, List.of(), List.of(), Map.of(), new byte[0], tmp);
        assertEquals(Launcher.INTERNAL_ERROR_EXIT, run.exit, run.toString());
        assertEquals("wasm2jar: the module exports no _start function: it is not a WASI command\n", run.err);
    }

    @Test
    void runCompilesInMemoryAndPassesOptionsThrough() {
        // run uses the process's own stdio; its exit status is the program's.
        Cli.Result r = Cli.wasm2jar("run", Cli.testModule("library.wasm").toString(), "--not-an-option");
        assertEquals(Launcher.INTERNAL_ERROR_EXIT, r.exit, r.toString());
        assertTrue(r.err.contains("no _start"), r.err);
    }

    @Test
    void missingFile() {
        Cli.Result r = Cli.wasm2jar(tmp.resolve("nope.wasm").toString(), "-o", tmp.resolve("x.jar").toString());
        assertEquals(1, r.exit);
        assertEquals("wasm2jar: " + tmp.resolve("nope.wasm") + ": no such file\n", r.err);
        assertFalse(Files.exists(tmp.resolve("x.jar")));
    }

    @Test
    void notWasm() throws IOException {
        Path f = tmp.resolve("readme.txt");
        Files.writeString(f, "hello");
        Cli.Result r = Cli.wasm2jar(f.toString(), "-o", tmp.resolve("x.jar").toString());
        assertEquals(1, r.exit);
        assertOneLine(r.err);
        assertTrue(r.err.startsWith("wasm2jar: malformed module: not a WebAssembly module"), r.err);
        assertNoJars();
    }

    @Test
    void truncatedModule() throws IOException {
        byte[] hello = Files.readAllBytes(Cli.testModule("hello.wasm"));
        Path f = tmp.resolve("cut.wasm");
        Files.write(f, java.util.Arrays.copyOf(hello, hello.length / 2));
        Cli.Result r = Cli.wasm2jar(f.toString(), "-o", tmp.resolve("x.jar").toString());
        assertEquals(1, r.exit, r.toString());
        assertOneLine(r.err);
        assertTrue(r.err.startsWith("wasm2jar: malformed module: "), r.err);
        assertNoJars();
    }

    @Test
    void invalidModuleNamesFunctionAndOffset() throws IOException {
        Cli.Result r = Cli.wasm2jar(Cli.testModule("invalid.wasm").toString(), "-o", tmp.resolve("x.jar").toString());
        assertEquals(1, r.exit);
        assertOneLine(r.err);
        assertTrue(r.err.startsWith("wasm2jar: invalid module: type mismatch"), r.err);
        assertTrue(r.err.contains("function 0 (bad)") && r.err.contains("offset 0x"), r.err);
        assertNoJars();
    }

    @Test
    void unwritableOutput() throws IOException {
        Cli.Result r = Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "-o",
                tmp.resolve("no/such/dir/x.jar").toString());
        assertEquals(1, r.exit);
        assertOneLine(r.err);
        assertTrue(r.err.contains("does not exist"), r.err);

        Path dir = Files.createDirectory(tmp.resolve("taken"));
        r = Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "-o", dir.toString());
        assertEquals(1, r.exit, r.toString());
        assertOneLine(r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
        }
    }

    @Test
    void failedCompileKeepsAnExistingJar() throws IOException {
        Path jar = tmp.resolve("app.jar");
        Files.writeString(jar, "previous");
        Cli.Result r = Cli.wasm2jar(Cli.testModule("invalid.wasm").toString(), "-o", jar.toString());
        assertEquals(1, r.exit);
        assertEquals("previous", Files.readString(jar));
    }

    @Test
    void usageErrors() {
        Cli.Result r = Cli.wasm2jar();
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("Missing required parameter"), r.err);
        r = Cli.wasm2jar("--no-such-option", "x.wasm");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("Unknown option"), r.err);
        r = Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "--env", "NOEQUALS", "-o", tmp.resolve("x.jar").toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("expected NAME=value"), r.err);
        r = Cli.wasm2jar(Cli.testModule("hello.wasm").toString(), "--dir", tmp.resolve("missing").toString(), "-o",
                tmp.resolve("x.jar").toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("is not a directory"), r.err);
    }

    @Test
    void helpAndVersion() {
        Cli.Result r = Cli.wasm2jar("--help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("Usage: wasm2jar") && r.out.contains("--sandbox") && r.out.contains("run")
                && r.out.contains("inspect"), r.out);
        r = Cli.wasm2jar("--version");
        assertEquals(0, r.exit);
        assertTrue(r.out.startsWith("wasm2jar "), r.out);
        assertFalse(r.out.startsWith("wasm2jar unknown"), r.out);
        r = Cli.wasm2jar("run", "--help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("Usage: wasm2jar run"), r.out);
    }

    @Test
    void inspectDescribesTheModule() {
        Cli.Result r = Cli.wasm2jar("inspect", Cli.testModule("hello.wasm").toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("function wasi_snapshot_preview1.fd_write (i32, i32, i32, i32) -> (i32)")
                || r.out.contains("wasi_snapshot_preview1.fd_write"), r.out);
        assertTrue(r.out.contains("function _start"), r.out);
        assertTrue(r.out.contains("memory 0: 1 pages"), r.out);
        assertTrue(r.out.contains("largest functions:"), r.out);
        assertTrue(r.out.contains("main"), r.out);
        r = Cli.wasm2jar("inspect", Cli.testModule("invalid.wasm").toString());
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("wasm2jar: invalid module"), r.err);
    }

    private static void assertOneLine(String s) {
        assertTrue(s.endsWith("\n") && s.indexOf('\n') == s.length() - 1, "expected one line, got:\n" + s);
    }

    private void assertNoJars() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".tmp")),
                    "a JAR or temporary file was left behind");
        }
    }
}
