package dev.wasm2jar.benchmarks.startup;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CompileHelloBenchmark} once the compiler is warm: one fork, 30 compilations of warm-up,
 * then one compilation per measurement iteration. What a long-lived process (a build tool, a
 * server loading modules) pays per module. wasm2jar needs about 20 compilations to reach its
 * steady state (~0.1 s; C2 is still compiling its emitter before that, some shots take 0.6 s);
 * with the 5 + 5 used before, the row measured that warm-up: ± 0.6 s on 0.3–0.4 s.
 */
@Fork(1)
@Warmup(iterations = 30)
@Measurement(iterations = 10)
public class CompileHelloWarmBenchmark extends CompileHelloBenchmark {}
