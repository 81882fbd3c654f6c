package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Table}: element access and bounds, growth and its limits (table_grow.wast), the bulk
 * instructions (table_fill.wast, table_copy.wast, table_init.wast) and the checks of
 * {@code call_indirect} (call_indirect.wast).
 */
class TableTest {
    private static final String OOB = "out of bounds table access";

    private static final FuncType I32_TO_I32 = new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
    private static final FuncType VOID = new FuncType(new ValType[0], new ValType[0]);

    private Table t;

    @BeforeEach
    void tenNullElements() {
        t = new Table(ValType.FUNCREF, 10, 20);
    }

    private static FuncRef fn(FuncType type, String name) {
        return new FuncRef(type, MethodHandles.empty(type.methodType()), new HostInstance(), name);
    }

    /** Elements 0..n-1 of {@code table}. */
    private static Object[] elements(Table table) {
        Object[] out = new Object[table.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = table.get(i);
        }
        return out;
    }

    /** Runs {@code e}, which must trap as out of bounds and leave the table unchanged. */
    private static void assertTrapsWithoutWriting(Table table, Executable e) {
        Object[] before = elements(table);
        assertTrap(OOB, e);
        assertArrayEquals(before, elements(table), "a trapping instruction modified the table");
    }

    @Nested
    class Access {
        @Test
        void newTablesHoldNull() {
            assertEquals(10, t.size());
            assertEquals(ValType.FUNCREF, t.elementType());
            assertEquals(20, t.declaredMax());
            for (int i = 0; i < 10; i++) {
                assertNull(t.get(i));
            }
        }

        @Test
        void setAndGet() {
            Object x = "host object";
            Table ext = new Table(ValType.EXTERNREF, 2, -1);
            ext.set(1, x);
            assertSame(x, ext.get(1));
            assertSame(x, Table.tableGet(1, ext));
            Table.tableSet(1, null, ext);
            assertNull(ext.get(1));
            assertEquals(-1, ext.declaredMax());
        }

        @Test
        void lastIndexIsInsideSizeTraps() {
            t.set(9, "last");
            assertEquals("last", t.get(9));
            assertTrap(OOB, () -> t.get(10));
            assertTrapsWithoutWriting(t, () -> t.set(10, "x"));
            // indices are unsigned: negative ints are huge
            assertTrap(OOB, () -> t.get(-1));
            assertTrap(OOB, () -> t.get(Integer.MIN_VALUE));
            assertTrapsWithoutWriting(t, () -> t.set(-1, "x"));
            assertTrap(OOB, () -> Table.tableGet(10, t));
            assertTrap(OOB, () -> Table.tableSet(10, null, t));
        }

        @Test
        void emptyTableHasNoValidIndex() {
            Table empty = new Table(ValType.FUNCREF, 0, -1);
            assertEquals(0, Table.tableSize(empty));
            assertTrap(OOB, () -> empty.get(0));
        }
    }

    @Nested
    class Growth {
        @Test
        void growReturnsTheOldSizeAndFillsWithTheInitValue() {
            assertEquals(10, t.grow(3, "init"));
            assertEquals(13, t.size());
            assertNull(t.get(9));
            assertEquals("init", t.get(10));
            assertEquals("init", t.get(12));
            assertTrap(OOB, () -> t.get(13));
            assertEquals(13, Table.tableGrow(null, 2, t)); // (init, delta, table): wasm operand order
            assertNull(t.get(14));
            assertEquals(15, Table.tableSize(t));
        }

        @Test
        void growByZeroReportsTheSize() {
            assertEquals(10, t.grow(0, "x"));
            assertEquals(10, t.size());
            Table full = new Table(ValType.FUNCREF, 5, 5);
            assertEquals(5, full.grow(0, null));
        }

        @Test
        void growBeyondTheDeclaredMaximumFails() {
            assertEquals(-1, t.grow(11, null));
            assertEquals(10, t.size());
            assertEquals(10, t.grow(10, null));
            assertEquals(-1, t.grow(1, null));
            assertEquals(20, t.size());
            assertTrap(OOB, () -> t.get(20));
        }

        @Test
        void growWithoutMaximumIsLimitedOnlyByTheJvm() {
            Table open = new Table(ValType.EXTERNREF, 0, -1);
            assertEquals(0, open.grow(1000, "a"));
            assertEquals("a", open.get(999));
            // the delta is unsigned; no array holds 2^31 - 1 or 2^32 - 1 elements
            assertEquals(-1, open.grow(-1, null));
            assertEquals(-1, open.grow(Integer.MAX_VALUE, null));
            assertEquals(1000, open.size());
        }

        @Test
        void aDeclaredMaximumAboveU32IsClampedAndStillBoundsGrowth() {
            Table huge = new Table(ValType.FUNCREF, 1, 0xFFFFFFFFL);
            assertEquals(-1, huge.grow(-1, null)); // 1 + (2^32 - 1) > 2^32 - 1
            assertEquals(1, huge.grow(1, null));
        }

        @Test
        void contentsSurviveRepeatedGrowth() {
            Table g = new Table(ValType.EXTERNREF, 1, -1);
            g.set(0, 0);
            for (int i = 1; i < 100; i++) {
                assertEquals(i, g.grow(1, i));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i, g.get(i));
            }
        }
    }

    @Nested
    class Fill {
        @Test
        void fillsTheRange() {
            t.fill(2, "v", 3);
            assertArrayEquals(new Object[] {null, null, "v", "v", "v", null, null, null, null, null}, elements(t));
            Table.tableFill(8, "w", 2, t);
            assertEquals("w", t.get(9));
        }

        @Test
        void zeroLengthAtTheEndIsFineOnePastTraps() {
            t.fill(10, "v", 0);
            assertTrapsWithoutWriting(t, () -> t.fill(11, "v", 0));
            assertTrapsWithoutWriting(t, () -> t.fill(-1, "v", 0));
        }

        @Test
        void aRangePastTheEndTrapsBeforeWritingAnything() {
            assertTrapsWithoutWriting(t, () -> t.fill(8, "v", 3));
            assertTrapsWithoutWriting(t, () -> t.fill(0, "v", 11));
            assertTrapsWithoutWriting(t, () -> t.fill(1, "v", -1));
            assertTrapsWithoutWriting(t, () -> Table.tableFill(9, "v", 2, t));
        }
    }

    @Nested
    class Copy {
        @BeforeEach
        void numbered() {
            for (int i = 0; i < 10; i++) {
                t.set(i, i);
            }
        }

        @Test
        void overlappingForwardAndBackward() {
            t.copyFrom(t, 2, 0, 5);
            assertArrayEquals(new Object[] {0, 1, 0, 1, 2, 3, 4, 7, 8, 9}, elements(t));
            t.copyFrom(t, 0, 3, 7);
            assertArrayEquals(new Object[] {1, 2, 3, 4, 7, 8, 9, 7, 8, 9}, elements(t));
        }

        @Test
        void betweenTables() {
            Table other = new Table(ValType.FUNCREF, 4, -1);
            Table.tableCopy(1, 7, 3, other, t); // (dest, src, count, destination table, source table)
            assertArrayEquals(new Object[] {null, 7, 8, 9}, elements(other));
            assertArrayEquals(new Object[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, elements(t));
        }

        @Test
        void zeroLengthAtTheEndIsFineOnePastTraps() {
            t.copyFrom(t, 10, 0, 0);
            t.copyFrom(t, 0, 10, 0);
            assertTrapsWithoutWriting(t, () -> t.copyFrom(t, 11, 0, 0));
            assertTrapsWithoutWriting(t, () -> t.copyFrom(t, 0, 11, 0));
        }

        @Test
        void eitherRangePastTheEndTrapsBeforeWritingAnything() {
            assertTrapsWithoutWriting(t, () -> t.copyFrom(t, 8, 0, 3));
            assertTrapsWithoutWriting(t, () -> t.copyFrom(t, 0, 8, 3));
            assertTrapsWithoutWriting(t, () -> t.copyFrom(t, 0, 1, -1));
            Table small = new Table(ValType.FUNCREF, 2, -1);
            assertTrapsWithoutWriting(t, () -> Table.tableCopy(0, 0, 3, t, small)); // source too short
            assertTrapsWithoutWriting(small, () -> Table.tableCopy(0, 0, 3, small, t)); // destination too short
        }
    }

    @Nested
    class Init {
        private final Object[] segment = {"a", "b", "c"};

        @Test
        void copiesPartOfTheSegment() {
            t.init(5, segment, 1, 2);
            assertArrayEquals(new Object[] {null, null, null, null, null, "b", "c", null, null, null}, elements(t));
            Table.tableInit(0, 0, 3, segment, t); // (dest, src, count, segment, table)
            assertEquals("c", t.get(2));
        }

        @Test
        void zeroLengthAtTheEndOfTableOrSegmentIsFine() {
            t.init(10, segment, 0, 0);
            t.init(0, segment, 3, 0);
            t.init(10, segment, 3, 0);
        }

        @Test
        void onePastEitherEndTraps() {
            assertTrapsWithoutWriting(t, () -> t.init(11, segment, 0, 0));
            assertTrapsWithoutWriting(t, () -> t.init(0, segment, 4, 0));
            assertTrapsWithoutWriting(t, () -> t.init(0, segment, 1, 3));
            assertTrapsWithoutWriting(t, () -> t.init(8, segment, 0, 3));
            assertTrapsWithoutWriting(t, () -> t.init(0, segment, 1, -1));
            assertTrapsWithoutWriting(t, () -> t.init(0, segment, -1, 1));
        }

        @Test
        void aDroppedSegmentIsAnEmptyOne() {
            t.init(0, null, 0, 0);
            t.init(10, null, 0, 0);
            assertTrapsWithoutWriting(t, () -> t.init(0, null, 0, 1));
            assertTrapsWithoutWriting(t, () -> t.init(0, null, 1, 0));
            assertTrapsWithoutWriting(t, () -> t.init(11, null, 0, 0));
        }
    }

    @Nested
    class FuncForCall {
        @Test
        void returnsTheElementOfTheExpectedType() {
            FuncRef f = fn(I32_TO_I32, "f");
            t.set(3, f);
            assertSame(f, t.funcForCall(3, I32_TO_I32.key()));
        }

        @Test
        void typesCompareStructurallyAcrossFuncTypeInstances() {
            FuncRef f = fn(new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}), "f");
            t.set(0, f);
            String key = new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}).key();
            assertSame(f, t.funcForCall(0, key));
        }

        @Test
        void indexOutsideTheTableIsAnUndefinedElement() {
            t.set(9, fn(VOID, "v"));
            assertTrap("undefined element", () -> t.funcForCall(10, VOID.key()));
            assertTrap("undefined element", () -> t.funcForCall(-1, VOID.key()));
            assertTrap("undefined element", () -> t.funcForCall(Integer.MAX_VALUE, VOID.key()));
            assertTrap("undefined element", () -> new Table(ValType.FUNCREF, 0, -1).funcForCall(0, VOID.key()));
        }

        @Test
        void nullElementIsUninitialized() {
            assertTrap("uninitialized element", () -> t.funcForCall(0, VOID.key()));
            assertTrap("uninitialized element", () -> t.funcForCall(9, I32_TO_I32.key()));
        }

        @Test
        void otherSignatureIsATypeMismatch() {
            t.set(0, fn(VOID, "v"));
            t.set(1, fn(I32_TO_I32, "f"));
            t.set(2, fn(new FuncType(new ValType[] {ValType.I64}, new ValType[] {ValType.I32}), "g"));
            t.set(3, fn(new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32, ValType.I32}), "h"));
            assertTrap("indirect call type mismatch", () -> t.funcForCall(0, I32_TO_I32.key()));
            assertTrap("indirect call type mismatch", () -> t.funcForCall(1, VOID.key()));
            assertTrap("indirect call type mismatch", () -> t.funcForCall(2, I32_TO_I32.key()));
            assertTrap("indirect call type mismatch", () -> t.funcForCall(3, I32_TO_I32.key()));
        }
    }
}
