package dev.wasm2jar.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.CompileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link CodeDecoder} decodes every function body and data segment exactly as Chicory's parser
 * does (address, opcode, operands; mode, memory, offset expression, bytes), over every module of
 * the spec suite Chicory decodes and the Go fixtures: the later stages were written against
 * Chicory's instructions.
 */
class CodeDecoderTest {
    @Test
    void decodesAsChicoryDoes() throws IOException {
        List<Path> modules = new ArrayList<>();
        Path spec = Paths.get("../../shared/spec/core");
        if (Files.isDirectory(spec)) {
            try (Stream<Path> s = Files.walk(spec)) {
                s.filter(p -> p.toString().endsWith(".wasm") && !p.getFileName().toString().startsWith("simd"))
                        .sorted().forEach(modules::add);
            }
        }
        Path go = Paths.get("../testdata/go/build");
        if (Files.isDirectory(go)) {
            try (Stream<Path> s = Files.list(go)) {
                s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(modules::add);
            }
        }
        assumeTrue(!modules.isEmpty(), "neither the spec suite nor the Go fixtures are here");
        int compared = 0;
        long instructions = 0;
        long dataSegments = 0;
        for (Path p : modules) {
            byte[] bytes = Files.readAllBytes(p);
            WasmModule chicory;
            ParsedModule ours;
            try {
                chicory = Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
                continue; // malformed for Chicory: nothing to compare
            }
            try {
                ours = ModuleParser.parse(bytes);
            } catch (CompileException e) {
                if (e.kind() == CompileException.Kind.UNSUPPORTED) {
                    continue;
                }
                throw new AssertionError(p + ": Chicory decodes it, we do not: " + e.getMessage(), e);
            }
            int bodies = chicory.codeSection().functionBodyCount();
            assertEquals(bodies, ours.functionCount() - ours.importedFuncs, p.toString());
            for (int i = 0; i < bodies; i++) {
                List<? extends Instruction> theirs = chicory.codeSection().getFunctionBody(i).instructions();
                List<Instruction> mine = ours.code(ours.importedFuncs + i);
                assertEquals(chicory.codeSection().getFunctionBody(i).localTypes().size(),
                        ours.locals(ours.importedFuncs + i).length, p + " body " + i + " locals");
                assertSameInstructions(theirs, mine, p + " body " + i);
                instructions += mine.size();
            }
            int segments = chicory.dataSection().dataSegmentCount();
            assertEquals(segments, ours.data.size(), p + " data segments");
            for (int i = 0; i < segments; i++) {
                DataSegment theirs = chicory.dataSection().getDataSegment(i);
                ParsedModule.DataSegment mine = ours.data.get(i);
                String at = p + " data segment " + i;
                assertTrue(Arrays.equals(theirs.data(), mine.bytes), at + " bytes");
                assertEquals(theirs instanceof ActiveDataSegment, mine.isActive(), at + " mode");
                if (theirs instanceof ActiveDataSegment) {
                    ActiveDataSegment a = (ActiveDataSegment) theirs;
                    assertEquals(a.index(), mine.memoryIndex, at + " memory");
                    assertSameInstructions(a.offsetInstructions(), mine.offset, at + " offset");
                }
                dataSegments++;
            }
            compared++;
        }
        assertTrue(compared > 100, "modules compared: " + compared);
        assertTrue(instructions > 100_000, "instructions compared: " + instructions);
        assertTrue(dataSegments > 1_000, "data segments compared: " + dataSegments);
    }

    private static void assertSameInstructions(List<? extends Instruction> theirs, List<Instruction> mine, String where) {
        assertEquals(theirs.size(), mine.size(), where + " length");
        for (int k = 0; k < theirs.size(); k++) {
            Instruction a = theirs.get(k);
            Instruction b = mine.get(k);
            String at = where + " instruction " + k + " (" + a + " / " + b + ")";
            assertEquals(a.address(), b.address(), at);
            assertEquals(a.opcode(), b.opcode(), at);
            if (OpCode.signature(a.opcode()).isEmpty()) {
                // no immediates (Chicory annotates some, e.g. drop, for its interpreter)
                assertEquals(0, b.operandCount(), at);
            } else if (a.opcode() == OpCode.BLOCK || a.opcode() == OpCode.LOOP || a.opcode() == OpCode.IF) {
                // block types are read from the bytes (BlockTypes), never from the operand
                assertEquals(1, b.operandCount(), at);
            } else if (a.opcode() == OpCode.SELECT_T || a.opcode() == OpCode.REF_NULL) {
                // value and heap types: the emitter and validator read the low 7 bits
                assertEquals(a.operandCount(), b.operandCount(), at);
                for (int o = 0; o < a.operandCount(); o++) {
                    assertEquals(a.operand(o) & 0x7F, b.operand(o) & 0x7F, at);
                }
            } else {
                assertTrue(Arrays.equals(a.operands(), b.operands()), at + ": " + Arrays.toString(a.operands())
                        + " vs " + Arrays.toString(b.operands()));
            }
        }
    }
}
