package dev.wasm2jar.compiler.lower;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.parse.BlockTypes;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import java.util.List;

/**
 * The shape Go gives every function that can be resumed: a loop that opens with empty blocks,
 * the innermost of which ends in the dispatch, {@code br_table}, usually on a local alone
 * ({@code local.get $pc; br_table}). Found here once for both its users: the splitter cuts such
 * a loop into case groups (DESIGN.md §5), the emitter threads constant jumps to its cases
 * (§4.2).
 */
public final class DispatchLoop {
    /** Instruction indices of the empty blocks the loop opens with, outermost first. */
    final int[] blocks;
    /** Instruction index of the {@code br_table}. */
    public final int brTable;
    /** The local the {@code br_table} reads when that is all the dispatch does, else -1. */
    public final int pcLocal;

    private DispatchLoop(int[] blocks, int brTable, int pcLocal) {
        this.blocks = blocks;
        this.brTable = brTable;
        this.pcLocal = pcLocal;
    }

    /** The dispatch loop opened by the {@code loop} at {@code loop}, or null when it has not that shape. */
    public static DispatchLoop at(ParsedModule m, List<? extends Instruction> code, int loop) {
        int p = loop + 1;
        while (p < code.size() && code.get(p).opcode() == OpCode.BLOCK && isEmpty(m, code.get(p))) {
            p++;
        }
        int n = p - (loop + 1);
        if (n == 0) {
            return null;
        }
        // the innermost block: straight-line code, then br_table as its last instruction
        int q = p;
        while (q < code.size() && !opensOrCloses(code.get(q).opcode()) && code.get(q).opcode() != OpCode.BR_TABLE) {
            q++;
        }
        if (q + 1 >= code.size() || code.get(q).opcode() != OpCode.BR_TABLE || code.get(q + 1).opcode() != OpCode.END) {
            return null;
        }
        int[] blocks = new int[n];
        for (int k = 0; k < n; k++) {
            blocks[k] = loop + 1 + k;
        }
        int pcLocal = q == p + 1 && code.get(p).opcode() == OpCode.LOCAL_GET ? (int) code.get(p).operand(0) : -1;
        return new DispatchLoop(blocks, q, pcLocal);
    }

    private static boolean isEmpty(ParsedModule m, Instruction block) {
        FuncType t = BlockTypes.of(m, block);
        return t.paramCount() == 0 && t.resultCount() == 0;
    }

    private static boolean opensOrCloses(OpCode op) {
        return op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF || op == OpCode.ELSE || op == OpCode.END;
    }
}
