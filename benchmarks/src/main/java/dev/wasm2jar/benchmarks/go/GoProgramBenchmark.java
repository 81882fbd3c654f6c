package dev.wasm2jar.benchmarks.go;

import dev.wasm2jar.benchmarks.Check;
import dev.wasm2jar.benchmarks.Engines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A whole Go program ({@code gobench.wasm WORKLOAD SIZE}) run from {@code _start} to
 * {@code proc_exit}, in process. One invocation instantiates the module afresh (memory, data
 * segments, Go's runtime initialisation), runs the workload, and checks what it printed; the
 * compilation happens once, in the trial's setup. The subclasses name the workload; the sizes
 * are in {@code /go/workloads.tsv}.
 *
 * <p>Engines (benchmark methods): {@code wasm2jar}, {@code chicoryCompiler} (interpreter fallback
 * {@code FAIL}) at the workload's size; {@code chicoryInterpreter} at the much smaller
 * interpreter size, and {@code wasm2jarAtInterpreterSize}, wasm2jar at that same size, for the
 * ratio. There is no plain-Java engine: the reference is native Go, timed as a process by
 * {@code run.sh}.
 *
 * <p>The setup prepares only the engine its benchmark method measures (compiling the 3.6 MB
 * module with Chicory takes seconds, and its check runs the program twice), and checks it the way
 * {@link Check} does: two runs that exit with 0 and print exactly what native Go printed for the
 * same arguments ({@code /go/expected.txt}). When no native output is recorded for the size, the
 * engine is compared with another engine instead. Every measured invocation must print the same
 * again, or the benchmark fails.
 *
 * <p>Configuration (annotations; options on JMH's command line replace them): one fork, 6 × 2 s
 * of warm-up (after the setup's two checking runs), 5 × 2 s measured; an invocation longer than
 * the iteration time makes one iteration. The two interpreter-size methods: 4 × 1 s, 5 × 1 s.
 * The JIT needs that long: a 3.6 MB Go program's first runs on wasm2jar take several times its
 * steady-state time, and shorter warm-ups left the measured iterations still trending down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class GoProgramBenchmark {
    /** The benchmark method that runs wasm2jar at the interpreter's size. */
    public static final String WASM2JAR_AT_INTERPRETER_SIZE = "wasm2jarAtInterpreterSize";
    /** Every benchmark method, as the report names the columns. */
    public static final List<String> METHODS = List.of(Engines.WASM2JAR, Engines.CHICORY_COMPILER,
            Engines.CHICORY_INTERPRETER, WASM2JAR_AT_INTERPRETER_SIZE);

    private static final String NATIVE = "native Go (expected.txt)";

    private final GoWorkloads.Workload workload;
    /** Per benchmark method: the program, its arguments and the output every run must print. */
    private final Map<String, GoProgram> programs = new HashMap<>();
    private final Map<String, List<String>> args = new HashMap<>();
    private final Map<String, String> outputs = new HashMap<>();

    protected GoProgramBenchmark(String workload) {
        this.workload = GoWorkloads.get(workload);
    }

    public GoWorkloads.Workload workload() {
        return workload;
    }

    /** Compiles and checks the engine of the benchmark method this trial measures. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        int size = method.equals(Engines.CHICORY_INTERPRETER) || method.equals(WASM2JAR_AT_INTERPRETER_SIZE)
                ? workload.interpreterSize : workload.size;
        prepare(method, size);
    }

    /**
     * Every engine in {@code engines} at {@code size}, checked against each other and, when it is
     * recorded, native Go's output (for the unit test). Also makes them ready to measure at that
     * size.
     */
    public void checkEngines(List<String> engines, int size) throws Exception {
        Check check = Check.of(getClass());
        String expected = GoWorkloads.expected(workload.name, size);
        if (expected != null) {
            check.engine(NATIVE, () -> GoProgram.hash(expected));
        }
        List<String> a = arguments(size);
        Map<String, String> printed = new HashMap<>();
        for (String engine : engines) {
            GoProgram p = GoProgram.cached(engine);
            check.engine(engine, () -> {
                GoProgram.Result r = p.run(a);
                long sum = r.checksum();
                printed.put(engine, r.stdout);
                return sum;
            });
        }
        check.agree();
        for (String method : METHODS) {
            String engine = engineOf(method);
            if (engines.contains(engine)) {
                programs.put(method, GoProgram.cached(engine));
                args.put(method, a);
                outputs.put(method, printed.get(engine));
            }
        }
    }

    private void prepare(String method, int size) throws Exception {
        String engine = engineOf(method);
        GoProgram program = GoProgram.cached(engine);
        List<String> a = arguments(size);
        String[] last = {null};
        Check check = Check.of(getClass()).engine(engine, () -> {
            GoProgram.Result r = program.run(a);
            long sum = r.checksum();
            last[0] = r.stdout;
            return sum;
        });
        String expected = GoWorkloads.expected(workload.name, size);
        if (expected != null) {
            check.engine(NATIVE, () -> GoProgram.hash(expected));
        } else {
            String other = engine.equals(Engines.WASM2JAR) ? Engines.CHICORY_COMPILER : Engines.WASM2JAR;
            GoProgram reference = GoProgram.cached(other);
            check.engine(other, () -> reference.run(a).checksum());
        }
        check.agree();
        programs.put(method, program);
        args.put(method, a);
        outputs.put(method, last[0]);
    }

    private List<String> arguments(int size) {
        List<String> a = new ArrayList<>();
        a.add(workload.name);
        a.add(Integer.toString(size));
        return a;
    }

    static String engineOf(String method) {
        return method.equals(WASM2JAR_AT_INTERPRETER_SIZE) ? Engines.WASM2JAR : method;
    }

    private GoProgram.Result measure(String method) throws Exception {
        GoProgram p = programs.get(method);
        if (p == null) {
            throw new IllegalStateException(method + " was not set up");
        }
        GoProgram.Result r = p.run(args.get(method));
        if (!r.ok().equals(outputs.get(method))) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + method + " printed \""
                    + r.stdout.strip() + "\", expected \"" + outputs.get(method).strip() + "\"");
        }
        return r;
    }

    @Benchmark
    public GoProgram.Result wasm2jar() throws Exception {
        return measure(Engines.WASM2JAR);
    }

    @Benchmark
    public GoProgram.Result chicoryCompiler() throws Exception {
        return measure(Engines.CHICORY_COMPILER);
    }

    @Benchmark
    @Warmup(iterations = 4, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GoProgram.Result chicoryInterpreter() throws Exception {
        return measure(Engines.CHICORY_INTERPRETER);
    }

    @Benchmark
    @Warmup(iterations = 4, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GoProgram.Result wasm2jarAtInterpreterSize() throws Exception {
        return measure(WASM2JAR_AT_INTERPRETER_SIZE);
    }
}
