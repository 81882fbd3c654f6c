package dev.wasm2jar.compiler.parse;

import dev.wasm2jar.compiler.CompileException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the framing of a binary module before Chicory decodes it: the header, every section's
 * id, size and place in the order, the size of every function body (recording where the bodies
 * lie), and the counts two sections must agree on. A file that is cut short, a section whose
 * size runs past the end or that stands out of order is reported here with the byte offset where
 * it goes wrong; Chicory's own messages for these say neither where nor which section.
 */
final class BinaryFraming {
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory", "global",
        "export", "start", "element", "code", "data", "data count", "tag"};

    /**
     * Where each section id may stand: non-custom sections appear at most once each, in this
     * order (the data count section comes before code, the tag section after memory).
     */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

    private final byte[] b;
    private int pos;
    /** Where the function bodies are. */
    private int[] bodyOffsets = new int[0];
    private int[] bodySizes = new int[0];

    private BinaryFraming(byte[] b) {
        this.b = b;
    }

    /** One section as the framing found it: its id and the bytes from its id to its end. */
    static final class Span {
        final int id;
        final int start;
        final int contentStart;
        final int end;
        /** A custom section's name, when it is well-formed; else null. */
        final String customName;
        /** Where that name's bytes start. */
        private final int nameStart;

        Span(int id, int start, int contentStart, int end, String customName, int nameStart) {
            this.id = id;
            this.start = start;
            this.contentStart = contentStart;
            this.end = end;
            this.customName = customName;
            this.nameStart = nameStart;
        }

        /** A copy of the module with this custom section's name spelled "xx…x", which nothing interprets. */
        byte[] renamed(byte[] wasm) {
            byte[] copy = wasm.clone();
            int length = customName.getBytes(StandardCharsets.UTF_8).length;
            Arrays.fill(copy, nameStart, nameStart + length, (byte) 'x');
            return copy;
        }

        String describe() {
            return "the " + name(id) + " section at offset 0x" + Integer.toHexString(start);
        }
    }

    private final List<Span> spans = new ArrayList<>();

    /** The sections of a module whose framing {@link #check} accepted, in file order. */
    static List<Span> sections(byte[] wasm) {
        BinaryFraming f = new BinaryFraming(wasm);
        f.run();
        return f.spans;
    }

    /** Checks the framing; returns where the function bodies and the data section are. */
    static SectionIndex check(byte[] wasm) {
        BinaryFraming f = new BinaryFraming(wasm);
        f.run();
        Span count = f.section(SectionIndex.DATA_COUNT_SECTION);
        return new SectionIndex(f.bodyOffsets, f.bodySizes, f.section(SectionIndex.CODE_SECTION),
                f.section(SectionIndex.DATA_SECTION), count, count == null ? -1 : f.leadingCount(count));
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
            long size = u32(() -> "the size of the " + name(id) + " section");
            long end = pos + size;
            if (end > b.length) {
                throw CompileException.malformed("unexpected end of file: the " + name(id) + " section at offset 0x"
                        + Integer.toHexString(at) + " declares " + size + " bytes, but only " + (b.length - pos)
                        + " remain (the file is cut short)");
            }
            int contentStart = pos;
            if (id == SectionIndex.CODE_SECTION) {
                checkCode(at, (int) end);
            } else if (id == SectionIndex.DATA_COUNT_SECTION) {
                checkDataCount(at, (int) end);
            }
            if (id != 0) {
                Span previous = lastNonCustom();
                if (previous != null && ORDER[id] <= ORDER[previous.id]) {
                    throw CompileException.malformed("unexpected content after last section: the " + name(id)
                            + " section at offset 0x" + Integer.toHexString(at) + " comes after " + previous.describe()
                            + " (sections appear at most once each, in the order the spec gives)");
                }
            }
            spans.add(id == 0 ? custom(at, contentStart, (int) end) : new Span(id, at, contentStart, (int) end, null, -1));
            pos = (int) end;
        }
        checkCounts(3, "functions", SectionIndex.CODE_SECTION, "bodies", "function and code section");
        checkCounts(SectionIndex.DATA_COUNT_SECTION, "data segments", SectionIndex.DATA_SECTION, "data segments",
                "data count and data section");
    }

    /**
     * Two sections that must agree on a count: the function section's and the code section's,
     * the data count and the data section's. An absent section counts 0, except an absent data
     * count section, which declares nothing.
     */
    private void checkCounts(int firstId, String firstWhat, int secondId, String secondWhat, String pair) {
        Span first = section(firstId);
        Span second = section(secondId);
        if (first == null && firstId == SectionIndex.DATA_COUNT_SECTION) {
            return;
        }
        long a = first == null ? 0 : leadingCount(first);
        long c = second == null ? 0 : leadingCount(second);
        if (a != c) {
            throw CompileException.malformed(pair + " have inconsistent lengths: " + count(first, firstId, a, firstWhat)
                    + ", but " + count(second, secondId, c, secondWhat));
        }
    }

    private Span section(int id) {
        for (Span s : spans) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    private static String count(Span s, int id, long n, String what) {
        return s == null ? "there is no " + name(id) + " section (0 " + what + ")"
                : s.describe() + " declares " + n + " " + what;
    }

    /** The u32 a vector section opens with (its length); the data count section is just that. */
    private long leadingCount(Span s) {
        pos = s.contentStart;
        return s.contentStart == s.end ? 0 : u32(() -> "the " + name(s.id) + " section's count");
    }

    /** A custom section, with its name when that is a well-formed UTF-8 name within the section. */
    private Span custom(int at, int from, int end) {
        int saved = pos;
        pos = from;
        long len = leb(end);
        int p = pos;
        pos = saved;
        if (len < 0 || len > end - p) {
            return new Span(0, at, from, end, null, -1);
        }
        try {
            String name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, p, (int) len)).toString();
            return new Span(0, at, from, end, name, p);
        } catch (CharacterCodingException e) {
            return new Span(0, at, from, end, null, -1);
        }
    }

    private Span lastNonCustom() {
        for (int i = spans.size() - 1; i >= 0; i--) {
            if (spans.get(i).id != 0) {
                return spans.get(i);
            }
        }
        return null;
    }

    /**
     * The data count section is one u32 and nothing else. wasm2jar reads it itself (Chicory does
     * not see it), and Chicory did not check its size either.
     */
    private void checkDataCount(int sectionAt, int end) {
        int saved = pos;
        long count = leb(end);
        if (count == CUT_SHORT || count == TOO_LARGE) {
            throw CompileException.malformed((count == CUT_SHORT ? "unexpected end" : "integer too large")
                    + " in the data count section at offset 0x" + Integer.toHexString(sectionAt)
                    + ": it holds one u32, the number of data segments");
        }
        if (pos != end) {
            throw CompileException.malformed("section size mismatch: the data count section at offset 0x"
                    + Integer.toHexString(sectionAt) + " has " + (end - pos) + " byte(s) after its count");
        }
        pos = saved;
    }

    private void checkCode(int sectionAt, int end) {
        long count = u32(() -> "the code section's function count");
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
            int body = i;
            long size = u32(() -> "the size of function body " + body);
            if (pos + size > end) {
                throw CompileException.malformed("function body " + i + " at offset 0x" + Integer.toHexString(at)
                        + " declares " + size + " bytes, past the end of the code section at offset 0x"
                        + Integer.toHexString(end));
            }
            sizes[i] = (int) size;
            offsets[i] = pos;
            pos += (int) size;
        }
        bodyOffsets = offsets;
        bodySizes = sizes;
    }

    /** @param what names the integer in a message; built only for one (a Go module has thousands of bodies) */
    private long u32(java.util.function.Supplier<String> what) {
        int at = pos;
        long v = leb(b.length);
        if (v == CUT_SHORT) {
            throw CompileException.malformed("unexpected end of file at offset 0x" + Integer.toHexString(pos)
                    + " while reading " + what.get());
        }
        if (v == TOO_LARGE) {
            throw CompileException.malformed("integer too large at offset 0x" + Integer.toHexString(at) + " (" + what.get() + ")");
        }
        return v;
    }

    private static final long CUT_SHORT = -1;
    private static final long TOO_LARGE = -2;

    /** The u32 LEB128 at {@link #pos}, read no further than {@code limit}; CUT_SHORT or TOO_LARGE when it is not one. */
    private long leb(int limit) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= limit) {
                return CUT_SHORT;
            }
            int x = b[pos++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v > 0xFFFFFFFFL ? TOO_LARGE : v;
            }
        }
        return TOO_LARGE;
    }

    private static String name(int id) {
        return SECTION_NAMES[id] + " (" + id + ")";
    }
}
