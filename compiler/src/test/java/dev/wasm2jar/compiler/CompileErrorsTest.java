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

    private static CompileException malformed(byte[] m) {
        CompileException e = assertThrows(CompileException.class, () -> Wasm2Jar.compile(m));
        assertEquals(CompileException.Kind.MALFORMED, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void errorInASectionChicoryDecodesNamesTheSection() {
        // a type section, then an import section whose import has kind 7 (there is none)
        byte[] m = module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                0x02, 0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x07, 0x00);
        assertEquals("malformed import kind (in the import (2) section at offset 0xe)", malformed(m).getMessage());
    }

    @Test
    void sectionsOutOfOrderNameBoth() {
        // a function section after the code section, each declaring no entries
        byte[] m = module(0x0a, 0x01, 0x00, 0x03, 0x01, 0x00);
        assertEquals("unexpected content after last section: the function (3) section at offset 0xb comes after the"
                + " code (10) section at offset 0x8 (sections appear at most once each, in the order the spec gives)",
                malformed(m).getMessage());
    }

    @Test
    void repeatedSectionIsOutOfOrder() {
        // (start 0) twice; custom sections in between do not count
        byte[] m = module(0x08, 0x01, 0x00, 0x00, 0x02, 0x01, 'c', 0x08, 0x01, 0x00);
        assertTrue(malformed(m).getMessage().startsWith("unexpected content after last section: the start (8) section"
                + " at offset 0xf comes after the start (8) section at offset 0x8"), malformed(m).getMessage());
    }

    @Test
    void functionAndCodeCountsThatDisagreeNameBothSections() {
        // two functions declared, one body
        byte[] m = module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00,
                0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b);
        assertEquals("function and code section have inconsistent lengths: the function (3) section at offset 0xe"
                + " declares 2 functions, but the code (10) section at offset 0x13 declares 1 bodies", malformed(m).getMessage());
        // bodies without a function section
        assertEquals("function and code section have inconsistent lengths: there is no function (3) section"
                + " (0 functions), but the code (10) section at offset 0x8 declares 1 bodies",
                malformed(module(0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)).getMessage());
    }

    @Test
    void dataCountThatDisagreesNamesBothSections() {
        // data count 2, one passive segment of 0 bytes
        byte[] m = module(0x0c, 0x01, 0x02, 0x0b, 0x03, 0x01, 0x01, 0x00);
        assertEquals("data count and data section have inconsistent lengths: the data count (12) section at offset"
                + " 0x8 declares 2 data segments, but the data (11) section at offset 0xb declares 1 data segments",
                malformed(m).getMessage());
    }

    @Test
    void dataCountSectionIsOneCountAndNothingElse() {
        assertEquals("section size mismatch: the data count section at offset 0x8 has 1 byte(s) after its count",
                malformed(module(0x0c, 0x02, 0x00, 0x00)).getMessage());
        assertEquals("unexpected end in the data count section at offset 0x8: it holds one u32, the number of data"
                + " segments", malformed(module(0x0c, 0x00)).getMessage());
        assertEquals("integer too large in the data count section at offset 0x8: it holds one u32, the number of"
                + " data segments", malformed(module(0x0c, 0x05, 0xff, 0xff, 0xff, 0xff, 0x7f)).getMessage());
    }

    @Test
    void dataIndexWithoutDataCountNamesTheInstruction() {
        // (memory 1) (func data.drop 0) with no data count section
        byte[] m = module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
                0x0a, 0x07, 0x01, 0x05, 0x00, 0xfc, 0x09, 0x00, 0x0b);
        assertEquals("data count section required: DATA_DROP at offset 0x1c in function 0 uses a data segment index,"
                + " and the module has no data count section", malformed(m).getMessage());
    }

    /** A module with one memory (at 0x8) and the data section given (at 0xd, its first segment at 0x10). */
    private static byte[] withData(int... dataSection) {
        int[] all = new int[5 + dataSection.length];
        System.arraycopy(new int[] {0x05, 0x03, 0x01, 0x00, 0x01}, 0, all, 0, 5);
        System.arraycopy(dataSection, 0, all, 5, dataSection.length);
        return module(all);
    }

    @Test
    void malformedDataSegmentsNameSegmentAndOffset() {
        assertEquals("malformed data segment kind 3 (0, 1 or 2) at offset 0x10 in data segment 0",
                malformed(withData(0x0b, 0x03, 0x01, 0x03, 0x00)).getMessage());
        // active at i32.const 0, 5 bytes declared, 1 there
        assertEquals("unexpected end of the data section: 5 bytes declared, 1 remain at offset 0x15 in data segment 0",
                malformed(withData(0x0b, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x05, 0x61)).getMessage());
        // the offset expression runs into the end of the section
        assertEquals("unexpected end of the data section at offset 0x13 in data segment 0",
                malformed(withData(0x0b, 0x04, 0x01, 0x00, 0x41, 0x00)).getMessage());
        // a passive segment of 0 bytes, then a stray byte
        assertEquals("section size mismatch: the data section goes on for 1 byte(s) after its last segment, from"
                + " offset 0x12", malformed(withData(0x0b, 0x04, 0x01, 0x01, 0x00, 0xaa)).getMessage());
        // and a good one: 2 bytes at 0x10 of memory 0 (kind 2, memory index 0)
        CompiledModule ok = Wasm2Jar.compile(withData(0x0b, 0x09, 0x01, 0x02, 0x00, 0x41, 0x10, 0x0b, 0x02, 0x61, 0x62));
        assertEquals(1, ok.info().datas.size());
        assertEquals("ab", new String(ok.info().datas.get(0).bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void brokenNameSectionIsIgnoredAsTheSpecRequires() {
        // (func (export "f") (result i32) i32.const 7) with a name section naming it in bad UTF-8
        byte[] m = module(0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
                0x03, 0x02, 0x01, 0x00,
                0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00,
                0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x07, 0x0b,
                0x00, 0x0c, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x05, 0x01, 0x00, 0x02, 0xff, 0xfe);
        CompiledModule cm = Wasm2Jar.compile(m);
        assertEquals(7, cm.load().instantiate().function("f").call()[0]);
        assertEquals("f0", cm.info().functions.get(0).methodName, "no name from the broken section");
    }

    @Test
    void customSectionWithAMalformedNameIsMalformed() {
        // a custom section whose own name is not UTF-8
        CompileException e = malformed(module(0x00, 0x03, 0x02, 0xff, 0xfe));
        assertTrue(e.getMessage().endsWith("(in the custom (0) section at offset 0x8)"), e.getMessage());
    }
}
