package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Integer division, remainder and unsigned comparison helpers of {@link WasmMath}. Expected values
 * follow i32.wast and i64.wast of the spec test suite.
 */
class WasmMathIntegerTest {
    private static final String DIV_ZERO = "integer divide by zero";
    private static final String OVERFLOW = "integer overflow";

    @Nested
    class I32Division {
        @Test
        void divSByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivS(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivS(0, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivS(Integer.MIN_VALUE, 0));
        }

        @Test
        void divSMinByMinusOneOverflows() {
            assertTrap(OVERFLOW, () -> WasmMath.i32DivS(Integer.MIN_VALUE, -1));
            // neighbours of the overflowing pair are ordinary divisions
            assertEquals(-Integer.MAX_VALUE, WasmMath.i32DivS(Integer.MAX_VALUE, -1));
            assertEquals(Integer.MIN_VALUE, WasmMath.i32DivS(Integer.MIN_VALUE, 1));
        }

        @Test
        void divSTruncatesTowardZero() {
            assertEquals(2, WasmMath.i32DivS(5, 2));
            assertEquals(-2, WasmMath.i32DivS(-5, 2));
            assertEquals(-2, WasmMath.i32DivS(5, -2));
            assertEquals(2, WasmMath.i32DivS(-5, -2));
            assertEquals(-2, WasmMath.i32DivS(-7, 3));
            assertEquals(-2, WasmMath.i32DivS(7, -3));
            assertEquals(1, WasmMath.i32DivS(-1, -1));
            assertEquals(0xC0000000, WasmMath.i32DivS(0x80000000, 2));
            assertEquals(-2147483, WasmMath.i32DivS(0x80000001, 1000));
        }

        @Test
        void divUByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivU(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivU(0, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32DivU(-1, 0));
        }

        @Test
        void divUTreatsHighBitAsMagnitude() {
            assertEquals(0, WasmMath.i32DivU(0x80000000, -1)); // no overflow trap for unsigned
            assertEquals(1, WasmMath.i32DivU(-1, -1));
            assertEquals(0x40000000, WasmMath.i32DivU(0x80000000, 2));
            assertEquals(0x8FEF, WasmMath.i32DivU(0x8FF00FF0, 0x10001));
            assertEquals(0x20C49B, WasmMath.i32DivU(0x80000001, 1000));
            assertEquals(0x7FFFFFFD, WasmMath.i32DivU(-5, 2));
            assertEquals(0, WasmMath.i32DivU(5, -2));
            assertEquals(0, WasmMath.i32DivU(-5, -2));
            assertEquals(0x55555553, WasmMath.i32DivU(-7, 3));
        }

        @Test
        void remSByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i32RemS(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32RemS(0, 0));
        }

        @Test
        void remSOfMinByMinusOneIsZeroNotATrap() {
            assertEquals(0, WasmMath.i32RemS(Integer.MIN_VALUE, -1));
            assertEquals(0, WasmMath.i32RemS(Integer.MAX_VALUE, -1));
            assertEquals(0, WasmMath.i32RemS(-1, -1));
        }

        @Test
        void remSTakesTheDividendsSign() {
            assertEquals(1, WasmMath.i32RemS(5, 2));
            assertEquals(-1, WasmMath.i32RemS(-5, 2));
            assertEquals(1, WasmMath.i32RemS(5, -2));
            assertEquals(-1, WasmMath.i32RemS(-5, -2));
            assertEquals(-1, WasmMath.i32RemS(-7, 3));
            assertEquals(1, WasmMath.i32RemS(7, -3));
            assertEquals(0, WasmMath.i32RemS(0x80000000, 2));
            assertEquals(-647, WasmMath.i32RemS(0x80000001, 1000));
        }

        @Test
        void remUByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i32RemU(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i32RemU(-1, 0));
        }

        @Test
        void remUTreatsHighBitAsMagnitude() {
            assertEquals(0x80000000, WasmMath.i32RemU(0x80000000, -1));
            assertEquals(0, WasmMath.i32RemU(-1, -1));
            assertEquals(0, WasmMath.i32RemU(0x80000000, 2));
            assertEquals(0x8001, WasmMath.i32RemU(0x8FF00FF0, 0x10001));
            assertEquals(649, WasmMath.i32RemU(0x80000001, 1000));
            assertEquals(1, WasmMath.i32RemU(-5, 2));
            assertEquals(5, WasmMath.i32RemU(5, -2));
            assertEquals(-5, WasmMath.i32RemU(-5, -2));
            assertEquals(Integer.MAX_VALUE, WasmMath.i32RemU(Integer.MAX_VALUE, -1));
        }
    }

    @Nested
    class I64Division {
        @Test
        void divSByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i64DivS(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i64DivS(0, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i64DivS(Long.MIN_VALUE, 0));
        }

        @Test
        void divSMinByMinusOneOverflows() {
            assertTrap(OVERFLOW, () -> WasmMath.i64DivS(Long.MIN_VALUE, -1));
            assertEquals(-Long.MAX_VALUE, WasmMath.i64DivS(Long.MAX_VALUE, -1));
            // only the 64-bit minimum overflows: the 32-bit one is an ordinary i64
            assertEquals(2147483648L, WasmMath.i64DivS(Integer.MIN_VALUE, -1));
        }

        @Test
        void divSTruncatesTowardZero() {
            assertEquals(2, WasmMath.i64DivS(5, 2));
            assertEquals(-2, WasmMath.i64DivS(-5, 2));
            assertEquals(-2, WasmMath.i64DivS(5, -2));
            assertEquals(2, WasmMath.i64DivS(-5, -2));
            assertEquals(0xC000000000000000L, WasmMath.i64DivS(0x8000000000000000L, 2));
            assertEquals(-9223372036854775L, WasmMath.i64DivS(0x8000000000000001L, 1000));
        }

        @Test
        void divUByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i64DivU(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i64DivU(-1, 0));
        }

        @Test
        void divUTreatsHighBitAsMagnitude() {
            assertEquals(0, WasmMath.i64DivU(Long.MIN_VALUE, -1));
            assertEquals(1, WasmMath.i64DivU(-1, -1));
            assertEquals(0x4000000000000000L, WasmMath.i64DivU(0x8000000000000000L, 2));
            assertEquals(0x8FF00FEFL, WasmMath.i64DivU(0x8FF00FF00FF00FF0L, 0x100000001L));
            assertEquals(0x20C49BA5E353F7L, WasmMath.i64DivU(0x8000000000000001L, 1000));
            assertEquals(0x7FFFFFFFFFFFFFFDL, WasmMath.i64DivU(-5, 2));
            assertEquals(0, WasmMath.i64DivU(5, -2));
        }

        @Test
        void remSByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i64RemS(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i64RemS(0, 0));
        }

        @Test
        void remSOfMinByMinusOneIsZeroNotATrap() {
            assertEquals(0, WasmMath.i64RemS(Long.MIN_VALUE, -1));
            assertEquals(0, WasmMath.i64RemS(Long.MAX_VALUE, -1));
        }

        @Test
        void remSTakesTheDividendsSign() {
            assertEquals(1, WasmMath.i64RemS(5, 2));
            assertEquals(-1, WasmMath.i64RemS(-5, 2));
            assertEquals(1, WasmMath.i64RemS(5, -2));
            assertEquals(-1, WasmMath.i64RemS(-5, -2));
            assertEquals(0, WasmMath.i64RemS(0x8000000000000000L, 2));
            assertEquals(-807, WasmMath.i64RemS(0x8000000000000001L, 1000));
        }

        @Test
        void remUByZeroTraps() {
            assertTrap(DIV_ZERO, () -> WasmMath.i64RemU(1, 0));
            assertTrap(DIV_ZERO, () -> WasmMath.i64RemU(-1, 0));
        }

        @Test
        void remUTreatsHighBitAsMagnitude() {
            assertEquals(Long.MIN_VALUE, WasmMath.i64RemU(Long.MIN_VALUE, -1));
            assertEquals(0, WasmMath.i64RemU(0x8000000000000000L, 2));
            assertEquals(0x80000001L, WasmMath.i64RemU(0x8FF00FF00FF00FF0L, 0x100000001L));
            assertEquals(809, WasmMath.i64RemU(0x8000000000000001L, 1000));
            assertEquals(1, WasmMath.i64RemU(-5, 2));
            assertEquals(5, WasmMath.i64RemU(5, -2));
        }
    }
}
