package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.F32_ALL_NANS;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NEG_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_ALL_NANS;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.assertArithmeticNan;
import static dev.wasm2jar.runtime.WasmAssertions.assertCanonicalNan;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertTrap;
import static dev.wasm2jar.runtime.WasmAssertions.bits;
import static dev.wasm2jar.runtime.WasmAssertions.f32;
import static dev.wasm2jar.runtime.WasmAssertions.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Float ↔ integer conversions: the trapping and saturating truncations and unsigned conversions
 * of {@link WasmMath}, plus the JVM instructions the compiler emits directly for the others
 * (promote, demote, signed saturating truncation, reinterpretation), whose spec semantics the
 * translation relies on. Expected values follow conversions.wast.
 */
class ConversionsTest {
    private static final String OVERFLOW = "integer overflow";
    private static final String INVALID = "invalid conversion to integer";

    private static final float F32_MIN_SUB = 0x1p-149f;
    private static final double F64_MIN_SUB = 0x0.0000000000001p-1022;

    @Nested
    class TrappingTruncationToI32 {
        @Test
        void f32Signed() {
            assertEquals(0, WasmMath.i32TruncF32S(0.0f));
            assertEquals(0, WasmMath.i32TruncF32S(-0.0f));
            assertEquals(0, WasmMath.i32TruncF32S(F32_MIN_SUB));
            assertEquals(0, WasmMath.i32TruncF32S(-F32_MIN_SUB));
            assertEquals(1, WasmMath.i32TruncF32S(0x1.19999ap+0f));
            assertEquals(1, WasmMath.i32TruncF32S(1.5f));
            assertEquals(-1, WasmMath.i32TruncF32S(-1.9f));
            assertEquals(-2, WasmMath.i32TruncF32S(-2.0f));
            // the largest float below 2^31, and -2^31 itself: just inside
            assertEquals(2147483520, WasmMath.i32TruncF32S(Math.nextDown(2147483648f)));
            assertEquals(Integer.MIN_VALUE, WasmMath.i32TruncF32S(-2147483648f));
            // 2^31 and the float below -2^31: just outside
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32S(2147483648f));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32S(-2147483904f));
            assertEquals(-2147483904f, Math.nextDown(-2147483648f));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32S(Float.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32S(Float.NEGATIVE_INFINITY));
        }

        @Test
        void f32Unsigned() {
            assertEquals(0, WasmMath.i32TruncF32U(0.0f));
            assertEquals(0, WasmMath.i32TruncF32U(-0.0f));
            assertEquals(0, WasmMath.i32TruncF32U(-F32_MIN_SUB));
            assertEquals(1, WasmMath.i32TruncF32U(1.9f));
            assertEquals(0x80000000, WasmMath.i32TruncF32U(2147483648f));
            assertEquals(-256, WasmMath.i32TruncF32U(4294967040f)); // largest float below 2^32
            assertEquals(4294967040f, Math.nextDown(4294967296f));
            // (-1, 0) truncates to zero: inside the range
            assertEquals(0, WasmMath.i32TruncF32U(-0x1.ccccccp-1f));
            assertEquals(0, WasmMath.i32TruncF32U(-0x1.fffffep-1f));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32U(4294967296f));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32U(-1.0f));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32U(Float.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF32U(Float.NEGATIVE_INFINITY));
        }

        @Test
        void f64Signed() {
            assertEquals(0, WasmMath.i32TruncF64S(-0.0));
            assertEquals(0, WasmMath.i32TruncF64S(F64_MIN_SUB));
            assertEquals(0, WasmMath.i32TruncF64S(-F64_MIN_SUB));
            assertEquals(-1, WasmMath.i32TruncF64S(-0x1.199999999999ap+0));
            assertEquals(Integer.MAX_VALUE, WasmMath.i32TruncF64S(2147483647.0));
            assertEquals(Integer.MAX_VALUE, WasmMath.i32TruncF64S(2147483647.9));
            assertEquals(Integer.MAX_VALUE, WasmMath.i32TruncF64S(Math.nextDown(2147483648.0)));
            assertEquals(Integer.MIN_VALUE, WasmMath.i32TruncF64S(-2147483648.0));
            assertEquals(Integer.MIN_VALUE, WasmMath.i32TruncF64S(-2147483648.9));
            assertEquals(Integer.MIN_VALUE, WasmMath.i32TruncF64S(Math.nextUp(-2147483649.0)));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64S(2147483648.0));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64S(-2147483649.0));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64S(Double.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64S(Double.NEGATIVE_INFINITY));
        }

        @Test
        void f64Unsigned() {
            assertEquals(0, WasmMath.i32TruncF64U(-0.0));
            assertEquals(0, WasmMath.i32TruncF64U(-0.9));
            assertEquals(0, WasmMath.i32TruncF64U(-0x1.fffffffffffffp-1));
            assertEquals(100000000, WasmMath.i32TruncF64U(1e8));
            assertEquals(0x80000000, WasmMath.i32TruncF64U(2147483648.0));
            assertEquals(-1, WasmMath.i32TruncF64U(4294967295.0));
            assertEquals(-1, WasmMath.i32TruncF64U(4294967295.9));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(4294967296.0));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(-1.0));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(1e16));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(9223372036854775808.0));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(Double.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i32TruncF64U(Double.NEGATIVE_INFINITY));
        }

        @Test
        void everyNanIsAnInvalidConversionNotAnOverflow() {
            for (int nan : F32_ALL_NANS) {
                assertTrap(INVALID, () -> WasmMath.i32TruncF32S(f32(nan)));
                assertTrap(INVALID, () -> WasmMath.i32TruncF32U(f32(nan)));
            }
            for (long nan : F64_ALL_NANS) {
                assertTrap(INVALID, () -> WasmMath.i32TruncF64S(f64(nan)));
                assertTrap(INVALID, () -> WasmMath.i32TruncF64U(f64(nan)));
            }
        }
    }

    @Nested
    class TrappingTruncationToI64 {
        @Test
        void f32Signed() {
            assertEquals(0, WasmMath.i64TruncF32S(-0.0f));
            assertEquals(0, WasmMath.i64TruncF32S(-F32_MIN_SUB));
            assertEquals(-1, WasmMath.i64TruncF32S(-1.5f));
            assertEquals(4294967296L, WasmMath.i64TruncF32S(4294967296f));
            assertEquals(-4294967296L, WasmMath.i64TruncF32S(-4294967296f));
            assertEquals(9223371487098961920L, WasmMath.i64TruncF32S(Math.nextDown(9223372036854775808f)));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncF32S(-9223372036854775808f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32S(9223372036854775808f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32S(-9223373136366403584f));
            assertEquals(-9223373136366403584f, Math.nextDown(-9223372036854775808f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32S(Float.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32S(Float.NEGATIVE_INFINITY));
        }

        @Test
        void f32Unsigned() {
            assertEquals(0, WasmMath.i64TruncF32U(-0.0f));
            assertEquals(0, WasmMath.i64TruncF32U(-0x1.fffffep-1f));
            assertEquals(1, WasmMath.i64TruncF32U(1.5f));
            assertEquals(4294967296L, WasmMath.i64TruncF32U(4294967296f));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncF32U(9223372036854775808f)); // 2^63: top bit
            assertEquals(-1099511627776L, WasmMath.i64TruncF32U(18446742974197923840f)); // below 2^64
            assertEquals(18446742974197923840f, Math.nextDown(18446744073709551616f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32U(18446744073709551616f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32U(-1.0f));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32U(Float.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF32U(Float.NEGATIVE_INFINITY));
        }

        @Test
        void f64Signed() {
            assertEquals(0, WasmMath.i64TruncF64S(-0.0));
            assertEquals(-2, WasmMath.i64TruncF64S(-2.0));
            assertEquals(9223372036854774784L, WasmMath.i64TruncF64S(Math.nextDown(9223372036854775808.0)));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncF64S(-9223372036854775808.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64S(9223372036854775808.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64S(-9223372036854777856.0));
            assertEquals(-9223372036854777856.0, Math.nextDown(-9223372036854775808.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64S(Double.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64S(Double.NEGATIVE_INFINITY));
        }

        @Test
        void f64Unsigned() {
            assertEquals(0, WasmMath.i64TruncF64U(-0.0));
            assertEquals(0, WasmMath.i64TruncF64U(-0x1.ccccccccccccdp-1));
            assertEquals(0xFFFFFFFFL, WasmMath.i64TruncF64U(4294967295.0));
            assertEquals(0x100000000L, WasmMath.i64TruncF64U(4294967296.0));
            assertEquals(10000000000000000L, WasmMath.i64TruncF64U(1e16));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncF64U(9223372036854775808.0));
            // just above 2^63: the path that subtracts 2^63 and sets the top bit
            assertEquals(0x8000000000000800L, WasmMath.i64TruncF64U(Math.nextUp(9223372036854775808.0)));
            assertEquals(-2048L, WasmMath.i64TruncF64U(18446744073709549568.0)); // largest double below 2^64
            assertEquals(18446744073709549568.0, Math.nextDown(18446744073709551616.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64U(18446744073709551616.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64U(-1.0));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64U(Double.POSITIVE_INFINITY));
            assertTrap(OVERFLOW, () -> WasmMath.i64TruncF64U(Double.NEGATIVE_INFINITY));
        }

        @Test
        void everyNanIsAnInvalidConversionNotAnOverflow() {
            for (int nan : F32_ALL_NANS) {
                assertTrap(INVALID, () -> WasmMath.i64TruncF32S(f32(nan)));
                assertTrap(INVALID, () -> WasmMath.i64TruncF32U(f32(nan)));
            }
            for (long nan : F64_ALL_NANS) {
                assertTrap(INVALID, () -> WasmMath.i64TruncF64S(f64(nan)));
                assertTrap(INVALID, () -> WasmMath.i64TruncF64U(f64(nan)));
            }
        }
    }

    @Nested
    class SaturatingUnsignedTruncation {
        @Test
        void toI32FromF32() {
            assertEquals(0, WasmMath.i32TruncSatF32U(0.0f));
            assertEquals(0, WasmMath.i32TruncSatF32U(-0.0f));
            assertEquals(0, WasmMath.i32TruncSatF32U(F32_MIN_SUB));
            assertEquals(0, WasmMath.i32TruncSatF32U(-0x1.fffffep-1f));
            assertEquals(1, WasmMath.i32TruncSatF32U(1.9f));
            assertEquals(0x80000000, WasmMath.i32TruncSatF32U(2147483648f));
            assertEquals(-256, WasmMath.i32TruncSatF32U(4294967040f));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF32U(4294967296f));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF32U(Float.POSITIVE_INFINITY));
            assertEquals(0, WasmMath.i32TruncSatF32U(-1.0f));
            assertEquals(0, WasmMath.i32TruncSatF32U(Float.NEGATIVE_INFINITY));
        }

        @Test
        void toI32FromF64() {
            assertEquals(0, WasmMath.i32TruncSatF64U(-0.0));
            assertEquals(0, WasmMath.i32TruncSatF64U(F64_MIN_SUB));
            assertEquals(100000000, WasmMath.i32TruncSatF64U(1e8));
            assertEquals(0x80000000, WasmMath.i32TruncSatF64U(2147483648.0));
            assertEquals(-1, WasmMath.i32TruncSatF64U(4294967295.0));
            assertEquals(-1, WasmMath.i32TruncSatF64U(4294967295.9));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF64U(4294967296.0));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF64U(1e16));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF64U(9223372036854775808.0));
            assertEquals(0xFFFFFFFF, WasmMath.i32TruncSatF64U(Double.POSITIVE_INFINITY));
            assertEquals(0, WasmMath.i32TruncSatF64U(-1.0));
            assertEquals(0, WasmMath.i32TruncSatF64U(Double.NEGATIVE_INFINITY));
        }

        @Test
        void toI64FromF32() {
            assertEquals(0, WasmMath.i64TruncSatF32U(-0.0f));
            assertEquals(0, WasmMath.i64TruncSatF32U(-0x1.ccccccp-1f));
            assertEquals(4294967296L, WasmMath.i64TruncSatF32U(4294967296f));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncSatF32U(9223372036854775808f));
            assertEquals(-1099511627776L, WasmMath.i64TruncSatF32U(18446742974197923840f));
            assertEquals(-1L, WasmMath.i64TruncSatF32U(18446744073709551616f));
            assertEquals(-1L, WasmMath.i64TruncSatF32U(Float.POSITIVE_INFINITY));
            assertEquals(0, WasmMath.i64TruncSatF32U(-1.0f));
            assertEquals(0, WasmMath.i64TruncSatF32U(Float.NEGATIVE_INFINITY));
        }

        @Test
        void toI64FromF64() {
            assertEquals(0, WasmMath.i64TruncSatF64U(-0.0));
            assertEquals(0xFFFFFFFFL, WasmMath.i64TruncSatF64U(4294967295.0));
            assertEquals(10000000000000000L, WasmMath.i64TruncSatF64U(1e16));
            assertEquals(Long.MIN_VALUE, WasmMath.i64TruncSatF64U(9223372036854775808.0));
            assertEquals(-2048L, WasmMath.i64TruncSatF64U(18446744073709549568.0));
            assertEquals(-1L, WasmMath.i64TruncSatF64U(18446744073709551616.0));
            assertEquals(-1L, WasmMath.i64TruncSatF64U(Double.POSITIVE_INFINITY));
            assertEquals(0, WasmMath.i64TruncSatF64U(-1.0));
            assertEquals(0, WasmMath.i64TruncSatF64U(Double.NEGATIVE_INFINITY));
        }

        @Test
        void nanIsZero() {
            for (int nan : F32_ALL_NANS) {
                assertEquals(0, WasmMath.i32TruncSatF32U(f32(nan)));
                assertEquals(0, WasmMath.i64TruncSatF32U(f32(nan)));
            }
            for (long nan : F64_ALL_NANS) {
                assertEquals(0, WasmMath.i32TruncSatF64U(f64(nan)));
                assertEquals(0, WasmMath.i64TruncSatF64U(f64(nan)));
            }
        }
    }

    /**
     * The signed saturating truncations are the JVM's own f2i/f2l/d2i/d2l: these pin the
     * behaviour the compiler relies on (clamp, NaN → 0) against conversions.wast.
     */
    @Nested
    class SaturatingSignedTruncationIsTheJvmsCast {
        @Test
        void clampsAndMapsNanToZero() {
            assertEquals(2147483520, (int) f32(bits(2147483520f)));
            assertEquals(0x7FFFFFFF, (int) f32(bits(2147483648f)));
            assertEquals(0x80000000, (int) f32(bits(-2147483904f)));
            assertEquals(0x7FFFFFFF, (int) f32(bits(Float.POSITIVE_INFINITY)));
            assertEquals(0x80000000, (int) f32(bits(Float.NEGATIVE_INFINITY)));
            assertEquals(0x7FFFFFFF, (int) f64(bits(2147483648.0)));
            assertEquals(0x80000000, (int) f64(bits(-2147483649.0)));
            assertEquals(0x7FFFFFFFFFFFFFFFL, (long) f32(bits(9223372036854775808f)));
            assertEquals(0x8000000000000000L, (long) f32(bits(-9223373136366403584f)));
            assertEquals(0x7FFFFFFFFFFFFFFFL, (long) f64(bits(9223372036854775808.0)));
            assertEquals(0x8000000000000000L, (long) f64(bits(-9223372036854777856.0)));
            assertEquals(-1, (int) f32(bits(-1.9f)));
            for (int nan : F32_ALL_NANS) {
                assertEquals(0, (int) f32(nan));
                assertEquals(0L, (long) f32(nan));
            }
            for (long nan : F64_ALL_NANS) {
                assertEquals(0, (int) f64(nan));
                assertEquals(0L, (long) f64(nan));
            }
        }
    }

    @Nested
    class UnsignedConversionToFloat {
        @Test
        void i32ToF32RoundsToNearestEven() {
            assertF32(0.0f, WasmMath.f32ConvertI32U(0));
            assertF32(1.0f, WasmMath.f32ConvertI32U(1));
            assertF32(2147483648f, WasmMath.f32ConvertI32U(Integer.MAX_VALUE));
            assertF32(2147483648f, WasmMath.f32ConvertI32U(Integer.MIN_VALUE));
            assertF32(0x1.234568p+28f, WasmMath.f32ConvertI32U(0x12345678));
            assertF32(4294967296f, WasmMath.f32ConvertI32U(0xFFFFFFFF));
            assertF32(0x1.000000p+31f, WasmMath.f32ConvertI32U(0x80000080)); // tie: to even
            assertF32(0x1.000002p+31f, WasmMath.f32ConvertI32U(0x80000081));
            assertF32(0x1.000002p+31f, WasmMath.f32ConvertI32U(0x80000082));
            assertF32(0x1.fffffcp+31f, WasmMath.f32ConvertI32U(0xFFFFFE80));
            assertF32(0x1.fffffep+31f, WasmMath.f32ConvertI32U(0xFFFFFE81));
            assertF32(0x1.fffffep+31f, WasmMath.f32ConvertI32U(0xFFFFFE82));
            assertF32(16777216f, WasmMath.f32ConvertI32U(16777217));
            assertF32(16777220f, WasmMath.f32ConvertI32U(16777219));
        }

        @Test
        void i32ToF64IsExact() {
            assertF64(0.0, WasmMath.f64ConvertI32U(0));
            assertF64(2147483647.0, WasmMath.f64ConvertI32U(Integer.MAX_VALUE));
            assertF64(2147483648.0, WasmMath.f64ConvertI32U(Integer.MIN_VALUE));
            assertF64(4294967295.0, WasmMath.f64ConvertI32U(-1));
        }

        @Test
        void i64ToF32() {
            assertF32(0.0f, WasmMath.f32ConvertI64U(0));
            assertF32(1.0f, WasmMath.f32ConvertI64U(1));
            assertF32(9223372036854775807f, WasmMath.f32ConvertI64U(Long.MAX_VALUE));
            assertF32(9223372036854775808f, WasmMath.f32ConvertI64U(Long.MIN_VALUE));
            assertF32(18446744073709551616f, WasmMath.f32ConvertI64U(-1L));
            assertF32(16777216f, WasmMath.f32ConvertI64U(16777217));
            assertF32(16777220f, WasmMath.f32ConvertI64U(16777219));
            assertF32(0x1.000002p+53f, WasmMath.f32ConvertI64U(0x0020000020000001L));
            assertF32(0x1.fffffep+62f, WasmMath.f32ConvertI64U(0x7FFFFFBFFFFFFFFFL));
            assertF32(0x1.fffffep+63f, WasmMath.f32ConvertI64U(0xFFFFFE8000000001L));
        }

        @Test
        void i64ToF32KeepsTheBitLostByHalvingSticky() {
            // 2^63 + 2^39 + 1: just above the midpoint between 2^63 and the next float (2^63 + 2^40).
            // Halving without a sticky bit would drop the +1 and make it an exact tie (→ 2^63).
            assertF32(0x1.000002p+63f, WasmMath.f32ConvertI64U(0x8000008000000001L));
            // the exact tie rounds to even
            assertF32(0x1p63f, WasmMath.f32ConvertI64U(0x8000008000000000L));
            assertF32(0x1.000004p+63f, WasmMath.f32ConvertI64U(0x8000018000000000L));
            assertF32(0x1.000002p+63f, WasmMath.f32ConvertI64U(0x8000017FFFFFFFFFL));
        }

        @Test
        void i64ToF64() {
            assertF64(0.0, WasmMath.f64ConvertI64U(0));
            assertF64(9223372036854775807.0, WasmMath.f64ConvertI64U(Long.MAX_VALUE));
            assertF64(9223372036854775808.0, WasmMath.f64ConvertI64U(Long.MIN_VALUE));
            assertF64(18446744073709551616.0, WasmMath.f64ConvertI64U(-1L));
            assertF64(9007199254740992.0, WasmMath.f64ConvertI64U(9007199254740993L));
            assertF64(9007199254740996.0, WasmMath.f64ConvertI64U(9007199254740995L));
            assertF64(0x1.0000000000000p+63, WasmMath.f64ConvertI64U(0x8000000000000400L)); // tie: to even
            assertF64(0x1.0000000000001p+63, WasmMath.f64ConvertI64U(0x8000000000000401L)); // sticky bit
            assertF64(0x1.0000000000001p+63, WasmMath.f64ConvertI64U(0x8000000000000402L));
            assertF64(0x1.0000000000002p+63, WasmMath.f64ConvertI64U(0x8000000000000C00L)); // tie: to even, upward
            assertF64(0x1.ffffffffffffep+63, WasmMath.f64ConvertI64U(0xFFFFFFFFFFFFF400L));
            assertF64(0x1.fffffffffffffp+63, WasmMath.f64ConvertI64U(0xFFFFFFFFFFFFF401L));
            assertF64(0x1.fffffffffffffp+63, WasmMath.f64ConvertI64U(0xFFFFFFFFFFFFF402L));
        }

        @Test
        void i64ToFloatAgreesWithExactRoundingOverTheUpperHalf() {
            // Reference: exact BigDecimal value rounded by the JDK's correctly rounded parser.
            long[] samples = {0x8000000000000001L, 0x8000004000000000L, 0x80000040000000FFL, 0xC00000C000000000L,
                    0xC00000C000000001L, 0xFFFFFF7FFFFFFFFFL, 0xFFFFFF8000000000L, 0xFFFFFFFFFFFFFBFFL,
                    0xFFFFFFFFFFFFFC00L, 0xFFFFFFFFFFFFFC01L, 0x9E3779B97F4A7C15L};
            for (long x : samples) {
                String exact = Long.toUnsignedString(x);
                assertF32(Float.parseFloat(exact), WasmMath.f32ConvertI64U(x));
                assertF64(Double.parseDouble(exact), WasmMath.f64ConvertI64U(x));
            }
        }
    }

    /**
     * f64.promote_f32 and f32.demote_f64 are the JVM's f2d and d2f; the spec wants a canonical NaN
     * from a canonical one and an arithmetic (quiet) NaN from any other.
     */
    @Nested
    class PromoteAndDemoteAreTheJvmsCasts {
        @Test
        void promote() {
            assertF64(-0.0, (double) f32(bits(-0.0f)));
            assertF64(0x1p-149, (double) f32(bits(0x1p-149f)));
            assertF64(0x1.fffffep+127, (double) f32(bits(Float.MAX_VALUE)));
            assertF64(Double.NEGATIVE_INFINITY, (double) f32(bits(Float.NEGATIVE_INFINITY)));
            assertCanonicalNan((double) f32(F32_NAN));
            assertCanonicalNan((double) f32(F32_NEG_NAN));
            assertArithmeticNan((double) f32(F32_SNAN));
            assertArithmeticNan((double) f32(F32_NEG_SNAN));
        }

        @Test
        void demote() {
            assertF32(-0.0f, (float) f64(bits(-0x0.0000000000001p-1022)));
            assertF32(0x1p-126f, (float) f64(bits(0x1.fffffe0000000p-127)));
            assertF32(0x1.fffffcp-127f, (float) f64(bits(0x1.fffffdfffffffp-127)));
            assertF32(0x1.fffffep+127f, (float) f64(bits(0x1.fffffefffffffp+127)));
            assertF32(Float.POSITIVE_INFINITY, (float) f64(bits(0x1.ffffffp+127)));
            assertF32(0.0f, (float) f64(bits(0x1.0p-150))); // tie at the bottom: to even (zero)
            assertF32(0x1p-149f, (float) f64(bits(0x1.0000000000001p-150)));
            assertF32(0x1.000000p+0f, (float) f64(bits(0x1.0000010000000p+0)));
            assertF32(0x1.000004p+0f, (float) f64(bits(0x1.0000030000000p+0)));
            assertCanonicalNan((float) f64(F64_NAN));
            assertCanonicalNan((float) f64(F64_NEG_NAN));
            assertArithmeticNan((float) f64(F64_SNAN));
            assertArithmeticNan((float) f64(F64_NEG_SNAN));
        }
    }

    /** i32.reinterpret_f32 and friends are the raw bit conversions: every NaN payload survives. */
    @Nested
    class ReinterpretKeepsBits {
        @Test
        void f32BitsRoundTrip() {
            for (int b : new int[] {F32_NAN, F32_NEG_NAN, F32_SNAN, F32_NEG_SNAN, 0x7F800001, 0xFFFFFFFF, 0x80000000, 1}) {
                assertEquals(b, Float.floatToRawIntBits(Float.intBitsToFloat(b)), () -> Integer.toHexString(b));
                assertF32Bits(b, Float.intBitsToFloat(b));
            }
        }

        @Test
        void f64BitsRoundTrip() {
            for (long b : new long[] {F64_NAN, F64_NEG_NAN, F64_SNAN, F64_NEG_SNAN, 0x7FF0000000000001L, -1L,
                    0x8000000000000000L, 1L}) {
                assertEquals(b, Double.doubleToRawLongBits(Double.longBitsToDouble(b)), () -> Long.toHexString(b));
                assertF64Bits(b, Double.longBitsToDouble(b));
            }
        }
    }
}
