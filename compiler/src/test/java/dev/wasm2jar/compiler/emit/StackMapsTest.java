package dev.wasm2jar.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.lower.FunctionSplitter;
import dev.wasm2jar.compiler.lower.ModuleLowering;
import dev.wasm2jar.compiler.parse.ModuleParser;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.compiler.spec.SpecSuite;
import dev.wasm2jar.compiler.validate.ModuleValidator;
import dev.wasm2jar.runtime.ModuleInfo;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * {@link StackMaps}, which writes the frames of every generated method in one pass: it must type
 * everything the emitters produce (no class falls back to ASM's frames), its frames must pass the
 * JVM's verifier, and it must change nothing but the frames.
 */
class StackMapsTest {
    private static final int SPLIT_EVERYTHING = 40; // a budget that cuts every function into regions

    /** The Go fixtures and every spec module, whole and cut into regions, need no fallback. */
    @Test
    void everyGeneratedMethodGetsItsFramesInOnePass() throws Exception {
        List<Path> modules = new ArrayList<>();
        Path go = Path.of("../testdata/go/build");
        assumeTrue(Files.isDirectory(go), "no Go fixtures at " + go.toAbsolutePath());
        try (Stream<Path> s = Files.list(go)) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(modules::add);
        }
        Path spec = SpecSuite.locate();
        assumeTrue(spec != null, "WebAssembly spec suite not found at ../shared/spec; skipping");
        try (Stream<Path> s = Files.walk(spec.resolve("core"))) {
            s.filter(p -> p.toString().endsWith(".wasm"))
                    .filter(p -> !p.getParent().getFileName().toString().startsWith("simd_"))
                    .sorted().forEach(modules::add);
        }
        int compiled = 0;
        for (Path p : modules) {
            byte[] wasm = Files.readAllBytes(p);
            for (int budget : new int[] {FunctionSplitter.DEFAULT_BUDGET, SPLIT_EVERYTHING}) {
                if (budget == SPLIT_EVERYTHING && wasm.length > 100_000) {
                    continue; // Go's modules are cut already; cutting them everywhere takes minutes
                }
                try {
                    emit(wasm, budget, ModuleEmitter.Frames.OWN); // throws on a class it cannot type
                    compiled++;
                } catch (CompileException e) {
                    // invalid and malformed modules of the suite
                }
            }
        }
        assertTrue(compiled > 2000, "compiled only " + compiled);
    }

    /**
     * Same instructions and maxima as with ASM's frames (the fallback's writer), and both sets of
     * classes pass the JVM's verifier.
     */
    @Test
    void ownFramesChangeNothingButTheFrames() throws Exception {
        Path hello = Path.of("../examples/hello-go/main.wasm");
        byte[] wasm = Files.readAllBytes(hello);
        Map<String, byte[]> own = emit(wasm, FunctionSplitter.DEFAULT_BUDGET, ModuleEmitter.Frames.OWN);
        Map<String, byte[]> asm = emit(wasm, FunctionSplitter.DEFAULT_BUDGET, ModuleEmitter.Frames.ASM);
        linkAll(own);
        linkAll(asm);
        assertEquals(asm.keySet(), own.keySet());
        int methods = 0;
        for (String c : asm.keySet()) {
            Map<String, String> a = code(asm.get(c));
            Map<String, String> o = code(own.get(c));
            assertEquals(a.keySet(), o.keySet());
            for (String m : a.keySet()) {
                assertEquals(a.get(m), o.get(m), c + "." + m);
                methods++;
            }
        }
        assertTrue(methods > 1000, "methods: " + methods);
    }

    /** A null-initialized reference local assigned in a loop: the loop head's frame has its declared type. */
    @Test
    void declaredReferenceSlotsKeepTheirTypeInLoops() throws Throwable {
        // static String f(int n) { String s = null; do { s = String.valueOf(n); n--; } while (n > 0); return s; }
        Class<?> c = define("(I)Ljava/lang/String;", (mv, maps) -> {
            maps.declareReference(1, "java/lang/String");
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, 1);
            Label loop = new Label();
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
            mv.visitVarInsn(ASTORE, 1);
            mv.visitIincInsn(0, -1);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitJumpInsn(IFGT, loop);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitInsn(ARETURN);
        });
        assertEquals("1", c.getMethod("f", int.class).invoke(null, 3));
    }

    /**
     * Two labels at one offset, reached with different locals (slot 1 an int on one path, a
     * float on the other, and slot 2 an int on one path only) and a long on the stack: one
     * frame, the merge, in which only slot 0 is usable.
     */
    @Test
    void labelsAtOneOffsetShareTheMergedFrame() throws Throwable {
        Class<?> c = define("(I)J", (mv, maps) -> {
            Label inner = new Label();
            Label outer = new Label();
            Label other = new Label();
            mv.visitLdcInsn(7L);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitJumpInsn(IFEQ, other);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitJumpInsn(GOTO, inner);
            mv.visitLabel(other);
            mv.visitInsn(FCONST_1);
            mv.visitVarInsn(FSTORE, 1);
            mv.visitJumpInsn(GOTO, outer);
            mv.visitLabel(inner);
            mv.visitLabel(outer);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitInsn(I2L);
            mv.visitInsn(LADD);
            mv.visitInsn(LRETURN);
        });
        assertEquals(7L, c.getMethod("f", int.class).invoke(null, 0));
        assertEquals(12L, c.getMethod("f", int.class).invoke(null, 5));
    }

    /** Every dup form, with longs among the values moved: stack types and max stack as the verifier sees them. */
    @Test
    void theDupFamilyMovesLongsWhole() throws Throwable {
        // static long f(int a, long b): a + 2b via dup2_x1, then a few more forms that cancel out
        Class<?> c = define("(IJ)J", (mv, maps) -> {
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitInsn(DUP2_X1); // J I J
            mv.visitVarInsn(LSTORE, 3); // J I
            mv.visitInsn(DUP_X2); // I J I
            mv.visitInsn(POP); // I J
            mv.visitInsn(DUP2_X1); // J I J
            mv.visitInsn(POP2); // J I
            mv.visitInsn(I2L); // J J
            mv.visitInsn(DUP2_X2); // J J J
            mv.visitInsn(POP2); // J J
            mv.visitInsn(LADD); // J
            mv.visitVarInsn(LLOAD, 3);
            mv.visitInsn(LADD);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ICONST_2);
            mv.visitInsn(DUP2); // J 1 2 1 2
            mv.visitInsn(DUP_X1); // J 1 2 2 1 2
            mv.visitInsn(POP2); // J 1 2 2
            mv.visitInsn(POP); // J 1 2
            mv.visitInsn(SWAP); // J 2 1
            mv.visitInsn(ISUB); // J 1
            mv.visitInsn(I2L);
            mv.visitInsn(LADD); // a + 2b + 1
            mv.visitInsn(LRETURN);
        });
        assertEquals(3L + 2 * 40L + 1, c.getMethod("f", int.class, long.class).invoke(null, 3, 40L));
    }

    @Test
    void codeNothingReachesIsReported() {
        assertThrows(StackMaps.Unknown.class, () -> define("()V", (mv, maps) -> {
            mv.visitInsn(RETURN);
            mv.visitInsn(NOP);
        }));
    }

    @Test
    void aBackwardJumpThatDoesNotMatchItsTargetIsReported() {
        // the loop head has an empty stack; the back edge carries an int
        assertThrows(StackMaps.Unknown.class, () -> define("()V", (mv, maps) -> {
            Label loop = new Label();
            mv.visitLabel(loop);
            mv.visitInsn(ICONST_1);
            mv.visitJumpInsn(GOTO, loop);
        }));
    }

    @Test
    void aLocalUnassignedOnSomePathIsReportedWhereRead() {
        assertThrows(StackMaps.Unknown.class, () -> define("(I)I", (mv, maps) -> {
            Label join = new Label();
            mv.visitVarInsn(ILOAD, 0);
            mv.visitJumpInsn(IFEQ, join);
            mv.visitInsn(ICONST_1);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitLabel(join);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitInsn(IRETURN);
        }));
    }

    // ---- helpers ----

    private static Map<String, byte[]> emit(byte[] wasm, int budget, ModuleEmitter.Frames frames) {
        ParsedModule parsed = ModuleParser.parse(wasm);
        int[][] heights = ModuleValidator.validate(parsed);
        ModuleInfo info = ModuleLowering.lower(parsed, "wasm2jar/test/Module");
        return ModuleEmitter.emit(parsed, info, (f, b, pieces) ->
                FunctionSplitter.plan(parsed, f, heights[f - parsed.importedFuncs], b, pieces), budget, frames);
    }

    /** Defines and initializes every class in a loader of its own: the JVM verifies each method. */
    private static void linkAll(Map<String, byte[]> classes) throws Exception {
        ClassLoader loader = new ClassLoader(StackMapsTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name.replace('.', '/'));
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        for (String name : classes.keySet()) {
            Class.forName(name.replace('/', '.'), true, loader);
        }
    }

    /** Each method's instructions as text, frames left out. */
    private static Map<String, String> code(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        return node.methods.stream().collect(Collectors.toMap(m -> m.name + m.desc, StackMapsTest::text));
    }

    private static String text(MethodNode m) {
        Textifier t = new Textifier();
        m.accept(new TraceMethodVisitor(t));
        return t.getText().toString();
    }

    private interface Body {
        void write(MethodVisitor mv, StackMaps maps);
    }

    private static int classes;

    /** A class with one static method {@code f}, framed by StackMaps, defined (so verified) here. */
    private static Class<?> define(String descriptor, Body body) throws Exception {
        String name = "dev/wasm2jar/compiler/emit/StackMapsTest$Gen" + (classes++);
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        StackMaps maps = new StackMaps(cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f", descriptor, null, null), name,
                ACC_PUBLIC | ACC_STATIC, "f", descriptor);
        maps.visitCode();
        body.write(maps, maps);
        maps.visitMaxs(0, 0);
        maps.visitEnd();
        cw.visitEnd();
        Class<?> c = MethodHandles.lookup().defineClass(cw.toByteArray());
        MethodHandles.lookup().ensureInitialized(c); // links it: the verifier checks the frames
        return c;
    }
}
