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
    void sectionRunningPastTheEndNamesSectionAndOffset() {
        // a type section that declares 16 bytes, of which 3 are there
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(module(0x01, 0x10, 0x01, 0x60, 0x00)));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertEquals("unexpected end of file: the type (1) section at offset 0x8 declares 16 bytes, but only 3 remain"
                + " (the file is cut short)", e.getMessage());
    }

    @Test
    void functionBodyPastItsSectionNamesTheBody() {
        // code section of 4 bytes: one body claiming 9 bytes
        byte[] m = module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x09, 0x00, 0x0b);
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(m));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("function body 0 at offset 0x15 declares 9 bytes"), e.getMessage());
    }

    @Test
    void unknownVersion() {
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(bytes(0, 'a', 's', 'm', 2, 0, 0, 0)));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("unknown binary version 02 00 00 00 at offset 0x4"), e.getMessage());
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
