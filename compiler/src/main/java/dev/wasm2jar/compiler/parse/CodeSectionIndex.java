package dev.wasm2jar.compiler.parse;

/**
 * Where each function body lies in the binary: its byte offset and size, recorded by
 * {@link BinaryFraming} as it checks the framing. {@link CodeDecoder} decodes the bodies from
 * here; {@code wasm2jar inspect} reports their sizes.
 */
public final class CodeSectionIndex {
    static final int CODE_SECTION = 10;
    static final CodeSectionIndex NONE = new CodeSectionIndex(new int[0], new int[0], -1, -1);

    /** Offset of the code section's id byte, and of the first byte after the section; -1 when absent. */
    final int sectionStart;
    final int sectionEnd;

    /** Offset of each defined function's body (after its size prefix), in definition order. */
    public final int[] offsets;
    /** Size in bytes of each defined function's body (locals and instructions). */
    public final int[] sizes;

    CodeSectionIndex(int[] offsets, int[] sizes, int sectionStart, int sectionEnd) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.sectionStart = sectionStart;
        this.sectionEnd = sectionEnd;
    }

    /**
     * The module with every function body replaced by an empty one ({@code 02 00 0b}: no locals,
     * {@code end}); the rest of the bytes are kept, other sections shift.
     */
    byte[] withEmptyBodies(byte[] wasm) {
        if (sectionStart < 0) {
            return wasm;
        }
        int n = sizes.length;
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(3 * n + 5);
        leb(body, n);
        for (int i = 0; i < n; i++) {
            body.write(0x02);
            body.write(0x00);
            body.write(0x0B);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(wasm.length - (sectionEnd - sectionStart) + body.size() + 6);
        out.write(wasm, 0, sectionStart);
        out.write(CODE_SECTION);
        leb(out, body.size());
        out.write(body.toByteArray(), 0, body.size());
        out.write(wasm, sectionEnd, wasm.length - sectionEnd);
        return out.toByteArray();
    }

    private static void leb(java.io.ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
