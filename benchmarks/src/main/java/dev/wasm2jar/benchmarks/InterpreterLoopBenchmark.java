package dev.wasm2jar.benchmarks;

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
public class InterpreterLoopBenchmark extends ExportEngines {
    static final String MODULE = "dispatch";
    static final String EXPORT = "interp";
    static final int ROUNDS = 70_000;
    /** The program in dispatch.wat's data segment. */
    static final byte[] PROGRAM = {0, 7, 1, 31, 2, 13, 3, 5, 4, 0, 5, 0, 6, 0};

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        load(MODULE, EXPORT);
        agree(this::java, this::wasm2jar, this::chicoryInterpreter, this::chicoryCompiler);
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
