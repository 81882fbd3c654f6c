package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad modules are rejected with a message that says what is wrong and where. */
class CompileErrorsTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static final int[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private static byte[] module(int... sections) {
        int[] all = new int[HEADER.length + sections.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(sections, 0, all, HEADER.length, sections.length);
        return bytes(all);
    }

    @Test
    void notWasm() {
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile("hello".getBytes()));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedModule() {
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(module(0x01, 0x05, 0x01)));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
    }

    @Test
    void typeErrorNamesFunctionAndOffset() {
        // (func (result i32) i64.const 0) with a name section naming it "bad"
        byte[] m = module(
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: [] -> [i32]
                0x03, 0x02, 0x01, 0x00, // function 0: type 0
                0x0a, 0x06, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0b, // code: i64.const 0; end
                0x00, 0x0d, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x06, 0x01, 0x00, 0x03, 'b', 'a', 'd');
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(m));
        assertEquals(CompileException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("function 0 (bad)"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 0x"), e.getMessage());
    }

    @Test
    void simdIsNamedAsUnsupported() {
        // (func (param v128))
        byte[] m = module(0x01, 0x05, 0x01, 0x60, 0x01, 0x7b, 0x00);
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(m));
        assertEquals(CompileException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("SIMD"), e.getMessage());
    }
}
