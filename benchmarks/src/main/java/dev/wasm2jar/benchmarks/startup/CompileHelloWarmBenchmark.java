package dev.wasm2jar.benchmarks.startup;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CompileHelloBenchmark} once the compiler is warm: one fork, a few compilations of
 * warm-up, then one compilation per measurement iteration. What a long-lived process (a build
 * tool, a server loading modules) pays per module.
 */
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
public class CompileHelloWarmBenchmark extends CompileHelloBenchmark {}
