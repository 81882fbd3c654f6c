package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A linear memory: a {@code byte[]} read and written little-endian through byte-array view
 * {@link VarHandle}s, with the memory's size in {@link #limit}.
 *
 * <p>Bounds: an access is in bounds when {@code addr + offset + width <= size} with the sum taken
 * without wrapping (both unsigned 32-bit), so an offset cannot wrap an address back into range;
 * an access that does not fit is the spec's trap. Once inlined, each check is one range check of
 * the address (see the accessors).
 *
 * <p>The accessors generated code calls are a few dozen bytes of bytecode with nothing but
 * intrinsics and force-inlined JDK code below them, so HotSpot inlines them everywhere: C2
 * stops inlining once a method and what it inlined reach 8000 bytes of bytecode
 * ({@code DesiredMethodLimit}), and generated methods come close to that on their own. (The
 * {@code ByteBuffer} accessors used before cost about 140 such bytes per access, and large Go
 * functions ran their later accesses as real calls.)
 *
 * <p>Growth: the array's length (capacity) grows geometrically and {@code memory.grow} only
 * moves {@link #limit} while capacity lasts, so a program that grows a page at a time copies its
 * memory O(log n) times, not once per grow.
 *
 * <p>Size: a Java array is indexed by {@code int}, so the largest memory is 32767 pages (2 GiB
 * minus 64 KiB); {@code memory.grow} beyond it fails with -1, as the spec allows.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The wasm32 page limit. */
    public static final int SPEC_MAX_PAGES = 65536;
    /** The most pages an array-backed memory can hold. */
    public static final int IMPL_MAX_PAGES = (Integer.MAX_VALUE / PAGE_SIZE);

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The memory's bytes; its length is the capacity. Replaced when growth exceeds it. */
    public byte[] bytes;
    /** The memory's size in bytes: pages × 64 KiB. */
    public int limit;
    /**
     * The memory as a little-endian buffer for host code (WASI, embedders), limited to the
     * memory's size. Replaced along with {@link #bytes}: never keep it across guest calls.
     */
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
        int max = Math.min(IMPL_MAX_PAGES, embedderMaxPages);
        if (declaredMaxPages >= 0) {
            max = Math.min(max, declaredMaxPages);
        }
        if (initialPages < 0 || initialPages > max) {
            throw new IllegalArgumentException(
                    "memory of " + Integer.toUnsignedString(initialPages) + " pages exceeds the limit of " + max);
        }
        this.pages = initialPages;
        this.declaredMax = declaredMaxPages;
        this.maxPages = max;
        this.bytes = new byte[initialPages * PAGE_SIZE];
        this.limit = initialPages * PAGE_SIZE;
        this.buf = view(bytes, limit);
    }

    private static ByteBuffer view(byte[] bytes, int limit) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.limit(limit);
        return b;
    }

    public int pages() {
        return pages;
    }

    /** The declared maximum, or -1. Used to check import compatibility. */
    public int declaredMaxPages() {
        return declaredMax;
    }

    public int byteSize() {
        return limit;
    }

    /** {@code memory.grow}: returns the old size in pages, or -1 when the memory cannot grow. */
    public int grow(int deltaPages) {
        int old = pages;
        long wanted = (long) old + Integer.toUnsignedLong(deltaPages);
        if (wanted > maxPages) {
            return -1;
        }
        int newBytes = (int) wanted * PAGE_SIZE;
        if (newBytes > bytes.length) {
            long cap = Math.max(newBytes, Math.min((long) bytes.length * 2, (long) maxPages * PAGE_SIZE));
            byte[] bigger;
            try {
                bigger = Arrays.copyOf(bytes, (int) cap);
            } catch (OutOfMemoryError e) {
                try {
                    bigger = Arrays.copyOf(bytes, newBytes);
                } catch (OutOfMemoryError e2) {
                    return -1;
                }
            }
            bytes = bigger;
        }
        limit = newBytes;
        buf = view(bytes, limit);
        pages = (int) wanted;
        return old;
    }

    // ---- loads and stores used by generated code: (address, [value,] offset, memory) ----
    //
    // Two families with one semantics. An access of width w is in bounds iff
    // addr + offset + w <= limit, with addr and offset unsigned and the sum not wrapping; the
    // offset is a constant at every call site, so the offset arithmetic folds away once an
    // accessor is inlined, leaving one range check of the address. Every method stays within
    // 35 bytes of bytecode (MaxInlineSize): over it, C1 and C2 leave it a call at the call sites
    // they consider cold (a 41-byte accessor made Go's JSON workload 40% slower).
    //
    // i32Load & co. check with Objects.checkIndex, which C2 compiles as a range check and whose
    // result carries the proof (a cast of the address to [0, bound)) into the rest of the
    // method: after one check of Go's stack pointer, later accesses near it need fewer checks
    // of their own (n-body's hot method: 66 uncommon-trap exits against 95 with the other form,
    // 145 against 187 ms).
    //
    // i32LoadOfLocal & co., which the emitter calls where the address is a wasm local's value
    // inside a loop (one not shaped like Go's dispatch loop), compare instead. checkIndex's cast replaces the checked variable in everything C2 parses
    // after it, caller included; when that variable is a loop's counter, the loop's increment no
    // longer reads the counter itself, C2 no longer sees a counted loop, and nothing is hoisted or
    // unrolled: memory loops ran at half of plain Java's speed. With a comparison the loop stays
    // counted, the check is hoisted (loop predication) and so is the VarHandle's own check of the
    // same index (DESIGN.md decision 9, which has the figures).
    //
    // index(): checkIndex(addr, limit - (w - 1) - offset) says "in bounds" when offset < 2^31; a
    // larger offset makes the index -1 (such an access always traps: no memory here reaches
    // 2^31 bytes); a negative length (an offset past the end) fails every index.

    private static int index(int addr, int offset, int boundForWidth) {
        return Objects.checkIndex(addr | (offset >> 31), boundForWidth - offset) + offset;
    }

    public static int i32Load(int addr, int offset, Memory m) {
        try {
            return (int) I32.get(m.bytes, index(addr, offset, m.limit - 3));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static long i64Load(int addr, int offset, Memory m) {
        try {
            return (long) I64.get(m.bytes, index(addr, offset, m.limit - 7));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static float f32Load(int addr, int offset, Memory m) {
        return Float.intBitsToFloat(i32Load(addr, offset, m));
    }

    public static double f64Load(int addr, int offset, Memory m) {
        return Double.longBitsToDouble(i64Load(addr, offset, m));
    }

    public static int i32Load8S(int addr, int offset, Memory m) {
        try {
            return m.bytes[index(addr, offset, m.limit - 0)];
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load8U(int addr, int offset, Memory m) {
        return i32Load8S(addr, offset, m) & 0xFF;
    }

    public static int i32Load16S(int addr, int offset, Memory m) {
        try {
            return (short) I16.get(m.bytes, index(addr, offset, m.limit - 1));
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static int i32Load16U(int addr, int offset, Memory m) {
        return i32Load16S(addr, offset, m) & 0xFFFF;
    }

    public static long i64Load8S(int addr, int offset, Memory m) {
        return i32Load8S(addr, offset, m);
    }

    public static long i64Load8U(int addr, int offset, Memory m) {
        return i32Load8S(addr, offset, m) & 0xFFL;
    }

    public static long i64Load16S(int addr, int offset, Memory m) {
        return i32Load16S(addr, offset, m);
    }

    public static long i64Load16U(int addr, int offset, Memory m) {
        return i32Load16S(addr, offset, m) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, int offset, Memory m) {
        return i32Load(addr, offset, m);
    }

    public static long i64Load32U(int addr, int offset, Memory m) {
        return i32Load(addr, offset, m) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, int offset, Memory m) {
        try {
            I32.set(m.bytes, index(addr, offset, m.limit - 3), value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i64Store(int addr, long value, int offset, Memory m) {
        try {
            I64.set(m.bytes, index(addr, offset, m.limit - 7), value);
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void f32Store(int addr, float value, int offset, Memory m) {
        i32Store(addr, Float.floatToRawIntBits(value), offset, m);
    }

    public static void f64Store(int addr, double value, int offset, Memory m) {
        i64Store(addr, Double.doubleToRawLongBits(value), offset, m);
    }

    public static void i32Store8(int addr, int value, int offset, Memory m) {
        try {
            m.bytes[index(addr, offset, m.limit - 0)] = (byte) value;
        } catch (IndexOutOfBoundsException e) {
            throw Trap.outOfBoundsMemory();
        }
    }

    public static void i32Store16(int addr, int value, int offset, Memory m) {
        try {
            I16.set(m.bytes, index(addr, offset, m.limit - 1), (short) value);
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

    // ---- the same, for addresses that are a wasm local's value (see above) ----

    /**
     * addr + offset, once an access there fits below {@code lastStart} = limit - (w - 1). An offset
     * above 2^31 - 64 KiB never fits (no memory here is that large) and makes the index -1, which
     * also keeps {@code lastStart - offset} from wrapping.
     */
    private static int at(int addr, int offset, int lastStart) {
        int index = addr | ((offset | (offset + PAGE_SIZE)) >> 31);
        if (index < 0 || index >= lastStart - offset) {
            throw Trap.outOfBoundsMemory();
        }
        return addr + offset;
    }

    public static int i32LoadOfLocal(int addr, int offset, Memory m) {
        return (int) I32.get(m.bytes, at(addr, offset, m.limit - 3));
    }

    public static long i64LoadOfLocal(int addr, int offset, Memory m) {
        return (long) I64.get(m.bytes, at(addr, offset, m.limit - 7));
    }

    public static float f32LoadOfLocal(int addr, int offset, Memory m) {
        return Float.intBitsToFloat(i32LoadOfLocal(addr, offset, m));
    }

    public static double f64LoadOfLocal(int addr, int offset, Memory m) {
        return Double.longBitsToDouble(i64LoadOfLocal(addr, offset, m));
    }

    public static int i32Load8SOfLocal(int addr, int offset, Memory m) {
        return m.bytes[at(addr, offset, m.limit)];
    }

    public static int i32Load8UOfLocal(int addr, int offset, Memory m) {
        return i32Load8SOfLocal(addr, offset, m) & 0xFF;
    }

    public static int i32Load16SOfLocal(int addr, int offset, Memory m) {
        return (short) I16.get(m.bytes, at(addr, offset, m.limit - 1));
    }

    public static int i32Load16UOfLocal(int addr, int offset, Memory m) {
        return i32Load16SOfLocal(addr, offset, m) & 0xFFFF;
    }

    public static long i64Load8SOfLocal(int addr, int offset, Memory m) {
        return i32Load8SOfLocal(addr, offset, m);
    }

    public static long i64Load8UOfLocal(int addr, int offset, Memory m) {
        return i32Load8SOfLocal(addr, offset, m) & 0xFFL;
    }

    public static long i64Load16SOfLocal(int addr, int offset, Memory m) {
        return i32Load16SOfLocal(addr, offset, m);
    }

    public static long i64Load16UOfLocal(int addr, int offset, Memory m) {
        return i32Load16SOfLocal(addr, offset, m) & 0xFFFFL;
    }

    public static long i64Load32SOfLocal(int addr, int offset, Memory m) {
        return i32LoadOfLocal(addr, offset, m);
    }

    public static long i64Load32UOfLocal(int addr, int offset, Memory m) {
        return i32LoadOfLocal(addr, offset, m) & 0xFFFFFFFFL;
    }

    public static void i32StoreOfLocal(int addr, int value, int offset, Memory m) {
        I32.set(m.bytes, at(addr, offset, m.limit - 3), value);
    }

    public static void i64StoreOfLocal(int addr, long value, int offset, Memory m) {
        I64.set(m.bytes, at(addr, offset, m.limit - 7), value);
    }

    public static void f32StoreOfLocal(int addr, float value, int offset, Memory m) {
        i32StoreOfLocal(addr, Float.floatToRawIntBits(value), offset, m);
    }

    public static void f64StoreOfLocal(int addr, double value, int offset, Memory m) {
        i64StoreOfLocal(addr, Double.doubleToRawLongBits(value), offset, m);
    }

    public static void i32Store8OfLocal(int addr, int value, int offset, Memory m) {
        m.bytes[at(addr, offset, m.limit)] = (byte) value;
    }

    public static void i32Store16OfLocal(int addr, int value, int offset, Memory m) {
        I16.set(m.bytes, at(addr, offset, m.limit - 1), (short) value);
    }

    public static void i64Store8OfLocal(int addr, long value, int offset, Memory m) {
        i32Store8OfLocal(addr, (int) value, offset, m);
    }

    public static void i64Store16OfLocal(int addr, long value, int offset, Memory m) {
        i32Store16OfLocal(addr, (int) value, offset, m);
    }

    public static void i64Store32OfLocal(int addr, long value, int offset, Memory m) {
        i32StoreOfLocal(addr, (int) value, offset, m);
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
        Arrays.fill(m.bytes, dest, dest + len, (byte) value);
    }

    /** {@code memory.copy}: (dest, src, length, memory); overlapping ranges copy as memmove. */
    public static void copy(int dest, int src, int len, Memory m) {
        m.checkRange(dest, len);
        m.checkRange(src, len);
        System.arraycopy(m.bytes, src, m.bytes, dest, len);
    }

    /** {@code memory.init}: (dest, srcOffset, length, segment bytes or null when dropped, memory). */
    public static void init(int dest, int src, int len, byte[] segment, Memory m) {
        int segLen = segment == null ? 0 : segment.length;
        if ((src & 0xFFFFFFFFL) + (len & 0xFFFFFFFFL) > segLen) {
            throw Trap.outOfBoundsMemory();
        }
        m.checkRange(dest, len);
        if (len != 0) {
            System.arraycopy(segment, src, m.bytes, dest, len);
        }
    }

    /** Traps unless [addr, addr+len) (unsigned) lies within the memory. */
    public void checkRange(int addr, int len) {
        if ((addr & 0xFFFFFFFFL) + (len & 0xFFFFFFFFL) > (long) limit) {
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
        System.arraycopy(bytes, addr, dst, off, len);
    }

    public byte[] readBytes(int addr, int len) {
        byte[] out = new byte[len];
        read(addr, out, 0, len);
        return out;
    }

    /** Copies {@code src[off..off+len)} to {@code addr}. */
    public void write(int addr, byte[] src, int off, int len) {
        checkRange(addr, len);
        System.arraycopy(src, off, bytes, addr, len);
    }

    public void write(int addr, byte[] src) {
        write(addr, src, 0, src.length);
    }

    public String readString(int addr, int len) {
        checkRange(addr, len);
        return new String(bytes, addr, len, StandardCharsets.UTF_8);
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
