package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.F32_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static dev.wasm2jar.runtime.WasmAssertions.f32;
import static dev.wasm2jar.runtime.WasmAssertions.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Memory}: little-endian loads and stores of every width, bounds with 64-bit effective
 * addresses (memory_trap.wast, address.wast), growth and its limits (memory_grow.wast), the bulk
 * instructions (memory_fill.wast, memory_copy.wast, memory_init.wast) and the host accessors.
 */
class MemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;
    private static final String OOB = "out of bounds memory access";

    private Memory m;

    @BeforeEach
    void oneAddressedPage() {
        m = new Memory(1, -1);
    }

    /** The raw bytes [from, from+len) of the memory, read around the code under test. */
    private static byte[] bytes(Memory mem, int from, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = mem.buf.get(from + i);
        }
        return out;
    }

    private static void put(Memory mem, int at, int... values) {
        for (int i = 0; i < values.length; i++) {
            mem.buf.put(at + i, (byte) values[i]);
        }
    }

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Runs {@code e}, which must trap as out of bounds and leave the whole memory unchanged. */
    private static void assertTrapsWithoutWriting(Memory mem, Executable e) {
        byte[] before = bytes(mem, 0, mem.byteSize());
        assertTrap(OOB, e);
        assertArrayEquals(before, bytes(mem, 0, mem.byteSize()), "a trapping instruction modified memory");
    }

    @Nested
    class LoadsAndStores {
        @Test
        void i32AndI64AreLittleEndian() {
            Memory.i32Store(0, 0x12345678, 0, m);
            assertArrayEquals(b(0x78, 0x56, 0x34, 0x12), bytes(m, 0, 4));
            Memory.i64Store(8, 0x0102030405060708L, 0, m);
            assertArrayEquals(b(8, 7, 6, 5, 4, 3, 2, 1), bytes(m, 8, 8));
            put(m, 16, 0xEF, 0xBE, 0xAD, 0xDE, 0x0D, 0xF0, 0xAD, 0x8B);
            assertEquals(0xDEADBEEF, Memory.i32Load(16, 0, m));
            assertEquals(0x8BADF00DDEADBEEFL, Memory.i64Load(16, 0, m));
            assertEquals(0x0DDEADBE, Memory.i32Load(17, 0, m)); // unaligned
        }

        @Test
        void narrowI32LoadsExtendBySignOrZero() {
            put(m, 0, 0x80, 0xFF, 0x7F, 0x01);
            assertEquals(-128, Memory.i32Load8S(0, 0, m));
            assertEquals(0x80, Memory.i32Load8U(0, 0, m));
            assertEquals(-1, Memory.i32Load8S(1, 0, m));
            assertEquals(0xFF, Memory.i32Load8U(1, 0, m));
            assertEquals(127, Memory.i32Load8S(2, 0, m));
            assertEquals(0xFF80, Memory.i32Load16U(0, 0, m));
            assertEquals(0xFFFFFF80, Memory.i32Load16S(0, 0, m));
            assertEquals(0x7FFF, Memory.i32Load16S(1, 0, m)); // bytes FF 7F
            assertEquals(0x017F, Memory.i32Load16U(2, 0, m));
        }

        @Test
        void narrowI64LoadsExtendBySignOrZero() {
            put(m, 0, 0x80, 0x00, 0x00, 0x80, 0xFE, 0xFF);
            assertEquals(-128L, Memory.i64Load8S(0, 0, m));
            assertEquals(0x80L, Memory.i64Load8U(0, 0, m));
            assertEquals(0x80L, Memory.i64Load16S(0, 0, m));
            assertEquals(0xFFFFFFFFFFFF8000L, Memory.i64Load16S(2, 0, m));
            assertEquals(0x8000L, Memory.i64Load16U(2, 0, m));
            assertEquals(0xFFFFFFFF80000080L, Memory.i64Load32S(0, 0, m));
            assertEquals(0x80000080L, Memory.i64Load32U(0, 0, m));
            assertEquals(0xFFFE8000L, Memory.i64Load32U(2, 0, m)); // bytes 00 80 FE FF
            assertEquals(0xFFFFFFFFFFFE8000L, Memory.i64Load32S(2, 0, m));
        }

        @Test
        void narrowStoresWriteOnlyTheLowBytes() {
            Arrays.fill(m.buf.array(), 0, 17, (byte) 0xAA);
            Memory.i32Store8(1, 0x12345678, 0, m);
            Memory.i32Store16(4, 0x12345678, 0, m);
            Memory.i64Store8(8, 0x1122334455667788L, 0, m);
            Memory.i64Store16(10, 0x1122334455667788L, 0, m);
            Memory.i64Store32(12, 0x1122334455667788L, 0, m);
            assertArrayEquals(b(0xAA, 0x78, 0xAA, 0xAA, 0x78, 0x56, 0xAA, 0xAA, 0x88, 0xAA, 0x88, 0x77, 0x88, 0x77,
                    0x66, 0x55, 0xAA), bytes(m, 0, 17));
        }

        @Test
        void floatsTravelAsRawBitsSignalingNansIncluded() {
            Memory.f32Store(0, f32(F32_SNAN), 0, m);
            assertEquals(F32_SNAN, Memory.i32Load(0, 0, m));
            assertF32Bits(F32_SNAN, Memory.f32Load(0, 0, m));
            Memory.i32Store(4, F32_NEG_SNAN, 0, m);
            assertF32Bits(F32_NEG_SNAN, Memory.f32Load(4, 0, m));
            Memory.f64Store(8, f64(F64_SNAN), 0, m);
            assertEquals(F64_SNAN, Memory.i64Load(8, 0, m));
            assertF64Bits(F64_SNAN, Memory.f64Load(8, 0, m));
            Memory.i64Store(16, F64_NEG_SNAN, 0, m);
            assertF64Bits(F64_NEG_SNAN, Memory.f64Load(16, 0, m));
            Memory.f32Store(24, -0.0f, 0, m);
            assertArrayEquals(b(0, 0, 0, 0x80), bytes(m, 24, 4));
            Memory.f64Store(32, 1.0, 0, m);
            assertArrayEquals(b(0, 0, 0, 0, 0, 0, 0xF0, 0x3F), bytes(m, 32, 8));
        }

        @Test
        void theOffsetIsAddedToTheAddress() {
            put(m, 100, 1, 2, 3, 4);
            assertEquals(0x04030201, Memory.i32Load(0, 100, m));
            assertEquals(0x04030201, Memory.i32Load(60, 40, m));
            Memory.i32Store16(90, 0xBEEF, 12, m);
            assertArrayEquals(b(0xEF, 0xBE), bytes(m, 102, 2));
        }
    }

    @Nested
    class Bounds {
        @Test
        void lastAddressOfEachWidthIsInsideAndOnePastTraps() {
            assertEquals(0, Memory.i32Load8U(PAGE - 1, 0, m));
            assertTrap(OOB, () -> Memory.i32Load8U(PAGE, 0, m));
            assertTrap(OOB, () -> Memory.i32Load8S(PAGE, 0, m));
            assertTrap(OOB, () -> Memory.i64Load8S(PAGE, 0, m));
            assertTrap(OOB, () -> Memory.i64Load8U(PAGE, 0, m));
            assertEquals(0, Memory.i32Load16U(PAGE - 2, 0, m));
            assertTrap(OOB, () -> Memory.i32Load16U(PAGE - 1, 0, m));
            assertTrap(OOB, () -> Memory.i32Load16S(PAGE - 1, 0, m));
            assertTrap(OOB, () -> Memory.i64Load16S(PAGE - 1, 0, m));
            assertTrap(OOB, () -> Memory.i64Load16U(PAGE - 1, 0, m));
            assertEquals(0, Memory.i32Load(PAGE - 4, 0, m));
            assertEquals(0f, Memory.f32Load(PAGE - 4, 0, m));
            assertTrap(OOB, () -> Memory.i32Load(PAGE - 3, 0, m));
            assertTrap(OOB, () -> Memory.f32Load(PAGE - 3, 0, m));
            assertTrap(OOB, () -> Memory.i64Load32S(PAGE - 3, 0, m));
            assertTrap(OOB, () -> Memory.i64Load32U(PAGE - 3, 0, m));
            assertEquals(0L, Memory.i64Load(PAGE - 8, 0, m));
            assertEquals(0d, Memory.f64Load(PAGE - 8, 0, m));
            assertTrap(OOB, () -> Memory.i64Load(PAGE - 7, 0, m));
            assertTrap(OOB, () -> Memory.f64Load(PAGE - 7, 0, m));
        }

        @Test
        void storesHaveTheSameBounds() {
            Memory.i32Store8(PAGE - 1, 1, 0, m);
            Memory.i32Store16(PAGE - 2, 1, 0, m);
            Memory.i32Store(PAGE - 4, 1, 0, m);
            Memory.i64Store(PAGE - 8, 1, 0, m);
            Memory.f32Store(PAGE - 4, 1, 0, m);
            Memory.f64Store(PAGE - 8, 1, 0, m);
            Memory.i64Store8(PAGE - 1, 1, 0, m);
            Memory.i64Store16(PAGE - 2, 1, 0, m);
            Memory.i64Store32(PAGE - 4, 1, 0, m);
            assertTrapsWithoutWriting(m, () -> Memory.i32Store8(PAGE, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i64Store8(PAGE, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i32Store16(PAGE - 1, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i64Store16(PAGE - 1, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i32Store(PAGE - 3, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.f32Store(PAGE - 3, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i64Store32(PAGE - 3, 1, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.i64Store(PAGE - 7, -1L, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.f64Store(PAGE - 7, 1, 0, m));
        }

        @Test
        void aStraddlingStoreWritesNoByteAtAll() {
            put(m, PAGE - 7, 1, 2, 3, 4, 5, 6, 7);
            assertTrap(OOB, () -> Memory.i64Store(PAGE - 7, -1L, 0, m));
            assertArrayEquals(b(1, 2, 3, 4, 5, 6, 7), bytes(m, PAGE - 7, 7));
        }

        @Test
        void addressPlusOffsetAboveTwoToThe32TrapsInsteadOfWrapping() {
            // address.wast: a wrapped address would hit these valid bytes
            put(m, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
            assertTrap(OOB, () -> Memory.i32Load8U(0xFFFFFFFF, 1, m));
            assertTrap(OOB, () -> Memory.i32Load(0xFFFFFFFF, 1, m));
            assertTrap(OOB, () -> Memory.i32Load(1, 0xFFFFFFFF, m));
            assertTrap(OOB, () -> Memory.i64Load(0xFFFFFFF8, 8, m));
            assertTrap(OOB, () -> Memory.i32Load16U(0xFFFFFFFE, 2, m));
            assertTrap(OOB, () -> Memory.f64Load(-8, 8, m));
            assertTrapsWithoutWriting(m, () -> Memory.i32Store(0xFFFFFFFC, 0x01010101, 4, m));
            assertTrapsWithoutWriting(m, () -> Memory.i64Store8(1, 1, 0xFFFFFFFF, m));
        }

        @Test
        void largeOffsetsAndAddresses() {
            put(m, 0, 0x61);
            assertTrap(OOB, () -> Memory.i32Load8U(0, 0xFFFFFFFF, m));
            assertTrap(OOB, () -> Memory.i32Load8U(0, 0x80000000, m));
            assertTrap(OOB, () -> Memory.i32Load8U(0, PAGE, m));
            assertTrap(OOB, () -> Memory.i32Load8U(0xFFFFFFFF, 0, m));
            assertTrap(OOB, () -> Memory.i32Load8U(0x80000000, 0, m));
            assertTrap(OOB, () -> Memory.i32Load8U(PAGE, 0, m));
            assertEquals(0, Memory.i32Load8U(PAGE - 1, 0, m));
            assertEquals(0, Memory.i32Load8U(0, PAGE - 1, m));
            assertEquals(0, Memory.i32Load(4, PAGE - 8, m));
            assertTrap(OOB, () -> Memory.i32Load(5, PAGE - 8, m));
        }

        @Test
        void anEmptyMemoryHasNoValidAddress() {
            Memory empty = new Memory(0, -1);
            assertEquals(0, empty.byteSize());
            assertTrap(OOB, () -> Memory.i32Load8U(0, 0, empty));
            assertTrap(OOB, () -> Memory.i32Store8(0, 0, 0, empty));
            Memory.fill(0, 0, 0, empty); // zero length at the end (= 0) is fine
            assertTrap(OOB, () -> Memory.fill(1, 0, 0, empty));
        }

        @Test
        void trapsHaveTheSpecMessageAndAreNotBufferExceptions() {
            Trap t = assertThrows(Trap.class, () -> Memory.i32Load(PAGE, 0, m));
            assertEquals(Trap.OUT_OF_BOUNDS_MEMORY, t.getMessage());
        }
    }

    @Nested
    class Growth {
        @Test
        void growReturnsTheOldSizeAndAddsZeroedPages() {
            Memory.i32Store(PAGE - 4, 0xCAFEBABE, 0, m);
            assertEquals(1, m.grow(2));
            assertEquals(3, m.pages());
            assertEquals(3, Memory.size(m));
            assertEquals(3 * PAGE, m.byteSize());
            assertEquals(0xCAFEBABE, Memory.i32Load(PAGE - 4, 0, m));
            for (int a = PAGE; a < 3 * PAGE; a += 4093) {
                assertEquals(0, Memory.i32Load8U(a, 0, m));
            }
            Memory.i64Store(3 * PAGE - 8, -1L, 0, m);
            assertTrap(OOB, () -> Memory.i32Load8U(3 * PAGE, 0, m));
        }

        @Test
        void growByZeroReportsTheSize() {
            assertEquals(1, m.grow(0));
            assertEquals(1, Memory.grow(0, m));
            assertEquals(1, m.pages());
            Memory full = new Memory(2, 2);
            assertEquals(2, full.grow(0));
        }

        @Test
        void growBeyondTheDeclaredMaximumFails() {
            Memory mem = new Memory(1, 2);
            assertEquals(2, mem.declaredMaxPages());
            assertEquals(-1, mem.grow(2));
            assertEquals(1, mem.pages());
            assertEquals(1, mem.grow(1));
            assertEquals(-1, mem.grow(1));
            assertEquals(2, mem.pages());
            assertEquals(2, mem.grow(0));
            assertEquals(0, Memory.i32Load(2 * PAGE - 4, 0, mem)); // still usable after failures
        }

        @Test
        void growBeyondTheEmbeddersMaximumFails() {
            Memory mem = new Memory(1, -1, 3);
            assertEquals(-1, mem.declaredMaxPages());
            assertEquals(1, mem.grow(2));
            assertEquals(-1, mem.grow(1));
            assertEquals(3, mem.pages());
            // with both, the smaller limit wins
            assertEquals(-1, new Memory(1, 5, 2).grow(2));
            assertEquals(-1, new Memory(1, 2, 5).grow(2));
            assertEquals(1, new Memory(1, 5, 2).grow(1));
        }

        @Test
        void growBeyondWhatAByteBufferHoldsFails() {
            assertEquals(32767, Memory.IMPL_MAX_PAGES);
            Memory mem = new Memory(0, -1);
            assertEquals(-1, mem.grow(Memory.IMPL_MAX_PAGES + 1));
            assertEquals(-1, mem.grow(Memory.SPEC_MAX_PAGES));
            assertEquals(-1, mem.grow(Integer.MAX_VALUE));
            // the delta is unsigned: -1 is 2^32 - 1 pages, not a shrink
            assertEquals(-1, mem.grow(-1));
            assertEquals(-1, m.grow(0x80000000));
            assertEquals(0, mem.pages());
            assertEquals(1, m.pages());
        }

        @Test
        void initialSizeAboveTheLimitIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new Memory(3, 2));
            assertThrows(IllegalArgumentException.class, () -> new Memory(3, -1, 2));
            assertThrows(IllegalArgumentException.class, () -> new Memory(Memory.IMPL_MAX_PAGES + 1, -1));
            assertThrows(IllegalArgumentException.class, () -> new Memory(-1, -1));
            assertEquals(2, new Memory(2, 2).pages());
        }

        @Test
        void capacityGrowsGeometricallySoOnePageGrowsRarelyCopy() {
            byte[] first = m.bytes;
            assertEquals(PAGE, first.length);
            assertEquals(1, m.grow(1)); // 2 pages: needs a bigger array
            byte[] second = m.bytes;
            assertNotSame(first, second);
            assertEquals(2 * PAGE, second.length);
            assertEquals(2, m.grow(1)); // 3 pages: doubles to 4
            byte[] third = m.bytes;
            assertNotSame(second, third);
            assertEquals(4 * PAGE, third.length);
            assertEquals(3, m.grow(1)); // 4 pages: fits, the array stays
            assertSame(third, m.bytes);
            assertEquals(4 * PAGE, m.limit);
            assertEquals(4 * PAGE, m.buf.limit());
            assertEquals(4, m.grow(1)); // 5 pages: doubles to 8
            assertEquals(8 * PAGE, m.buf.capacity());
            assertEquals(ByteOrder.LITTLE_ENDIAN, m.buf.order());
        }

        @Test
        void boundsFollowTheSizeNotTheCapacity() {
            m.grow(1);
            m.grow(1); // 3 pages in a buffer of 4
            assertTrue(m.buf.capacity() > 3 * PAGE);
            assertEquals(3 * PAGE, m.buf.limit());
            assertTrap(OOB, () -> Memory.i32Load8U(3 * PAGE, 0, m));
            assertTrap(OOB, () -> Memory.i32Store(3 * PAGE - 2, 0, 0, m));
            assertTrap(OOB, () -> Memory.fill(3 * PAGE, 0, 1, m));
            assertTrap(OOB, () -> Memory.copy(0, 3 * PAGE - 1, 2, m));
            assertTrap(OOB, () -> m.readBytes(3 * PAGE - 1, 2));
        }

        @Test
        void capacityNeverExceedsTheMaximum() {
            Memory mem = new Memory(1, 3);
            mem.grow(1);
            assertEquals(2 * PAGE, mem.buf.capacity());
            mem.grow(1);
            assertEquals(3 * PAGE, mem.buf.capacity()); // doubling would give 4 pages: capped at 3
            Memory capped = new Memory(1, -1, 3);
            capped.grow(1);
            capped.grow(1);
            assertEquals(3 * PAGE, capped.buf.capacity());
        }

        @Test
        void contentsSurviveManyGrowsAndReallocations() {
            Memory mem = new Memory(0, -1);
            for (int p = 0; p < 40; p++) {
                assertEquals(p, mem.grow(1));
                Memory.i32Store(p * PAGE, 0x1000 + p, 0, mem);
                Memory.i32Store((p + 1) * PAGE - 4, 0x2000 + p, 0, mem);
            }
            assertEquals(40, mem.pages());
            for (int p = 0; p < 40; p++) {
                assertEquals(0x1000 + p, Memory.i32Load(p * PAGE, 0, mem));
                assertEquals(0x2000 + p, Memory.i32Load((p + 1) * PAGE - 4, 0, mem));
                assertEquals(0, Memory.i32Load(p * PAGE + 4, 0, mem));
            }
            assertEquals(64 * PAGE, mem.buf.capacity()); // 1, 2, 4, ..., 64 pages: 7 buffers for 40 grows
        }

        @Test
        void newPagesAreZeroEvenWhenTheCapacityWasAlreadyThere() {
            m.grow(2); // 3 pages in a new buffer of max(3, 2 * 1) pages
            m.grow(1); // 4 pages in a new buffer of max(4, 2 * 3) = 6 pages
            Arrays.fill(m.buf.array(), 0, m.byteSize(), (byte) 0x5A);
            assertEquals(4, m.grow(1)); // within capacity: only the limit moves
            for (int a = 4 * PAGE; a < 5 * PAGE; a += 997) {
                assertEquals(0, Memory.i32Load8U(a, 0, m));
            }
        }
    }

    @Nested
    class Fill {
        @Test
        void fillsWithTheLowByte() {
            Memory.fill(10, 0x1A5, 4, m);
            assertArrayEquals(b(0, 0xA5, 0xA5, 0xA5, 0xA5, 0), bytes(m, 9, 6));
            Memory.fill(0, -1, PAGE, m);
            assertEquals(-1, Memory.i64Load(PAGE - 8, 0, m));
        }

        @Test
        void zeroLengthAtTheEndIsFineOnePastTraps() {
            Memory.fill(PAGE, 0x55, 0, m);
            assertTrapsWithoutWriting(m, () -> Memory.fill(PAGE + 1, 0x55, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.fill(0xFFFFFFFF, 0x55, 0, m));
        }

        @Test
        void aRangePastTheEndTrapsBeforeWritingAnything() {
            Memory.fill(PAGE - 10, 1, 10, m);
            Memory.fill(PAGE - 10, 0, 10, m);
            assertTrapsWithoutWriting(m, () -> Memory.fill(PAGE - 10, 0x55, 11, m));
            assertTrapsWithoutWriting(m, () -> Memory.fill(0, 0x55, PAGE + 1, m));
            // dest + length wraps in 32 bits, not in 64
            assertTrapsWithoutWriting(m, () -> Memory.fill(1, 0x55, 0xFFFFFFFF, m));
            assertTrapsWithoutWriting(m, () -> Memory.fill(0xFFFFFFFF, 0x55, 2, m));
        }
    }

    @Nested
    class Copy {
        @BeforeEach
        void ascending() {
            put(m, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }

        @Test
        void overlappingForwardCopyIsAMemmove() {
            Memory.copy(2, 0, 8, m);
            assertArrayEquals(b(0, 1, 0, 1, 2, 3, 4, 5, 6, 7), bytes(m, 0, 10));
        }

        @Test
        void overlappingBackwardCopyIsAMemmove() {
            Memory.copy(0, 2, 8, m);
            assertArrayEquals(b(2, 3, 4, 5, 6, 7, 8, 9, 8, 9), bytes(m, 0, 10));
        }

        @Test
        void disjointAndSelfCopies() {
            Memory.copy(PAGE - 10, 0, 10, m);
            assertArrayEquals(b(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), bytes(m, PAGE - 10, 10));
            Memory.copy(3, 3, 5, m);
            assertArrayEquals(b(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), bytes(m, 0, 10));
        }

        @Test
        void zeroLengthAtTheEndIsFineOnePastTraps() {
            Memory.copy(PAGE, 0, 0, m);
            Memory.copy(0, PAGE, 0, m);
            Memory.copy(PAGE, PAGE, 0, m);
            assertTrapsWithoutWriting(m, () -> Memory.copy(PAGE + 1, 0, 0, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0, PAGE + 1, 0, m));
        }

        @Test
        void eitherRangePastTheEndTrapsBeforeWritingAnything() {
            assertTrapsWithoutWriting(m, () -> Memory.copy(PAGE - 1, 0, 2, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0, PAGE - 1, 2, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0, 0, PAGE + 1, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0, 1, 0xFFFFFFFF, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0xFFFFFFFF, 0, 1, m));
            assertTrapsWithoutWriting(m, () -> Memory.copy(0, 0xFFFFFFFF, 1, m));
        }
    }

    @Nested
    class Init {
        private final byte[] segment = "abcde".getBytes(StandardCharsets.US_ASCII);

        @Test
        void copiesPartOfTheSegment() {
            Memory.init(7, 1, 3, segment, m);
            assertArrayEquals(b(0, 'b', 'c', 'd', 0), bytes(m, 6, 5));
            Memory.init(PAGE - 5, 0, 5, segment, m);
            assertArrayEquals(segment, bytes(m, PAGE - 5, 5));
        }

        @Test
        void zeroLengthAtTheEndOfMemoryOrSegmentIsFine() {
            Memory.init(PAGE, 0, 0, segment, m);
            Memory.init(0, segment.length, 0, segment, m);
            Memory.init(PAGE, segment.length, 0, segment, m);
        }

        @Test
        void onePastEitherEndTraps() {
            assertTrapsWithoutWriting(m, () -> Memory.init(PAGE + 1, 0, 0, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0, segment.length + 1, 0, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0, 2, 4, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(PAGE - 2, 0, 3, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0, 1, 0xFFFFFFFF, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0, 0xFFFFFFFF, 1, segment, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0xFFFFFFFF, 0, 1, segment, m));
        }

        @Test
        void aDroppedSegmentIsAnEmptyOne() {
            Memory.init(0, 0, 0, null, m);
            Memory.init(PAGE, 0, 0, null, m);
            assertTrapsWithoutWriting(m, () -> Memory.init(0, 0, 1, null, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(0, 1, 0, null, m));
            assertTrapsWithoutWriting(m, () -> Memory.init(PAGE + 1, 0, 0, null, m));
        }

        @Test
        void anEmptySegmentBehavesLikeADroppedOne() {
            byte[] empty = new byte[0];
            Memory.init(PAGE, 0, 0, empty, m);
            assertTrap(OOB, () -> Memory.init(0, 1, 0, empty, m));
            assertTrap(OOB, () -> Memory.init(0, 0, 1, empty, m));
        }
    }

    @Nested
    class HostAccess {
        @Test
        void readStringDecodesUtf8() {
            byte[] text = "héllo, wörld €".getBytes(StandardCharsets.UTF_8);
            m.write(100, text);
            assertEquals("héllo, wörld €", m.readString(100, text.length));
            assertEquals("h", m.readString(100, 1));
            assertEquals("", m.readString(PAGE, 0));
            m.write(PAGE - 3, "end".getBytes(StandardCharsets.UTF_8));
            assertEquals("end", m.readString(PAGE - 3, 3));
            assertTrap(OOB, () -> m.readString(PAGE - 3, 4));
            assertTrap(OOB, () -> m.readString(0x80000000, 1));
        }

        @Test
        void bytesInAndOut() {
            m.write(10, b(1, 2, 3, 4, 5, 6), 2, 3);
            assertArrayEquals(b(0, 3, 4, 5, 0), m.readBytes(9, 5));
            byte[] dst = new byte[6];
            m.read(10, dst, 1, 3);
            assertArrayEquals(b(0, 3, 4, 5, 0, 0), dst);
            assertArrayEquals(new byte[0], m.readBytes(PAGE, 0));
            assertTrap(OOB, () -> m.readBytes(PAGE - 1, 2));
            assertTrapsWithoutWriting(m, () -> m.write(PAGE - 1, b(1, 2)));
            assertTrapsWithoutWriting(m, () -> m.write(0xFFFFFFFF, b(1)));
        }

        @Test
        void scalarAccessorsAreLittleEndian() {
            m.writeI16(0, (short) 0x1234);
            m.writeI32(2, 0x56789ABC);
            m.writeI64(6, 0x0102030405060708L);
            m.writeByte(14, (byte) 0xFE);
            assertArrayEquals(b(0x34, 0x12, 0xBC, 0x9A, 0x78, 0x56, 8, 7, 6, 5, 4, 3, 2, 1, 0xFE), bytes(m, 0, 15));
            assertEquals(0x56789ABC, m.readI32(2));
            assertEquals(0x0102030405060708L, m.readI64(6));
            assertEquals((byte) 0xFE, m.readByte(14));
            assertTrap(OOB, () -> m.readI32(PAGE - 3));
            assertTrap(OOB, () -> m.readI64(0xFFFFFFFC));
            assertTrap(OOB, () -> m.writeI16(PAGE - 1, (short) 0));
            assertTrap(OOB, () -> m.readByte(PAGE));
        }

        @Test
        void sliceIsALittleEndianViewOfTheRange() {
            Memory.i32Store(200, 0x11223344, 0, m);
            ByteBuffer view = m.slice(200, 8);
            assertEquals(0, view.position());
            assertEquals(8, view.remaining());
            assertEquals(ByteOrder.LITTLE_ENDIAN, view.order());
            assertEquals(0x11223344, view.getInt(0));
            view.putInt(4, 0x55667788);
            assertEquals(0x55667788, Memory.i32Load(204, 0, m));
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(8));
            assertEquals(0, m.slice(PAGE, 0).remaining());
            assertTrap(OOB, () -> m.slice(PAGE - 4, 5));
        }
    }

    /**
     * The accessors generated code calls where the address is a local's value
     * ({@code i32LoadOfLocal} & co.) check bounds differently from {@code i32Load} & co. (see
     * their comment) and must agree with them, and with the spec, on every access.
     */
    @Nested
    class AccessorFamilies {
        private final int[] addresses = {0, 1, 3, 4, 7, 8, PAGE - 9, PAGE - 8, PAGE - 5, PAGE - 4, PAGE - 2, PAGE - 1, PAGE,
            PAGE + 1, 3 * PAGE - 8, 3 * PAGE - 1, 3 * PAGE, 4 * PAGE - 1, 4 * PAGE, 0x7FFF0000, 0x7FFFFFFF, 0x80000000,
            0xFFFF0000, 0xFFFFFFF8, 0xFFFFFFFF};
        private final int[] offsets = {0, 1, 4, 7, 8, PAGE - 8, PAGE - 1, PAGE, 3 * PAGE - 1, 0x7FFEFFFF, 0x7FFF0000,
            0x7FFFFFF8, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF8, 0xFFFFFFFF};

        /** Memories of 0 and 1 pages, and one of 3 pages in an array of 4 (capacity beyond the size). */
        private Memory[] memories() {
            Memory grown = new Memory(1, -1);
            grown.grow(1);
            grown.grow(1);
            assertEquals(4 * PAGE, grown.bytes.length);
            Memory[] all = {new Memory(0, -1), new Memory(1, -1), grown};
            for (Memory mem : all) {
                for (int i = 0; i < mem.byteSize(); i += 97) {
                    mem.bytes[i] = (byte) (i * 31 + 7);
                }
            }
            return all;
        }

        private Object invoke(Method method, Object... args) throws Throwable {
            try {
                return method.invoke(null, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** The value, or the trap's message. */
        private Object outcome(Method method, Object... args) {
            try {
                return invoke(method, args);
            } catch (Trap t) {
                return t.getMessage();
            } catch (Throwable t) {
                throw new AssertionError(method.getName() + " threw " + t, t);
            }
        }

        /** The {@code i32Load}-family accessors of a kind ("Load" or "Store"). */
        private List<Method> accessors(String kind) {
            List<Method> found = new ArrayList<>();
            for (Method m : Memory.class.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getName().matches("[if](32|64)" + kind + "\\w*")
                        && !m.getName().endsWith("OfLocal")) {
                    found.add(m);
                }
            }
            return found;
        }

        private Method ofLocal(Method accessor) throws NoSuchMethodException {
            return Memory.class.getMethod(accessor.getName() + "OfLocal", accessor.getParameterTypes());
        }

        /** Whether an access of the accessor's width at addr + offset fits, by the spec's rule. */
        private boolean fits(Method accessor, int addr, int offset, Memory mem) {
            String name = accessor.getName();
            int width = name.contains("8") ? 1 : name.contains("16") ? 2 : name.contains("32") ? 4 : 8;
            return Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(offset) + width <= mem.byteSize();
        }

        private String where(Method accessor, int addr, int offset, Memory mem) {
            return accessor.getName() + " addr=" + Integer.toUnsignedString(addr) + " offset="
                    + Integer.toUnsignedString(offset) + " size=" + mem.byteSize();
        }

        @Test
        void loadsAgreeWithEachOtherAndWithTheSpec() throws Exception {
            List<Method> loads = accessors("Load");
            for (Method load : loads) {
                Method ofLocal = ofLocal(load);
                for (Memory mem : memories()) {
                    for (int addr : addresses) {
                        for (int offset : offsets) {
                            Object a = outcome(load, addr, offset, mem);
                            Object b = outcome(ofLocal, addr, offset, mem);
                            String where = where(load, addr, offset, mem);
                            assertEquals(fits(load, addr, offset, mem) ? a : OOB, a, where);
                            assertEquals(a, b, where + " (OfLocal)");
                        }
                    }
                }
            }
            assertEquals(14, loads.size(), "load accessors");
        }

        @Test
        void storesAgreeWithEachOtherAndWithTheSpec() throws Exception {
            List<Method> stores = accessors("Store");
            for (Method store : stores) {
                Method ofLocal = ofLocal(store);
                Class<?> valueType = store.getParameterTypes()[1];
                Object value = valueType == int.class ? (Object) 0x5A5A5A5A : valueType == long.class ? (Object) 0x5A5A5A5A5A5A5A5AL
                        : valueType == float.class ? (Object) Float.intBitsToFloat(0x5A5A5A5A)
                        : (Object) Double.longBitsToDouble(0x5A5A5A5A5A5A5A5AL);
                for (int addr : addresses) {
                    for (int offset : offsets) {
                        Memory[] first = memories();
                        Memory[] second = memories();
                        for (int k = 0; k < first.length; k++) {
                            Object a = outcome(store, addr, value, offset, first[k]);
                            Object b = outcome(ofLocal, addr, value, offset, second[k]);
                            String where = where(store, addr, offset, first[k]);
                            assertEquals(fits(store, addr, offset, first[k]) ? null : OOB, a, where);
                            assertEquals(a, b, where + " (OfLocal)");
                            assertArrayEquals(first[k].bytes, second[k].bytes, where + ": the same bytes written");
                        }
                    }
                }
            }
            assertEquals(9, stores.size(), "store accessors");
        }
    }
}
