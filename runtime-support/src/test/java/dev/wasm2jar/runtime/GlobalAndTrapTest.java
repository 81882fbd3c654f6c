package dev.wasm2jar.runtime;

import static dev.wasm2jar.runtime.WasmAssertions.F32_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.F64_NEG_SNAN;
import static dev.wasm2jar.runtime.WasmAssertions.assertF32Bits;
import static dev.wasm2jar.runtime.WasmAssertions.assertF64Bits;
import static dev.wasm2jar.runtime.WasmAssertions.bits;
import static dev.wasm2jar.runtime.WasmAssertions.f32;
import static dev.wasm2jar.runtime.WasmAssertions.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Global} boxes (bit patterns, NaN payloads, boxing for the embedder) and {@link Trap}. */
class GlobalAndTrapTest {
    @Nested
    class Globals {
        @Test
        void integersRoundTrip() {
            Global g = Global.ofI32(-1, true);
            assertEquals(-1, g.getI32());
            assertEquals(ValType.I32, g.type());
            assertTrue(g.isMutable());
            g.bits = 0x1_8000_0000L; // generated code writes i32s as i2l; only the low half counts
            assertEquals(0x80000000, g.getI32());
            Global l = Global.ofI64(Long.MIN_VALUE, false);
            assertEquals(Long.MIN_VALUE, l.getI64());
            assertEquals(Long.MIN_VALUE, l.bits);
            assertFalse(l.isMutable());
        }

        @Test
        void floatsAreStoredAsRawBitsSoNanPayloadsSurvive() {
            Global f = Global.ofF32(f32(F32_SNAN), true);
            assertEquals(F32_SNAN, (int) f.bits);
            assertF32Bits(F32_SNAN, f.getF32());
            Global negZero = Global.ofF32(-0.0f, false);
            assertF32Bits(0x80000000, negZero.getF32());
            Global d = Global.ofF64(f64(F64_NEG_SNAN), true);
            assertEquals(F64_NEG_SNAN, d.bits);
            assertF64Bits(F64_NEG_SNAN, d.getF64());
            d.bits = bits(-0.0);
            assertF64Bits(0x8000000000000000L, d.getF64());
        }

        @Test
        void getBoxesByType() {
            assertEquals(Integer.valueOf(7), Global.ofI32(7, false).get());
            assertEquals(Long.valueOf(7), Global.ofI64(7, false).get());
            assertEquals(Float.valueOf(1.5f), Global.ofF32(1.5f, false).get());
            assertEquals(Double.valueOf(1.5), Global.ofF64(1.5, false).get());
            assertF32Bits(F32_SNAN, (Float) Global.ofF32(f32(F32_SNAN), false).get());
            Object host = new Object();
            Global ref = Global.ofRef(ValType.EXTERNREF, host, true);
            assertSame(host, ref.get());
            assertEquals(ValType.EXTERNREF, ref.type());
            assertNull(Global.ofRef(ValType.FUNCREF, null, false).get());
            assertInstanceOf(Integer.class, new Global(ValType.I32, true).get());
        }
    }

    @Nested
    class Traps {
        @Test
        void factoriesCarryTheSpecsWording() {
            check("unreachable", Trap::unreachable, Trap.UNREACHABLE);
            check("integer divide by zero", Trap::divideByZero, Trap.INTEGER_DIVIDE_BY_ZERO);
            check("integer overflow", Trap::integerOverflow, Trap.INTEGER_OVERFLOW);
            check("invalid conversion to integer", Trap::invalidConversion, Trap.INVALID_CONVERSION);
            check("out of bounds memory access", Trap::outOfBoundsMemory, Trap.OUT_OF_BOUNDS_MEMORY);
            check("out of bounds table access", Trap::outOfBoundsTable, Trap.OUT_OF_BOUNDS_TABLE);
            check("undefined element", Trap::undefinedElement, Trap.UNDEFINED_ELEMENT);
            check("uninitialized element", Trap::uninitializedElement, Trap.UNINITIALIZED_ELEMENT);
            check("indirect call type mismatch", Trap::indirectCallTypeMismatch, Trap.INDIRECT_CALL_TYPE_MISMATCH);
        }

        private void check(String wording, Supplier<Trap> factory, String constant) {
            assertEquals(wording, constant);
            Trap t = factory.get();
            assertEquals(wording, t.getMessage());
            assertNull(t.getCause());
        }

        @Test
        void callStackExhaustedKeepsTheStackOverflowAsCause() {
            StackOverflowError soe = new StackOverflowError();
            Trap t = Trap.callStackExhausted(soe);
            assertEquals("call stack exhausted", t.getMessage());
            assertEquals(Trap.CALL_STACK_EXHAUSTED, t.getMessage());
            assertSame(soe, t.getCause());
        }

        @Test
        void trapsAreUncheckedAndKeepTheirStackTrace() {
            Trap t = Trap.unreachable();
            assertInstanceOf(RuntimeException.class, t);
            // the factory's frame, then its caller: in generated code, the wasm function that trapped
            StackTraceElement[] trace = t.getStackTrace();
            assertEquals("unreachable", trace[0].getMethodName());
            assertEquals("trapsAreUncheckedAndKeepTheirStackTrace", trace[1].getMethodName());
        }
    }
}
