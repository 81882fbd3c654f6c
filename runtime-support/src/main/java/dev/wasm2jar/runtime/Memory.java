package dev.wasm2jar.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A linear memory: a little-endian heap {@link ByteBuffer} whose limit is the memory's size.
 *
 * <p>Bounds: every access computes the effective address {@code addr + offset} in 64 bits (both
 * unsigned 32-bit), so a sum above 2^32 cannot wrap to a valid address; any address the buffer
 * cannot hold becomes -1, which the buffer's own bounds check rejects. That one check is the
 * only one on the hot path; its {@link IndexOutOfBoundsException} becomes the spec's trap.
 *
 * <p>Growth: the backing buffer's capacity grows geometrically and {@code memory.grow} only moves
 * the limit while capacity lasts, so a program that grows a page at a time copies its memory
 * O(log n) times, not once per grow.
 *
 * <p>Size: a heap buffer is indexed by {@code int}, so the largest memory is 32767 pages (2 GiB
 * minus 64 KiB); {@code memory.grow} beyond it fails with -1, as the spec allows.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The wasm32 page limit. */
    public static final int SPEC_MAX_PAGES = 65536;
    /** The most pages a ByteBuffer-backed memory can hold. */
    public static final int IMPL_MAX_PAGES = (Integer.MAX_VALUE / PAGE_SIZE);

    /** Backing store; replaced on growth beyond its capacity. Read on every access. */
    public ByteBuffer buf;
    private int pages;
    private final int declaredMax; // -1: none
    private final int maxPages; // effective limit for grow

    /**
     * @param initialPages pages at instantiation
     * @param declaredMaxPages the module's declared maximum, or -1 when it declares none
     */
    public Memory(int initialPages, int declaredMaxPages) {
        this(initialPages, declaredMaxPages, IMPL_MAX_PAGES);
    }

    /**
     * @param embedderMaxPages a further limit the embedder sets (for example to cap a guest's heap)
     */
    public Memory(int initialPages, int declaredMaxPages, int embedderMaxPages) {
        int limit = Math.min(IMPL_MAX_PAGES, embedderMaxPages);
        if (declaredMaxPages >= 0) {
            limit = Math.min(limit, declaredMaxPages);
        }
        if (initialPages < 0 || initialPages > limit) {
            throw new IllegalArgumentException(
                    "memory of " + Integer.toUnsignedString(initialPages) + " pages exceeds the limit of " + limit);
        }
        this.pages = initialPages;
        this.declaredMax = declaredMaxPages;
        this.maxPages = limit;
        this.buf = allocate(initialPages * (long) PAGE_SIZE);
        this.buf.limit(initialPages * PAGE_SIZE);
    }

    private static ByteBuffer allocate(long bytes) {
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int pages() {
        return pages;
    }

    /** The declared maximum, or -1. Used to check import compatibility. */
    public int declaredMaxPages() {
        return declaredMax;
    }

    public int byteSize() {
        return pages * PAGE_SIZE;
    }

    /** {@code memory.grow}: returns the old size in pages, or -1 when the memory cannot grow. */
    public int grow(int deltaPages) {
        int old = pages;
        long wanted = (long) old + Integer.toUnsignedLong(deltaPages);
        if (wanted > maxPages) {
            return -1;
        }
        int newBytes = (int) wanted * PAGE_SIZE;
        if (newBytes > buf.capacity()) {
            long cap = Math.max(newBytes, Math.min((long) buf.capacity() * 2, (long) maxPages * PAGE_SIZE));
            ByteBuffer bigger;
            try {
                bigger = allocate(cap);
            } catch (OutOfMemoryError e) {
                try {
                    bigger = allocate(newBytes);
                } catch (OutOfMemoryError e2) {
                    return -1;
                }
            }
            ByteBuffer src = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            src.position(0).limit(old * PAGE_SIZE);
            bigger.put(src);
            bigger.clear();
            buf = bigger;
        }
        buf.limit(newBytes);
        pages = (int) wanted;
        return old;
    }

    // ---- effective addresses ----

    /** {@code addr + offset} as unsigned 32-bit values; -1 when it lies beyond any buffer index. */
    public static int ea(int addr, int offset) {
        long e = (addr & 0xFFFFFFFFL) + (offset & 0xFFFFFFFFL);
        return e <= Integer.MAX_VALUE ? (int) e : -1;
    }

    // ---- loads and stores used by generated code: (address, [value,] offset, memory) ----

    public static int i32Load(int addr, int offset, Memory m) {
        try {
            return m.buf.getInt(ea(addr, offset));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static long i64Load(int addr, int offset, Memory m) {
        try {
            return m.buf.getLong(ea(addr, offset));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static float f32Load(int addr, int offset, Memory m) {
        try {
            return Float.intBitsToFloat(m.buf.getInt(ea(addr, offset)));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static double f64Load(int addr, int offset, Memory m) {
        try {
            return Double.longBitsToDouble(m.buf.getLong(ea(addr, offset)));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load8S(int addr, int offset, Memory m) {
        try {
            return m.buf.get(ea(addr, offset));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load8U(int addr, int offset, Memory m) {
        try {
            return m.buf.get(ea(addr, offset)) & 0xFF;
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load16S(int addr, int offset, Memory m) {
        try {
            return m.buf.getShort(ea(addr, offset));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load16U(int addr, int offset, Memory m) {
        try {
            return m.buf.getShort(ea(addr, offset)) & 0xFFFF;
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static long i64Load8S(int addr, int offset, Memory m) {
        return i32Load8S(addr, offset, m);
    }

    public static long i64Load8U(int addr, int offset, Memory m) {
        return i32Load8U(addr, offset, m);
    }

    public static long i64Load16S(int addr, int offset, Memory m) {
        return i32Load16S(addr, offset, m);
    }

    public static long i64Load16U(int addr, int offset, Memory m) {
        return i32Load16U(addr, offset, m);
    }

    public static long i64Load32S(int addr, int offset, Memory m) {
        return i32Load(addr, offset, m);
    }

    public static long i64Load32U(int addr, int offset, Memory m) {
        return i32Load(addr, offset, m) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, int offset, Memory m) {
        try {
            m.buf.putInt(ea(addr, offset), value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i64Store(int addr, long value, int offset, Memory m) {
        try {
            m.buf.putLong(ea(addr, offset), value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void f32Store(int addr, float value, int offset, Memory m) {
        try {
            m.buf.putInt(ea(addr, offset), Float.floatToRawIntBits(value));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void f64Store(int addr, double value, int offset, Memory m) {
        try {
            m.buf.putLong(ea(addr, offset), Double.doubleToRawLongBits(value));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i32Store8(int addr, int value, int offset, Memory m) {
        try {
            m.buf.put(ea(addr, offset), (byte) value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i32Store16(int addr, int value, int offset, Memory m) {
        try {
            m.buf.putShort(ea(addr, offset), (short) value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i64Store8(int addr, long value, int offset, Memory m) {
        i32Store8(addr, (int) value, offset, m);
    }

    public static void i64Store16(int addr, long value, int offset, Memory m) {
        i32Store16(addr, (int) value, offset, m);
    }

    public static void i64Store32(int addr, long value, int offset, Memory m) {
        i32Store(addr, (int) value, offset, m);
    }

    // ---- instructions on whole ranges ----

    /** {@code memory.size}. */
    public static int size(Memory m) {
        return m.pages;
    }

    /** {@code memory.grow} as generated code calls it: (delta, memory). */
    public static int grow(int delta, Memory m) {
        return m.grow(delta);
    }

    /** {@code memory.fill}: (dest, value, length, memory). */
    public static void fill(int dest, int value, int len, Memory m) {
        m.checkRange(dest, len);
        int d = dest;
        int n = len;
        byte b = (byte) value;
        if (m.buf.hasArray()) {
            java.util.Arrays.fill(m.buf.array(), m.buf.arrayOffset() + d, m.buf.arrayOffset() + d + n, b);
        } else {
            for (int i = 0; i < n; i++) {
                m.buf.put(d + i, b);
            }
        }
    }

    /** {@code memory.copy}: (dest, src, length, memory); overlapping ranges copy as memmove. */
    public static void copy(int dest, int src, int len, Memory m) {
        m.checkRange(dest, len);
        m.checkRange(src, len);
        byte[] a = m.buf.array();
        int base = m.buf.arrayOffset();
        System.arraycopy(a, base + src, a, base + dest, len);
    }

    /** {@code memory.init}: (dest, srcOffset, length, segment bytes or null when dropped, memory). */
    public static void init(int dest, int src, int len, byte[] segment, Memory m) {
        int segLen = segment == null ? 0 : segment.length;
        if ((src & 0xFFFFFFFFL) + (len & 0xFFFFFFFFL) > segLen) {
            throw Trap.outOfBoundsMemory();
        }
        m.checkRange(dest, len);
        if (len != 0) {
            System.arraycopy(segment, src, m.buf.array(), m.buf.arrayOffset() + dest, len);
        }
    }

    /** Traps unless [addr, addr+len) (unsigned) lies within the memory. */
    public void checkRange(int addr, int len) {
        if ((addr & 0xFFFFFFFFL) + (len & 0xFFFFFFFFL) > (long) byteSize()) {
            throw Trap.outOfBoundsMemory();
        }
    }

    // ---- host access (WASI and embedders). Addresses are unsigned 32-bit. ----

    public byte readByte(int addr) {
        return (byte) i32Load8S(addr, 0, this);
    }

    public int readI32(int addr) {
        return i32Load(addr, 0, this);
    }

    public long readI64(int addr) {
        return i64Load(addr, 0, this);
    }

    public void writeByte(int addr, byte value) {
        i32Store8(addr, value, 0, this);
    }

    public void writeI16(int addr, short value) {
        i32Store16(addr, value, 0, this);
    }

    public void writeI32(int addr, int value) {
        i32Store(addr, value, 0, this);
    }

    public void writeI64(int addr, long value) {
        i64Store(addr, value, 0, this);
    }

    /** Copies {@code len} bytes at {@code addr} into {@code dst[off..]}. */
    public void read(int addr, byte[] dst, int off, int len) {
        checkRange(addr, len);
        System.arraycopy(buf.array(), buf.arrayOffset() + addr, dst, off, len);
    }

    public byte[] readBytes(int addr, int len) {
        byte[] out = new byte[len];
        read(addr, out, 0, len);
        return out;
    }

    /** Copies {@code src[off..off+len)} to {@code addr}. */
    public void write(int addr, byte[] src, int off, int len) {
        checkRange(addr, len);
        System.arraycopy(src, off, buf.array(), buf.arrayOffset() + addr, len);
    }

    public void write(int addr, byte[] src) {
        write(addr, src, 0, src.length);
    }

    public String readString(int addr, int len) {
        checkRange(addr, len);
        return new String(buf.array(), buf.arrayOffset() + addr, len, StandardCharsets.UTF_8);
    }

    /**
     * A view of [addr, addr+len) for channel I/O without copying. The view is only valid until
     * the memory next grows.
     */
    public ByteBuffer slice(int addr, int len) {
        checkRange(addr, len);
        ByteBuffer d = buf.duplicate();
        d.limit(addr + len).position(addr);
        return d.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
