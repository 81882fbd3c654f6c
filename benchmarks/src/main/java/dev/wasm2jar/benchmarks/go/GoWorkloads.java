package dev.wasm2jar.benchmarks.go;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workloads of {@code /go/gobench.wasm}, their sizes ({@code /go/workloads.tsv}, also read by
 * {@code run.sh}'s process timings and the report) and the output native Go printed for each
 * size ({@code /go/expected.txt}, recorded by {@code src/main/go/build.sh --expected}).
 */
public final class GoWorkloads {
    private GoWorkloads() {}

    /** The module every Go workload is a subcommand of. */
    public static final String MODULE = "gobench";

    /** One row of workloads.tsv. */
    public static final class Workload {
        /** The benchmark class's name without "Benchmark". */
        public final String benchmark;
        /** The program's first argument. */
        public final String name;
        public final int size;
        public final int interpreterSize;
        public final int testSize;

        Workload(String benchmark, String name, int size, int interpreterSize, int testSize) {
            this.benchmark = benchmark;
            this.name = name;
            this.size = size;
            this.interpreterSize = interpreterSize;
            this.testSize = testSize;
        }
    }

    private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        for (String line : lines("/go/workloads.tsv")) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalStateException("workloads.tsv: expected 5 tab-separated fields: " + line);
            }
            WORKLOADS.put(f[1], new Workload(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])));
        }
        for (String line : lines("/go/expected.txt")) {
            String[] f = line.split(" ", 3);
            EXPECTED.put(f[0] + " " + f[1], line + "\n");
        }
    }

    public static Workload get(String name) {
        Workload w = WORKLOADS.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no workload " + name + " in workloads.tsv");
        }
        return w;
    }

    public static Iterable<Workload> all() {
        return WORKLOADS.values();
    }

    /** What native Go printed for {@code workload size}, or null when it was not recorded. */
    public static String expected(String workload, int size) {
        return EXPECTED.get(workload + " " + size);
    }

    private static Iterable<String> lines(String resource) {
        try (InputStream in = GoWorkloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            java.util.List<String> out = new java.util.ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
