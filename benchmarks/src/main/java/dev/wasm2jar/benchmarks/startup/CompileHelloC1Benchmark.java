package dev.wasm2jar.benchmarks.startup;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link CompileHelloBenchmark}, cold, in JVMs without C2 ({@code -XX:TieredStopAtLevel=1}), the
 * JVM the CLI compiles in (docs/DESIGN.md, decision 30). Both compilers get the same flag.
 */
@Fork(value = 5, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
public class CompileHelloC1Benchmark extends CompileHelloBenchmark {}
