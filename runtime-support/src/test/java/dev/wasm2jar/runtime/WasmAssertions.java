package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/**
 * Bit patterns and assertions shared by the runtime tests. Floats are compared by their raw bits
 * (as the spec test suite does), never with {@code ==}, so -0.0 and NaN payloads count.
 */
final class WasmAssertions {
    private WasmAssertions() {}

    // The spec's NaNs: "nan" is canonical (payload = quiet bit only), "nan:0x200000" / "nan:0x4000000000000"
    // a signaling NaN whose payload is the bit just below the quiet bit.
    static final int F32_NAN = 0x7FC00000;
    static final int F32_NEG_NAN = 0xFFC00000;
    static final int F32_SNAN = 0x7FA00000; // nan:0x200000
    static final int F32_NEG_SNAN = 0xFFA00000; // -nan:0x200000
    static final int F32_QNAN_PAYLOAD = 0x7FC12345; // quiet, non-canonical payload
    static final long F64_NAN = 0x7FF8000000000000L;
    static final long F64_NEG_NAN = 0xFFF8000000000000L;
    static final long F64_SNAN = 0x7FF4000000000000L; // nan:0x4000000000000
    static final long F64_NEG_SNAN = 0xFFF4000000000000L;
    static final long F64_QNAN_PAYLOAD = 0x7FF8000000012345L;

    static final int[] F32_ALL_NANS = {F32_NAN, F32_NEG_NAN, F32_SNAN, F32_NEG_SNAN, F32_QNAN_PAYLOAD, 0x7F800001, 0xFFFFFFFF};
    static final long[] F64_ALL_NANS = {F64_NAN, F64_NEG_NAN, F64_SNAN, F64_NEG_SNAN, F64_QNAN_PAYLOAD,
            0x7FF0000000000001L, 0xFFFFFFFFFFFFFFFFL};

    static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    static void assertF32(float expected, float actual) {
        assertF32Bits(bits(expected), actual);
    }

    static void assertF64(double expected, double actual) {
        assertF64Bits(bits(expected), actual);
    }

    static void assertF32Bits(int expectedBits, float actual) {
        int a = bits(actual);
        assertEquals(expectedBits, a, () -> "expected f32 0x" + Integer.toHexString(expectedBits) + " ("
                + f32(expectedBits) + "), got 0x" + Integer.toHexString(a) + " (" + actual + ")");
    }

    static void assertF64Bits(long expectedBits, double actual) {
        long a = bits(actual);
        assertEquals(expectedBits, a, () -> "expected f64 0x" + Long.toHexString(expectedBits) + " ("
                + f64(expectedBits) + "), got 0x" + Long.toHexString(a) + " (" + actual + ")");
    }

    /** The spec's nan:canonical: quiet bit only, either sign. */
    static void assertCanonicalNan(float actual) {
        int a = bits(actual);
        assertEquals(F32_NAN, a & 0x7FFFFFFF, () -> "expected canonical f32 NaN, got 0x" + Integer.toHexString(a));
    }

    static void assertCanonicalNan(double actual) {
        long a = bits(actual);
        assertEquals(F64_NAN, a & 0x7FFFFFFFFFFFFFFFL, () -> "expected canonical f64 NaN, got 0x" + Long.toHexString(a));
    }

    /** The spec's nan:arithmetic: a NaN with the quiet bit set, any payload, either sign. */
    static void assertArithmeticNan(float actual) {
        int a = bits(actual);
        assertEquals(F32_NAN, a & F32_NAN, () -> "expected arithmetic (quiet) f32 NaN, got 0x" + Integer.toHexString(a));
    }

    static void assertArithmeticNan(double actual) {
        long a = bits(actual);
        assertEquals(F64_NAN, a & F64_NAN, () -> "expected arithmetic (quiet) f64 NaN, got 0x" + Long.toHexString(a));
    }

    /**
     * What the spec allows for an operation with NaN operands: canonical when every NaN operand is
     * canonical, else any arithmetic NaN.
     */
    static void assertNanResult(float actual, int... nanOperandBits) {
        boolean allCanonical = true;
        for (int b : nanOperandBits) {
            allCanonical &= (b & 0x7FFFFFFF) == F32_NAN;
        }
        if (allCanonical) {
            assertCanonicalNan(actual);
        } else {
            assertArithmeticNan(actual);
        }
    }

    static void assertNanResult(double actual, long... nanOperandBits) {
        boolean allCanonical = true;
        for (long b : nanOperandBits) {
            allCanonical &= (b & 0x7FFFFFFFFFFFFFFFL) == F64_NAN;
        }
        if (allCanonical) {
            assertCanonicalNan(actual);
        } else {
            assertArithmeticNan(actual);
        }
    }

    /** Runs {@code e}, which must trap with exactly {@code message}. */
    static Trap assertTrap(String message, Executable e) {
        Trap t = assertThrows(Trap.class, e);
        assertEquals(message, t.getMessage());
        return t;
    }
}
