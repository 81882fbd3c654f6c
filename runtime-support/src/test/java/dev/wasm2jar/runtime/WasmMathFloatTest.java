package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.F32_ALL_NANS;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NEG_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F32_QNAN_PAYLOAD;
import static dev.wasm2jar.runtime.WasmAssertions.F32_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_ALL_NANS;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_NAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_QNAN_PAYLOAD;
import static dev.wasm2jar.runtime.WasmAssertions.F64_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.assertCanonicalNan;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertNanResult;
import static dev.wasm2jar.runtime.WasmAssertions.bits;
import static dev.wasm2jar.runtime.WasmAssertions.f32;
import static dev.wasm2jar.runtime.WasmAssertions.f64;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The float operations of {@link WasmMath} whose NaN and signed-zero behaviour the spec fixes.
 * Results are compared as bit patterns. Expected values follow f32.wast, f64.wast,
 * f32_bitwise.wast, f64_bitwise.wast and float_misc.wast.
 */
class WasmMathFloatTest {
    private static final float[] F32_NON_NANS = {0.0f, -0.0f, 0x1p-149f, -0x1p-149f, 0x1p-126f, 0.5f, -0.5f, 1.0f,
            -1.0f, 6.2831855f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    private static final double[] F64_NON_NANS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0.5,
            -0.5, 1.0, -1.0, 6.283185307179586, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};

    /** abs, neg and copysign are bit operations: they keep every NaN payload, signaling ones included. */
    @Nested
    class SignBitOperations {
        @Test
        void absClearsOnlyTheSignBit() {
            assertF32Bits(0, WasmMath.f32Abs(-0.0f));
            assertF32(Float.POSITIVE_INFINITY, WasmMath.f32Abs(Float.NEGATIVE_INFINITY));
            assertF32(0x1p-149f, WasmMath.f32Abs(-0x1p-149f));
            assertF32Bits(F32_SNAN, WasmMath.f32Abs(f32(F32_NEG_SNAN)));
            assertF32Bits(F32_SNAN, WasmMath.f32Abs(f32(F32_SNAN)));
            assertF32Bits(F32_NAN, WasmMath.f32Abs(f32(F32_NEG_NAN)));
            assertF32Bits(0x7FFFFFFF, WasmMath.f32Abs(f32(0xFFFFFFFF)));
            assertF64Bits(0L, WasmMath.f64Abs(-0.0));
            assertF64(Double.MAX_VALUE, WasmMath.f64Abs(-Double.MAX_VALUE));
            assertF64Bits(F64_SNAN, WasmMath.f64Abs(f64(F64_NEG_SNAN)));
            assertF64Bits(F64_NAN, WasmMath.f64Abs(f64(F64_NEG_NAN)));
            assertF64Bits(0x7FFFFFFFFFFFFFFFL, WasmMath.f64Abs(f64(-1L)));
        }

        @Test
        void negFlipsOnlyTheSignBit() {
            assertF32Bits(0x80000000, WasmMath.f32Neg(0.0f));
            assertF32Bits(0, WasmMath.f32Neg(-0.0f));
            assertF32(-1.0f, WasmMath.f32Neg(1.0f));
            assertF32Bits(F32_NEG_SNAN, WasmMath.f32Neg(f32(F32_SNAN)));
            assertF32Bits(F32_SNAN, WasmMath.f32Neg(f32(F32_NEG_SNAN)));
            assertF32Bits(0xFFC12345, WasmMath.f32Neg(f32(F32_QNAN_PAYLOAD)));
            assertF64Bits(0x8000000000000000L, WasmMath.f64Neg(0.0));
            assertF64Bits(0L, WasmMath.f64Neg(-0.0));
            assertF64Bits(F64_NEG_SNAN, WasmMath.f64Neg(f64(F64_SNAN)));
            assertF64Bits(0xFFF8000000012345L, WasmMath.f64Neg(f64(F64_QNAN_PAYLOAD)));
        }

        @Test
        void copysignTakesTheSignBitEvenOfZeroAndNan() {
            assertF32(-1.0f, WasmMath.f32Copysign(1.0f, -0.0f));
            assertF32(1.0f, WasmMath.f32Copysign(-1.0f, 0.0f));
            assertF32(-0.0f, WasmMath.f32Copysign(0.0f, f32(F32_NEG_NAN)));
            assertF32(0x1p-149f, WasmMath.f32Copysign(-0x1p-149f, f32(F32_NAN)));
            assertF32(Float.NEGATIVE_INFINITY, WasmMath.f32Copysign(Float.POSITIVE_INFINITY, -2.0f));
            assertF32Bits(F32_NEG_SNAN, WasmMath.f32Copysign(f32(F32_SNAN), -1.0f));
            assertF32Bits(F32_SNAN, WasmMath.f32Copysign(f32(F32_NEG_SNAN), f32(F32_SNAN)));
            assertF32Bits(0xFFC12345, WasmMath.f32Copysign(f32(F32_QNAN_PAYLOAD), f32(F32_NEG_SNAN)));
            assertF64(-1.0, WasmMath.f64Copysign(1.0, -0.0));
            assertF64(1.0, WasmMath.f64Copysign(-1.0, f64(F64_NAN)));
            assertF64(-Double.MIN_VALUE, WasmMath.f64Copysign(Double.MIN_VALUE, f64(F64_NEG_NAN)));
            assertF64Bits(F64_NEG_SNAN, WasmMath.f64Copysign(f64(F64_SNAN), -0.0));
            assertF64Bits(0x7FF8000000012345L, WasmMath.f64Copysign(f64(0xFFF8000000012345L), 1.0));
        }
    }

    @Nested
    class MinAndMax {
        @Test
        void signedZerosAreOrdered() {
            assertF32(-0.0f, WasmMath.f32Min(-0.0f, 0.0f));
            assertF32(-0.0f, WasmMath.f32Min(0.0f, -0.0f));
            assertF32(0.0f, WasmMath.f32Max(-0.0f, 0.0f));
            assertF32(0.0f, WasmMath.f32Max(0.0f, -0.0f));
            assertF64(-0.0, WasmMath.f64Min(-0.0, 0.0));
            assertF64(-0.0, WasmMath.f64Min(0.0, -0.0));
            assertF64(0.0, WasmMath.f64Max(-0.0, 0.0));
            assertF64(0.0, WasmMath.f64Max(0.0, -0.0));
        }

        @Test
        void ordinaryValues() {
            assertF32(-1.0f, WasmMath.f32Min(1.0f, -1.0f));
            assertF32(1.0f, WasmMath.f32Max(1.0f, -1.0f));
            assertF32(Float.NEGATIVE_INFINITY, WasmMath.f32Min(Float.NEGATIVE_INFINITY, -Float.MAX_VALUE));
            assertF32(Float.POSITIVE_INFINITY, WasmMath.f32Max(Float.MAX_VALUE, Float.POSITIVE_INFINITY));
            assertF32(-0x1p-149f, WasmMath.f32Min(-0x1p-149f, -0.0f));
            assertF32(0x1p-149f, WasmMath.f32Max(0.0f, 0x1p-149f));
            assertF64(-1.0, WasmMath.f64Min(-1.0, 1.0));
            assertF64(1.0, WasmMath.f64Max(-1.0, 1.0));
            assertF64(-Double.MIN_VALUE, WasmMath.f64Min(-0.0, -Double.MIN_VALUE));
            assertF64(Double.POSITIVE_INFINITY, WasmMath.f64Max(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        }

        @Test
        void anyNanOperandGivesANanCanonicalOnlyFromCanonicalOnes() {
            for (int nan : F32_ALL_NANS) {
                for (float x : F32_NON_NANS) {
                    assertNanResult(WasmMath.f32Min(f32(nan), x), nan);
                    assertNanResult(WasmMath.f32Min(x, f32(nan)), nan);
                    assertNanResult(WasmMath.f32Max(f32(nan), x), nan);
                    assertNanResult(WasmMath.f32Max(x, f32(nan)), nan);
                }
                for (int other : F32_ALL_NANS) {
                    assertNanResult(WasmMath.f32Min(f32(nan), f32(other)), nan, other);
                    assertNanResult(WasmMath.f32Max(f32(nan), f32(other)), nan, other);
                }
            }
            for (long nan : F64_ALL_NANS) {
                for (double x : F64_NON_NANS) {
                    assertNanResult(WasmMath.f64Min(f64(nan), x), nan);
                    assertNanResult(WasmMath.f64Min(x, f64(nan)), nan);
                    assertNanResult(WasmMath.f64Max(f64(nan), x), nan);
                    assertNanResult(WasmMath.f64Max(x, f64(nan)), nan);
                }
                for (long other : F64_ALL_NANS) {
                    assertNanResult(WasmMath.f64Min(f64(nan), f64(other)), nan, other);
                    assertNanResult(WasmMath.f64Max(f64(nan), f64(other)), nan, other);
                }
            }
        }
    }

    @Nested
    class Rounding {
        @Test
        void nearestTiesToEven() {
            assertF32(0.0f, WasmMath.f32Nearest(0.5f));
            assertF32(-0.0f, WasmMath.f32Nearest(-0.5f));
            assertF32(2.0f, WasmMath.f32Nearest(1.5f));
            assertF32(2.0f, WasmMath.f32Nearest(2.5f));
            assertF32(-2.0f, WasmMath.f32Nearest(-1.5f));
            assertF32(-2.0f, WasmMath.f32Nearest(-2.5f));
            assertF32(4.0f, WasmMath.f32Nearest(4.5f));
            assertF32(-4.0f, WasmMath.f32Nearest(-4.5f));
            assertF32(-4.0f, WasmMath.f32Nearest(-3.5f));
            assertF32(0.0f, WasmMath.f32Nearest(0x1.fffffep-2f)); // just below one half
            assertF32(1.0f, WasmMath.f32Nearest(0x1.000002p-1f)); // just above one half
            assertF32(6.0f, WasmMath.f32Nearest(0x1.921fb6p+2f));
            assertF64(0.0, WasmMath.f64Nearest(0.5));
            assertF64(-0.0, WasmMath.f64Nearest(-0.5));
            assertF64(4.0, WasmMath.f64Nearest(4.5));
            assertF64(-4.0, WasmMath.f64Nearest(-4.5));
            assertF64(-4.0, WasmMath.f64Nearest(-3.5));
            assertF64(0.0, WasmMath.f64Nearest(0x1.fffffffffffffp-2));
        }

        @Test
        void nearestKeepsTheSignOfZeroAndTinyValues() {
            assertF32(-0.0f, WasmMath.f32Nearest(-0.0f));
            assertF32(0.0f, WasmMath.f32Nearest(0.0f));
            assertF32(-0.0f, WasmMath.f32Nearest(-0x1p-149f));
            assertF32(0.0f, WasmMath.f32Nearest(0x1p-149f));
            assertF32(-0.0f, WasmMath.f32Nearest(-0x1p-126f));
            assertF64(-0.0, WasmMath.f64Nearest(-0.0));
            assertF64(-0.0, WasmMath.f64Nearest(-Double.MIN_VALUE));
            assertF64(-0.0, WasmMath.f64Nearest(-0.25));
        }

        @Test
        void nearestOfHugeValuesIsTheValue() {
            // at and above 2^23 (f32) / 2^52 (f64) every float is an integer
            assertF32(0x1p+23f, WasmMath.f32Nearest(0x1.fffffep+22f)); // 8388607.5: tie, to even
            assertF32(-0x1p+23f, WasmMath.f32Nearest(-0x1.fffffep+22f));
            assertF32(0x1.000002p+23f, WasmMath.f32Nearest(0x1.000002p+23f));
            assertF32(0x1.000004p+23f, WasmMath.f32Nearest(0x1.000004p+23f));
            assertF32(0x1.fffffep+47f, WasmMath.f32Nearest(0x1.fffffep+47f));
            assertF32(Float.MAX_VALUE, WasmMath.f32Nearest(Float.MAX_VALUE));
            assertF32(-Float.MAX_VALUE, WasmMath.f32Nearest(-Float.MAX_VALUE));
            assertF32(Float.NEGATIVE_INFINITY, WasmMath.f32Nearest(Float.NEGATIVE_INFINITY));
            assertF64(0x1p+52, WasmMath.f64Nearest(0x1.fffffffffffffp+51));
            assertF64(-0x1p+52, WasmMath.f64Nearest(-0x1.fffffffffffffp+51));
            assertF64(0x1.0000000000001p+52, WasmMath.f64Nearest(0x1.0000000000001p+52));
            assertF64(0x1.fffffffffffffp+105, WasmMath.f64Nearest(0x1.fffffffffffffp+105));
            assertF64(Double.MAX_VALUE, WasmMath.f64Nearest(Double.MAX_VALUE));
            assertF64(Double.POSITIVE_INFINITY, WasmMath.f64Nearest(Double.POSITIVE_INFINITY));
        }

        @Test
        void ceilFloorTruncAtZeroAndHalves() {
            assertF32(-0.0f, WasmMath.f32Ceil(-0.5f));
            assertF32(-0.0f, WasmMath.f32Ceil(-0x1p-149f));
            assertF32(1.0f, WasmMath.f32Ceil(0x1p-149f));
            assertF32(-1.0f, WasmMath.f32Ceil(-1.5f));
            assertF32(-0.0f, WasmMath.f32Ceil(-0.0f));
            assertF32(0.0f, WasmMath.f32Floor(0.5f));
            assertF32(-1.0f, WasmMath.f32Floor(-0x1p-149f));
            assertF32(-0.0f, WasmMath.f32Floor(-0.0f));
            assertF32(1.0f, WasmMath.f32Floor(1.5f));
            assertF32(-0.0f, WasmMath.f32Trunc(-0.5f));
            assertF32(-0.0f, WasmMath.f32Trunc(-0x1p-149f));
            assertF32(0.0f, WasmMath.f32Trunc(0.9f));
            assertF32(-1.0f, WasmMath.f32Trunc(-1.9f));
            assertF32(-0.0f, WasmMath.f32Trunc(-0.0f));
            assertF32(Float.MAX_VALUE, WasmMath.f32Ceil(Float.MAX_VALUE));
            assertF32(-Float.MAX_VALUE, WasmMath.f32Floor(-Float.MAX_VALUE));
            assertF32(Float.NEGATIVE_INFINITY, WasmMath.f32Trunc(Float.NEGATIVE_INFINITY));

            assertF64(-0.0, WasmMath.f64Ceil(-0.5));
            assertF64(-0.0, WasmMath.f64Ceil(-Double.MIN_VALUE));
            assertF64(1.0, WasmMath.f64Ceil(Double.MIN_VALUE));
            assertF64(0.0, WasmMath.f64Floor(0.5));
            assertF64(-1.0, WasmMath.f64Floor(-Double.MIN_VALUE));
            assertF64(-0.0, WasmMath.f64Floor(-0.0));
            assertF64(-0.0, WasmMath.f64Trunc(-0.5));
            assertF64(-1.0, WasmMath.f64Trunc(-1.9));
            assertF64(1.0, WasmMath.f64Trunc(1.9));
            assertF64(-0.0, WasmMath.f64Trunc(-0.0));
            assertF64(Double.MAX_VALUE, WasmMath.f64Trunc(Double.MAX_VALUE));
        }

        @Test
        void nearestMatchesExactHalfEvenRounding() {
            Random r = new Random(20261124);
            for (int i = 0; i < 5000; i++) {
                // magnitudes around the interesting range [2^-2, 2^24], both signs
                float x = Math.scalb(r.nextFloat() + 1f, r.nextInt(27) - 2) * (r.nextBoolean() ? 1 : -1);
                BigDecimal exact = new BigDecimal(x).setScale(0, RoundingMode.HALF_EVEN);
                float want = exact.signum() == 0 ? Math.copySign(0f, x) : exact.floatValue();
                assertF32(want, WasmMath.f32Nearest(x));
                double d = Math.scalb(r.nextDouble() + 1, r.nextInt(56) - 2) * (r.nextBoolean() ? 1 : -1);
                BigDecimal exactD = new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN);
                double wantD = exactD.signum() == 0 ? Math.copySign(0.0, d) : exactD.doubleValue();
                assertF64(wantD, WasmMath.f64Nearest(d));
            }
        }
    }

    @Nested
    class SquareRoot {
        @Test
        void f32SpecialValues() {
            assertF32(-0.0f, WasmMath.f32Sqrt(-0.0f));
            assertF32(0.0f, WasmMath.f32Sqrt(0.0f));
            assertF32(Float.POSITIVE_INFINITY, WasmMath.f32Sqrt(Float.POSITIVE_INFINITY));
            assertF32(0x1.6a09e6p-75f, WasmMath.f32Sqrt(0x1p-149f));
            assertF32(0x1.fffffep+63f, WasmMath.f32Sqrt(Float.MAX_VALUE));
            for (float negative : new float[] {-0x1p-149f, -1.0f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY}) {
                assertCanonicalNan(WasmMath.f32Sqrt(negative));
            }
        }

        @Test
        void f32RoundsOnceLikeIeee() {
            // float_misc.wast: cases where a sloppy sqrt rounds the wrong way
            assertF32(0x1.a2744cp+3f, WasmMath.f32Sqrt(0x1.56p+7f));
            assertF32(0x1.a4789cp-12f, WasmMath.f32Sqrt(0x1.594dfcp-23f));
            assertF32(0x1.70b23p-2f, WasmMath.f32Sqrt(0x1.098064p-3f));
            assertF32(0x1.5c4052p+50f, WasmMath.f32Sqrt(0x1.d9befp+100f));
            assertF32(0x1p+0f, WasmMath.f32Sqrt(0x1.000002p+0f));
            assertF32(0x1.000002p+0f, WasmMath.f32Sqrt(0x1.000004p+0f));
            assertF32(0x1.fffffep-1f, WasmMath.f32Sqrt(0x1.fffffcp-1f));
            assertF32(0x1.fffffcp-1f, WasmMath.f32Sqrt(0x1.fffffap-1f));
        }

        @Test
        void f32IsCorrectlyRoundedOnRandomInputs() {
            Random r = new Random(42);
            for (int i = 0; i < 5000; i++) {
                float x = Float.intBitsToFloat(1 + r.nextInt(0x7F7FFFFF)); // positive, finite, not zero
                float s = WasmMath.f32Sqrt(x);
                // s is correctly rounded iff x lies between the squares of the midpoints around s
                BigDecimal bx = new BigDecimal(x);
                BigDecimal lo = new BigDecimal(s).add(new BigDecimal(Math.nextDown(s))).divide(BigDecimal.valueOf(2));
                BigDecimal hi = new BigDecimal(s).add(new BigDecimal(Math.nextUp(s))).divide(BigDecimal.valueOf(2));
                assertTrue(lo.multiply(lo).compareTo(bx) <= 0 && bx.compareTo(hi.multiply(hi)) <= 0,
                        () -> "sqrt(" + Float.toHexString(x) + ") = " + Float.toHexString(s));
            }
        }
    }

    /** Every unary rounding op and min/max: a NaN operand gives a quiet NaN, canonical from canonical. */
    @Nested
    class NanPropagation {
        @Test
        void unaryF32() {
            for (int nan : F32_ALL_NANS) {
                assertNanResult(WasmMath.f32Ceil(f32(nan)), nan);
                assertNanResult(WasmMath.f32Floor(f32(nan)), nan);
                assertNanResult(WasmMath.f32Trunc(f32(nan)), nan);
                assertNanResult(WasmMath.f32Nearest(f32(nan)), nan);
                assertNanResult(WasmMath.f32Sqrt(f32(nan)), nan);
            }
        }

        @Test
        void unaryF64() {
            DoubleUnaryOperator[] ops = {WasmMath::f64Ceil, WasmMath::f64Floor, WasmMath::f64Trunc, WasmMath::f64Nearest,
                    Math::sqrt /* what the compiler emits for f64.sqrt */};
            for (long nan : F64_ALL_NANS) {
                for (DoubleUnaryOperator op : ops) {
                    assertNanResult(op.applyAsDouble(f64(nan)), nan);
                }
            }
        }

        @Test
        void signalingNanBecomesQuiet() {
            // the one case where passing the operand through unchanged would be wrong
            int quiet = bits(WasmMath.f32Ceil(f32(F32_SNAN)));
            assertTrue((quiet & 0x00400000) != 0, Integer.toHexString(quiet));
            long quietD = bits(WasmMath.f64Nearest(f64(F64_SNAN)));
            assertTrue((quietD & 0x0008000000000000L) != 0, Long.toHexString(quietD));
            DoubleBinaryOperator min = WasmMath::f64Min;
            long quietMin = bits(min.applyAsDouble(1.0, f64(F64_SNAN)));
            assertTrue((quietMin & 0x0008000000000000L) != 0, Long.toHexString(quietMin));
        }
    }
}
