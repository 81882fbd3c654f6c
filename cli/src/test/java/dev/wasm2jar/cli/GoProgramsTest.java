package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go programs built for wasip1 (testdata/go), compiled to JARs and run with {@code java -jar} in
 * a process of their own: stdout, stderr and exit code must be what the same program gives
 * natively (recorded in testdata/go/expected; see its README for the rules).
 */
class GoProgramsTest {
    static final Path GO = Cli.repo().resolve("testdata/go");

    @TempDir
    static Path shared;

    static Path scenariosJar;

    @BeforeAll
    static void compileScenarios() {
        scenariosJar = shared.resolve("scenarios.jar");
        Cli.Result r = Cli.wasm2jar(GO.resolve("build/scenarios.wasm").toString(), "-o", scenariosJar.toString());
        assertEquals(0, r.exit, r.toString());
    }

    /** One row of expected/cases.tsv. */
    static final class Case {
        final String name;
        final List<String> args;
        final Map<String, String> env;
        final String stdinFile;

        Case(String name, List<String> args, Map<String, String> env, String stdinFile) {
            this.name = name;
            this.args = args;
            this.env = env;
            this.stdinFile = stdinFile;
        }

        byte[] stdin() throws IOException {
            return stdinFile == null ? new byte[0] : Files.readAllBytes(GO.resolve("expected").resolve(stdinFile));
        }
    }

    static List<Case> cases(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(GO.resolve("expected/cases.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] col = line.split("\t", -1);
            List<String> args = new ArrayList<>();
            if (!col[1].equals("-")) {
                for (String t : col[1].split(" ")) {
                    args.add(decode(t, dir.toString()));
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (!col[2].equals("-")) {
                for (String kv : col[2].split(";")) {
                    String d = decode(kv, dir.toString());
                    int eq = d.indexOf('=');
                    env.put(d.substring(0, eq), d.substring(eq + 1));
                }
            }
            out.add(new Case(col[0], args, env, col[3].equals("-") ? null : col[3]));
        }
        return out;
    }

    /** The token encoding of cases.tsv: {empty}, %XX bytes, then {dir}. */
    static String decode(String token, String dir) {
        if (token.equals("{empty}")) {
            return "";
        }
        byte[] in = token.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                out.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8).replace("{dir}", dir);
    }

    @TestFactory
    Stream<DynamicTest> scenariosBehaveAsNatively(@TempDir Path work) throws IOException {
        Path dir = work.resolve("files");
        return cases(dir).stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            deleteTree(dir);
            Files.createDirectories(dir);
            Cli.Result r = Cli.runJar(scenariosJar, List.of(), c.args, c.env, c.stdin(), work);
            assertMatchesNative(c.name, r);
        }));
    }

    /** The stdin cases again, with stdin written slowly in small pieces through a pipe. */
    @TestFactory
    Stream<DynamicTest> stdinFromASlowPipe(@TempDir Path work) throws IOException {
        return cases(work).stream().filter(c -> c.stdinFile != null).map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Cli.Result r = Cli.runJar(scenariosJar, List.of(), c.args, c.env, c.stdin(), work, 4096, 20);
            assertMatchesNative(c.name, r);
        }));
    }

    static void assertMatchesNative(String name, Cli.Result r) throws IOException {
        Path e = GO.resolve("expected");
        byte[] out = Files.readAllBytes(e.resolve(name + ".stdout"));
        String err = Files.readString(e.resolve(name + ".stderr"), StandardCharsets.UTF_8);
        int exit = Integer.parseInt(Files.readString(e.resolve(name + ".exit")).trim());
        if (name.equals("panic")) {
            err = withoutPcOffsets(err);
            r = new Cli.Result(r.exit, r.outBytes, withoutPcOffsets(r.err));
        }
        String context = name + ": " + (r.outBytes.length > 4096 ? "exit " + r.exit + ", stderr:\n" + r.err : r);
        assertArrayEquals(out, r.outBytes, context);
        assertEquals(err, r.err, context);
        assertEquals(exit, r.exit, context);
    }

    static String withoutPcOffsets(String trace) {
        return trace.replaceAll("(?m) \\+0x[0-9a-f]+$", "");
    }

    @TestFactory
    Stream<DynamicTest> helloFromEveryGoRelease(@TempDir Path work) throws IOException {
        String expected = Files.readString(GO.resolve("hello/expected.stdout"));
        return Stream.of("1.21", "1.22", "1.23").map(v -> DynamicTest.dynamicTest("go" + v, () -> {
            Path jar = work.resolve("hello-go" + v + ".jar");
            Cli.Result c = Cli.wasm2jar(GO.resolve("build/hello-go" + v + ".wasm").toString(), "-o", jar.toString());
            assertEquals(0, c.exit, c.toString());
            Cli.Result r = Cli.runJar(jar, List.of(), List.of(), Map.of(), new byte[0], work);
            assertEquals(new Cli.Result(0, expected, "").toString(), r.toString());
        }));
    }

    @Test
    void exampleInTheReadme(@TempDir Path work) throws IOException {
        Path example = Cli.repo().resolve("examples/hello-go/main.wasm");
        assumeTrue(Files.exists(example), "no example");
        Path jar = work.resolve("app.jar");
        assertEquals(0, Cli.wasm2jar(example.toString(), "-o", jar.toString()).exit);
        Cli.Result r = Cli.runJar(jar, List.of(), List.of("from", "the", "README"), Map.of(), new byte[0], work);
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err);
        assertEquals(true, r.out.contains("README"), r.out);
    }

    /**
     * Capability mode: the program sees only the granted directory, and neither {@code ..},
     * absolute paths, nor symlinks (absolute, or relative ones that climb out) reach past it.
     */
    @Test
    void sandboxGrantsOnlyWhatIsGiven(@TempDir Path work) throws IOException {
        Path granted = Files.createDirectories(work.resolve("granted"));
        Files.writeString(granted.resolve("inside.txt"), "inside");
        Files.createDirectories(granted.resolve("sub"));
        Path outside = Files.writeString(work.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(granted.resolve("abs-link"), outside.toAbsolutePath());
        Files.createSymbolicLink(granted.resolve("rel-link"), Path.of("../outside.txt"));
        Files.createSymbolicLink(granted.resolve("sub/deep-link"), Path.of("../../outside.txt"));
        Files.createSymbolicLink(granted.resolve("ok-link"), Path.of("sub/../inside.txt"));
        Files.createSymbolicLink(granted.resolve("sub/chain"), Path.of("../rel-link"));

        Path jar = work.resolve("sandboxed.jar");
        Cli.Result c = Cli.wasm2jar(GO.resolve("build/scenarios.wasm").toString(), "-o", jar.toString(), "--sandbox",
                "--dir", granted + ":/data", "--env", "W2J_FOO=granted");
        assertEquals(0, c.exit, c.toString());
        List<String> reads = List.of("read", "/data/inside.txt", "/data/ok-link", "/data/../outside.txt",
                "/data/sub/../../outside.txt", outside.toAbsolutePath().toString(), "/data/abs-link", "/data/rel-link",
                "/data/sub/deep-link", "/data/sub/chain");
        Cli.Result r = Cli.runJar(jar, List.of(), reads, Map.of(), new byte[0], work);
        String escape = "error other errno=" + ESCAPE_ERRNO + "\n";
        assertEquals(String.join("\n",
                "path[0]: ok \"inside\"",
                "path[1]: ok \"inside\"",
                // Go cleans the path itself; outside every preopen it has no directory to ask (EBADF)
                "path[2]: error other errno=8",
                "path[3]: error other errno=8",
                "path[4]: error other errno=8",
                // the host must refuse symlinks that leave the preopen
                "path[5]: " + escape + "path[6]: " + escape + "path[7]: " + escape + "path[8]: " + escape),
                r.out, r.toString());
        assertEquals(0, r.exit, r.toString());

        // Only the granted environment.
        r = Cli.runJar(jar, List.of(), List.of("env", "W2J_FOO", "HOME", "PATH"), Map.of("W2J_OTHER", "x"), new byte[0], work);
        assertEquals("W2J_FOO=\"granted\"\nHOME unset\nPATH unset\nenviron W2J_*: 1\n  \"W2J_FOO=granted\"\n", r.out,
                r.toString());

        // A host-mode JAR switched to capability mode at run time.
        Path hostJar = work.resolve("host.jar");
        assertEquals(0, Cli.wasm2jar(GO.resolve("build/scenarios.wasm").toString(), "-o", hostJar.toString()).exit);
        r = Cli.runJar(hostJar, List.of("-Dwasm2jar.dir=" + granted + ":/data"),
                List.of("read", "/data/inside.txt", outside.toAbsolutePath().toString()), Map.of(), new byte[0], work);
        assertEquals("path[0]: ok \"inside\"\npath[1]: error other errno=8\n", r.out, r.toString());
        // ... and in host mode, the same file is simply there.
        r = Cli.runJar(hostJar, List.of(), List.of("read", outside.toAbsolutePath().toString(), "outside.txt"), Map.of(),
                new byte[0], work);
        assertEquals("path[0]: ok \"secret\"\npath[1]: ok \"secret\"\n", r.out, r.toString());
    }

    /** What the WASI host answers when a path would escape its preopen (ENOTCAPABLE). */
    static final int ESCAPE_ERRNO = 76;

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
