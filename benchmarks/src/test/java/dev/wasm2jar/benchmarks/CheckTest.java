package dev.wasm2jar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The check the benchmarks rely on does reject disagreement and state-dependent results. */
class CheckTest {
    @Test
    void agreeingEnginesPass() {
        assertEquals(7, Check.of(getClass()).engine("a", () -> 7).engine("b", () -> 7L).agree());
    }

    @Test
    void disagreeingEnginesFail() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Check.of(getClass()).engine("a", () -> 7).engine("b", () -> 8).agree());
        assertEquals("CheckTest: engines disagree: {a=7, b=8}", e.getMessage());
    }

    @Test
    void unrepeatableRunFails() {
        long[] n = {0};
        assertThrows(IllegalStateException.class,
                () -> Check.of(getClass()).engine("a", () -> 1).engine("b", () -> ++n[0]).agree());
    }

    @Test
    void failingRunFails() {
        assertThrows(IllegalStateException.class,
                () -> Check.of(getClass()).engine("a", () -> 1).engine("b", () -> {
                    throw new ArithmeticException("trap");
                }).agree());
    }
}
