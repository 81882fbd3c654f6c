package dev.wasm2jar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** dispatch.wasm {@code interp}: an interpreter loop fetching opcodes from memory and dispatching with br_table (6 dispatches per round). The Java version is the same switch-based interpreter over a byte array. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InterpreterLoopBenchmark {
    static final String MODULE = "dispatch";
    static final String EXPORT = "interp";
    static final int ROUNDS = 70_000;
    /** The program in dispatch.wat's data segment. */
    static final byte[] PROGRAM = {0, 7, 1, 31, 2, 13, 3, 5, 4, 0, 5, 0, 6, 0};

    private MethodHandle wasm2jar;
    private ExportFunction chicoryInterpreter;
    private ExportFunction chicoryCompiler;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        wasm2jar = Engines.handle(Engines.wasm2jar(MODULE), EXPORT);
        chicoryInterpreter = Engines.chicoryInterpreter(MODULE).export(EXPORT);
        chicoryCompiler = Engines.chicoryCompiler(MODULE).export(EXPORT);
        Check.of(getClass())
                .engine(Engines.JAVA, this::java)
                .engine(Engines.WASM2JAR, this::wasm2jar)
                .engine(Engines.CHICORY_INTERPRETER, this::chicoryInterpreter)
                .engine(Engines.CHICORY_COMPILER, this::chicoryCompiler)
                .agree();
    }

    @Benchmark
    public int wasm2jar() throws Throwable {
        return (int) wasm2jar.invokeExact(ROUNDS);
    }

    @Benchmark
    public int chicoryInterpreter() {
        return (int) chicoryInterpreter.apply(ROUNDS)[0];
    }

    @Benchmark
    public int chicoryCompiler() {
        return (int) chicoryCompiler.apply(ROUNDS)[0];
    }

    @Benchmark
    public int java() {
        byte[] code = PROGRAM;
        int cnt = ROUNDS;
        int pc = 0;
        int acc = 0;
        while (true) {
            int op = code[pc] & 0xFF;
            int imm = code[pc + 1] & 0xFF;
            pc += 2;
            switch (op) {
                case 0: acc += imm; break;
                case 1: acc *= imm; break;
                case 2: acc ^= acc >>> imm; break;
                case 3: acc = Integer.rotateLeft(acc, imm); break;
                case 4: acc += cnt; break;
                case 5:
                    if (--cnt != 0) {
                        pc = imm;
                    }
                    break;
                default: return acc;
            }
        }
    }
}
