package dev.wasm2jar.compiler.parse;

import dev.wasm2jar.compiler.CompileException;

/**
 * Checks the framing of a binary module before Chicory decodes it: the header, every section's
 * id and size, and the size of every function body, recording where the bodies lie. A file that
 * is cut short, or a section whose size runs past the end, is reported here with the byte offset
 * where it goes wrong; Chicory's own messages for these say neither where nor which section.
 */
final class BinaryFraming {
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory", "global",
        "export", "start", "element", "code", "data", "data count", "tag"};

    private final byte[] b;
    private int pos;
    private CodeSectionIndex code = CodeSectionIndex.NONE;

    private BinaryFraming(byte[] b) {
        this.b = b;
    }

    /** Checks the framing; returns where the function bodies are. */
    static CodeSectionIndex check(byte[] wasm) {
        BinaryFraming f = new BinaryFraming(wasm);
        f.run();
        return f.code;
    }

    private void run() {
        if (b.length < 4 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
            throw CompileException.malformed("not a WebAssembly module: magic header \\0asm not found");
        }
        if (b.length < 8) {
            throw CompileException.malformed("unexpected end of file at offset 0x" + Integer.toHexString(b.length)
                    + ": the header's version is cut short");
        }
        if (b[4] != 1 || b[5] != 0 || b[6] != 0 || b[7] != 0) {
            throw CompileException.malformed(String.format("unknown binary version %02x %02x %02x %02x at offset 0x4"
                    + " (only version 1 is defined)", b[4], b[5], b[6], b[7]));
        }
        pos = 8;
        while (pos < b.length) {
            int at = pos;
            int id = b[pos++] & 0xFF;
            if (id >= SECTION_NAMES.length) {
                throw CompileException.malformed("malformed section id " + id + " at offset 0x" + Integer.toHexString(at));
            }
            long size = u32("the size of the " + name(id) + " section", at);
            long end = pos + size;
            if (end > b.length) {
                throw CompileException.malformed("unexpected end of file: the " + name(id) + " section at offset 0x"
                        + Integer.toHexString(at) + " declares " + size + " bytes, but only " + (b.length - pos)
                        + " remain (the file is cut short)");
            }
            if (id == CodeSectionIndex.CODE_SECTION) {
                checkCode(at, (int) end);
            }
            pos = (int) end;
        }
    }

    private void checkCode(int sectionAt, int end) {
        long count = u32("the code section's function count", sectionAt);
        if (count > end - pos) {
            throw CompileException.malformed("the code section at offset 0x" + Integer.toHexString(sectionAt)
                    + " declares " + count + " function bodies, more than its " + (end - pos) + " bytes can hold");
        }
        int[] offsets = new int[(int) count];
        int[] sizes = new int[(int) count];
        for (int i = 0; i < count; i++) {
            int at = pos;
            if (pos >= end) {
                throw CompileException.malformed("the code section at offset 0x" + Integer.toHexString(sectionAt)
                        + " declares " + count + " function bodies but ends after " + i);
            }
            long size = u32("the size of function body " + i, at);
            if (pos + size > end) {
                throw CompileException.malformed("function body " + i + " at offset 0x" + Integer.toHexString(at)
                        + " declares " + size + " bytes, past the end of the code section at offset 0x"
                        + Integer.toHexString(end));
            }
            sizes[i] = (int) size;
            offsets[i] = pos;
            pos += (int) size;
        }
        code = new CodeSectionIndex(offsets, sizes, sectionAt, end);
    }

    private long u32(String what, int sectionAt) {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= b.length) {
                throw CompileException.malformed("unexpected end of file at offset 0x" + Integer.toHexString(pos)
                        + " while reading " + what);
            }
            int x = b[pos++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (v > 0xFFFFFFFFL) {
                    break;
                }
                return v;
            }
        }
        throw CompileException.malformed("integer too large at offset 0x" + Integer.toHexString(at) + " (" + what + ")");
    }

    private static String name(int id) {
        return SECTION_NAMES[id] + " (" + id + ")";
    }
}
