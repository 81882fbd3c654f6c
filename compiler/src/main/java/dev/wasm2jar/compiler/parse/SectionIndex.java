package dev.wasm2jar.compiler.parse;

/**
 * Where the sections wasm2jar decodes itself lie in the binary, recorded by {@link BinaryFraming}
 * as it checks the framing: each function body (offset and size) and the data section.
 * {@link CodeDecoder} decodes both from here; Chicory sees the module without them
 * ({@link #forChicory}); {@code wasm2jar inspect} reports the bodies' sizes.
 */
public final class SectionIndex {
    static final int CODE_SECTION = 10;
    static final int DATA_SECTION = 11;
    static final int DATA_COUNT_SECTION = 12;

    /** Offset of the code section's id byte, and of the first byte after the section; -1 when absent. */
    final int sectionStart;
    final int sectionEnd;

    /** Offset of each defined function's body (after its size prefix), in definition order. */
    public final int[] offsets;
    /** Size in bytes of each defined function's body (locals and instructions). */
    public final int[] sizes;

    /** The data section: its id byte, its contents and its end; -1 when absent. */
    final int dataSectionStart;
    final int dataStart;
    final int dataEnd;

    /** The data count section (its id byte and end; -1 when absent) and the count it declares. */
    final int dataCountSectionStart;
    final int dataCountSectionEnd;
    final long dataCount;

    SectionIndex(int[] offsets, int[] sizes, int sectionStart, int sectionEnd, int dataSectionStart, int dataStart,
            int dataEnd, int dataCountSectionStart, int dataCountSectionEnd, long dataCount) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.sectionStart = sectionStart;
        this.sectionEnd = sectionEnd;
        this.dataSectionStart = dataSectionStart;
        this.dataStart = dataStart;
        this.dataEnd = dataEnd;
        this.dataCountSectionStart = dataCountSectionStart;
        this.dataCountSectionEnd = dataCountSectionEnd;
        this.dataCount = dataCount;
    }

    /**
     * The module as Chicory is given it: every function body replaced by an empty one
     * ({@code 02 00 0b}: no locals, {@code end}), and neither data nor data count section (Chicory
     * checks that those two agree); the rest of the bytes are kept, later sections shift.
     * (Decoding Go hello's 28,333 data segments was a third of Chicory's share of a compile.)
     */
    byte[] forChicory(byte[] wasm) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(wasm.length);
        int copied = 0;
        // in file order, as BinaryFraming checked it: data count, code, data
        if (dataCountSectionStart >= 0) {
            out.write(wasm, copied, dataCountSectionStart - copied);
            copied = dataCountSectionEnd;
        }
        if (sectionStart >= 0) {
            int n = sizes.length;
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(3 * n + 5);
            leb(body, n);
            for (int i = 0; i < n; i++) {
                body.write(0x02);
                body.write(0x00);
                body.write(0x0B);
            }
            out.write(wasm, copied, sectionStart - copied);
            out.write(CODE_SECTION);
            leb(out, body.size());
            out.write(body.toByteArray(), 0, body.size());
            copied = sectionEnd;
        }
        if (dataSectionStart >= 0) {
            out.write(wasm, copied, dataSectionStart - copied);
            copied = dataEnd;
        }
        out.write(wasm, copied, wasm.length - copied);
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
