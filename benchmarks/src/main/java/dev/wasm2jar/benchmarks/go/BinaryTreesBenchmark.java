package dev.wasm2jar.benchmarks.go;

/** gobench.wasm {@code binarytrees N}: binary-trees to depth N (allocation and Go's garbage collector). */
public class BinaryTreesBenchmark extends GoProgramBenchmark {
    public BinaryTreesBenchmark() {
        super("binarytrees");
    }
}
