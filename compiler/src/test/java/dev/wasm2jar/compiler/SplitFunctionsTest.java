package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Trap;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Functions cut into region methods compute exactly what they compute whole. The module is
 * statement-style code (src/test/resources/split/statements.wat) compiled twice: whole, and with
 * a budget small enough to cut every function into many regions.
 */
class SplitFunctionsTest {
    private static final int TINY = 32;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SplitFunctionsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static int regionMethods(CompiledModule cm) {
        int[] n = {0};
        for (byte[] b : cm.classes().values()) {
            new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                    if ((access & Opcodes.ACC_SYNTHETIC) != 0 && name.contains("$") && !name.startsWith("import$")
                            && !name.startsWith("call_indirect$") && !name.startsWith("dispatch$")) {
                        n[0]++;
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        return n[0];
    }

    @Test
    void splitAndWholeAgree() throws IOException {
        byte[] wasm = resource("/split/statements.wasm");
        CompiledModule wholeCm = Wasm2Jar.compile(wasm);
        CompiledModule splitCm = Wasm2Jar.compile(wasm, Wasm2Jar.DEFAULT_CLASS_NAME, TINY);
        assertEquals(0, regionMethods(wholeCm), "the default budget keeps these small functions whole");
        assertTrue(regionMethods(splitCm) > 10, "the tiny budget cuts functions into regions: " + regionMethods(splitCm));
        Instance whole = wholeCm.load().instantiate();
        Instance split = splitCm.load().instantiate();

        for (int n : new int[] {0, 1, 2, 3, 7, 27, 97, 871, 77031}) {
            assertArrayEquals(whole.function("collatz").call(n), split.function("collatz").call(n), "collatz " + n);
        }
        for (long x : new long[] {1, 2, 5, 333, 999, 1L << 40}) {
            assertArrayEquals(whole.function("dispatch").call(x), split.function("dispatch").call(x), "dispatch " + x);
        }
        for (int v : new int[] {0, 1, -1, 5, 6, 100, 101, 5000, Integer.MIN_VALUE}) {
            assertArrayEquals(whole.function("classify").call(v), split.function("classify").call(v), "classify " + v);
        }
        for (int[] ab : new int[][] {{7, 2}, {100, 7}, {5, 9}, {0, 1}, {100000, 3}}) {
            Object[] w = whole.function("divmod").call(ab[0], ab[1]);
            assertEquals(2, w.length);
            assertArrayEquals(w, split.function("divmod").call(ab[0], ab[1]), "divmod " + ab[0] + " " + ab[1]);
        }
        for (int n : new int[] {0, 1, 10, 1000}) {
            assertArrayEquals(whole.function("sum").call(n), split.function("sum").call(n), "sum " + n);
        }
        assertArrayEquals(new Object[] {332833500L}, split.function("sum").call(1000));
        assertArrayEquals(whole.function("trapper").call(7), split.function("trapper").call(7));
        Trap t1 = assertThrows(Trap.class, () -> split.function("trapper").call(3));
        assertEquals("unreachable", t1.getMessage());
        Trap t2 = assertThrows(Trap.class, () -> split.function("trapper").call(0));
        assertEquals("integer divide by zero", t2.getMessage());
    }
}
