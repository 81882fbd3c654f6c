package dev.wasm2jar.runtime;

/**
 * Numeric operations whose WebAssembly semantics differ from the JVM instruction of the same
 * name: trapping division and truncation, unsigned conversions, and float operations whose NaN
 * and signed-zero behaviour the spec fixes. Each is a small static method that HotSpot inlines.
 */
public final class WasmMath {
    private WasmMath() {}

    // ---- integer division ----

    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw Trap.integerOverflow();
        }
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return Integer.divideUnsigned(a, b);
    }

    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw Trap.integerOverflow();
        }
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw Trap.divideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }

    // ---- trapping float-to-int truncation ----

    public static int i32TruncF32S(float x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (x < -2147483648f || x >= 2147483648f) {
            throw Trap.integerOverflow();
        }
        return (int) x;
    }

    public static int i32TruncF32U(float x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (!(x > -1f && x < 4294967296f)) {
            throw Trap.integerOverflow();
        }
        return (int) (long) x;
    }

    public static int i32TruncF64S(double x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (!(x > -2147483649d && x < 2147483648d)) {
            throw Trap.integerOverflow();
        }
        return (int) x;
    }

    public static int i32TruncF64U(double x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (!(x > -1d && x < 4294967296d)) {
            throw Trap.integerOverflow();
        }
        return (int) (long) x;
    }

    public static long i64TruncF32S(float x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (x < -9223372036854775808f || x >= 9223372036854775808f) {
            throw Trap.integerOverflow();
        }
        return (long) x;
    }

    public static long i64TruncF32U(float x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (!(x > -1f && x < 18446744073709551616f)) {
            throw Trap.integerOverflow();
        }
        return floatToUnsignedLong(x);
    }

    public static long i64TruncF64S(double x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (x < -9223372036854775808d || x >= 9223372036854775808d) {
            throw Trap.integerOverflow();
        }
        return (long) x;
    }

    public static long i64TruncF64U(double x) {
        if (x != x) {
            throw Trap.invalidConversion();
        }
        if (!(x > -1d && x < 18446744073709551616d)) {
            throw Trap.integerOverflow();
        }
        return doubleToUnsignedLong(x);
    }

    // ---- saturating truncation (the signed ones are the JVM's own f2i/f2l/d2i/d2l) ----

    public static int i32TruncSatF32U(float x) {
        if (!(x > 0f)) {
            return 0; // NaN, negatives, -0
        }
        if (x >= 4294967296f) {
            return -1;
        }
        return (int) (long) x;
    }

    public static int i32TruncSatF64U(double x) {
        if (!(x > 0d)) {
            return 0;
        }
        if (x >= 4294967296d) {
            return -1;
        }
        return (int) (long) x;
    }

    public static long i64TruncSatF32U(float x) {
        if (!(x > 0f)) {
            return 0;
        }
        if (x >= 18446744073709551616f) {
            return -1L;
        }
        return floatToUnsignedLong(x);
    }

    public static long i64TruncSatF64U(double x) {
        if (!(x > 0d)) {
            return 0;
        }
        if (x >= 18446744073709551616d) {
            return -1L;
        }
        return doubleToUnsignedLong(x);
    }

    /** x in (-1, 2^64): truncated toward zero as an unsigned 64-bit value. */
    private static long doubleToUnsignedLong(double x) {
        if (x < 9223372036854775808d) {
            return (long) x;
        }
        // x in [2^63, 2^64): subtract 2^63 exactly (x is an integer here), then set the top bit
        return (long) (x - 9223372036854775808d) | Long.MIN_VALUE;
    }

    private static long floatToUnsignedLong(float x) {
        return doubleToUnsignedLong(x);
    }

    // ---- unsigned integer-to-float conversion ----

    public static float f32ConvertI32U(int x) {
        return (float) (x & 0xFFFFFFFFL);
    }

    public static double f64ConvertI32U(int x) {
        return (double) (x & 0xFFFFFFFFL);
    }

    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return (float) x;
        }
        // Halve with the lost bit kept sticky, so the single rounding to float stays correct.
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2d;
    }

    // ---- float operations with the spec's NaN and zero rules ----

    public static float f32Abs(float x) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) & 0x7FFFFFFF);
    }

    public static double f64Abs(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x7FFFFFFFFFFFFFFFL);
    }

    public static float f32Neg(float x) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ 0x80000000);
    }

    public static double f64Neg(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ 0x8000000000000000L);
    }

    public static float f32Copysign(float x, float y) {
        return Float.intBitsToFloat(
                (Float.floatToRawIntBits(x) & 0x7FFFFFFF) | (Float.floatToRawIntBits(y) & 0x80000000));
    }

    public static double f64Copysign(double x, double y) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(x) & 0x7FFFFFFFFFFFFFFFL)
                | (Double.doubleToRawLongBits(y) & 0x8000000000000000L));
    }

    // NaN inputs: an arithmetic operation on them yields a quiet NaN, as the spec requires.

    public static float f32Min(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b);
    }

    public static float f32Max(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    public static double f64Min(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b);
    }

    public static double f64Max(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    public static float f32Ceil(float x) {
        return x != x ? x + x : (float) Math.ceil(x);
    }

    public static float f32Floor(float x) {
        return x != x ? x + x : (float) Math.floor(x);
    }

    public static float f32Trunc(float x) {
        if (x != x) {
            return x + x;
        }
        return (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    public static float f32Nearest(float x) {
        return x != x ? x + x : (float) Math.rint(x);
    }

    public static double f64Ceil(double x) {
        return x != x ? x + x : Math.ceil(x);
    }

    public static double f64Floor(double x) {
        return x != x ? x + x : Math.floor(x);
    }

    public static double f64Trunc(double x) {
        if (x != x) {
            return x + x;
        }
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    public static double f64Nearest(double x) {
        return x != x ? x + x : Math.rint(x);
    }

    public static float f32Sqrt(float x) {
        return (float) Math.sqrt(x);
    }
}
