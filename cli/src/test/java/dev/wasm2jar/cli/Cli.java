package dev.wasm2jar.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Test helpers: the CLI in process, and programs in their own {@code java} process. */
final class Cli {
    private Cli() {}

    /** What a command printed and returned. */
    static final class Result {
        final int exit;
        final String out;
        final String err;
        /** stdout as bytes (it may be binary). */
        final byte[] outBytes;

        Result(int exit, String out, String err) {
            this(exit, out.getBytes(StandardCharsets.UTF_8), err);
        }

        Result(int exit, byte[] out, String err) {
            this.exit = exit;
            this.outBytes = out;
            this.out = new String(out, StandardCharsets.UTF_8);
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code wasm2jar args...} in this JVM. */
    static Result wasm2jar(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Wasm2JarCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Path testModule(String name) {
        Path p = Paths.get("src/test/resources/wasm", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing test module " + p.toAbsolutePath());
        }
        return p;
    }

    /** The repository root (the parent of the cli module). */
    static Path repo() {
        return Paths.get("").toAbsolutePath().getParent();
    }

    /**
     * Runs {@code java [jvmArgs] -jar jar args...} with {@code env} added to this process's
     * environment, {@code stdin} as its input, in {@code workDir}.
     */
    static Result runJar(Path jar, List<String> jvmArgs, List<String> args, Map<String, String> env, byte[] stdin,
            Path workDir) {
        return runJar(jar, jvmArgs, args, env, stdin, workDir, Integer.MAX_VALUE, 0);
    }

    /** As above, writing stdin {@code chunk} bytes at a time with {@code pauseMillis} between pieces. */
    static Result runJar(Path jar, List<String> jvmArgs, List<String> args, Map<String, String> env, byte[] stdin,
            Path workDir, int chunk, long pauseMillis) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(args);
        return run(cmd, env, stdin, workDir, chunk, pauseMillis);
    }

    /**
     * Runs the CLI's {@code main} as a process, {@code java [jvmArgs] -cp <this test's class path>
     * Wasm2JarCli args...}, with no JVM options from the environment.
     */
    static Result wasm2jarProcess(List<String> jvmArgs, Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Wasm2JarCli.class.getName());
        cmd.addAll(List.of(args));
        Map<String, String> noOptions = new java.util.HashMap<>();
        noOptions.put("JAVA_TOOL_OPTIONS", null);
        noOptions.put("JDK_JAVA_OPTIONS", null);
        return run(cmd, noOptions, new byte[0], workDir, Integer.MAX_VALUE, 0);
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code env}: variables to add to this process's environment; a null value removes one. */
    private static Result run(List<String> cmd, Map<String, String> env, byte[] stdin, Path workDir, int chunk,
            long pauseMillis) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (java.io.OutputStream in = p.getOutputStream()) {
                for (int off = 0; off < stdin.length; off += chunk) {
                    if (off > 0 && pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    in.write(stdin, off, Math.min(chunk, stdin.length - off));
                    in.flush();
                }
            } catch (IOException e) {
                // the program stopped reading; what it printed tells
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
