package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.lower.SplitPlan;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ValType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Emit stage for a module: one class extending {@code Instance}, whose fields are the module's
 * memories, tables, globals and imported functions, and whose static methods are its functions
 * plus small bridges for imported calls and {@code call_indirect}.
 */
public final class ModuleEmitter {
    final ParsedModule parsed;
    final ModuleInfo info;
    final String className;
    private final String instDesc;
    /** call_indirect bridges requested by function bodies: name → (type index, table). */
    private final Map<String, int[]> indirectBridges = new LinkedHashMap<>();

    private final SplitPlan[] plans;

    private ModuleEmitter(ParsedModule parsed, ModuleInfo info, SplitPlan[] plans) {
        this.parsed = parsed;
        this.info = info;
        this.plans = plans;
        this.className = info.className;
        this.instDesc = "L" + className + ";";
    }

    /**
     * Emits the module's classes, by internal name.
     *
     * @param plans how each defined function is cut into methods (index minus imported functions)
     */
    public static Map<String, byte[]> emit(ParsedModule parsed, ModuleInfo info, SplitPlan[] plans) {
        return new ModuleEmitter(parsed, info, plans).emitAll();
    }

    private Map<String, byte[]> emitAll() {
        ClassWriter cw = newWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null, Jvm.INSTANCE, null);
        cw.visitSource("module.wasm", null);
        emitFields(cw);
        emitConstructor(cw);
        // Functions live in the module class or, for large modules, in code classes beside it
        // (ModuleLowering decides), each a class of static methods.
        Map<String, ClassWriter> writers = new LinkedHashMap<>();
        writers.put(className, cw);
        for (int f = parsed.importedFuncs; f < parsed.functionCount(); f++) {
            String owner = ownerOf(f);
            ClassWriter ocw = writers.computeIfAbsent(owner, this::codeClass);
            emitFunction(ocw, f);
        }
        for (int f = 0; f < parsed.importedFuncs; f++) {
            emitImportBridge(cw, f);
        }
        for (Map.Entry<String, int[]> e : indirectBridges.entrySet()) {
            emitIndirectBridge(cw, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, ClassWriter> e : writers.entrySet()) {
            e.getValue().visitEnd();
            try {
                out.put(e.getKey(), e.getValue().toByteArray());
            } catch (MethodTooLargeException ex) {
                throw CompileException.unsupported("method " + ex.getMethodName() + " exceeds the JVM's 64 KB limit ("
                        + ex.getCodeSize() + " bytes) even after splitting its function into regions");
            }
        }
        return out;
    }

    private static ClassWriter newWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Stack and local reference types are Object, FuncRef or the runtime classes;
                // where two meet, only Object methods are used on the merged value.
                return "java/lang/Object";
            }
        };
    }

    private ClassWriter codeClass(String name) {
        ClassWriter cw = newWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, name, null, "java/lang/Object", null);
        cw.visitSource("module.wasm", null);
        return cw;
    }

    private void emitFunction(ClassWriter cw, int f) {
        FuncType ft = parsed.funcType(f);
        SplitPlan plan = plans[f - parsed.importedFuncs];
        try {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, methodNameOf(f), staticDescriptor(ft), null, null);
            new FunctionEmitter(this, f, mv, plan, null).emit();
            for (SplitPlan.Region r : plan.regions()) {
                MethodVisitor rv = cw.visitMethod(ACC_STATIC | ACC_SYNTHETIC, regionMethodName(f, r), regionDescriptor(),
                        null, null);
                new FunctionEmitter(this, f, rv, plan, r).emit();
            }
        } catch (CompileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("compiler bug while translating " + parsed.describeFunction(f) + ": " + e, e);
        }
    }

    private void emitFields(ClassWriter cw) {
        for (int f = 0; f < parsed.importedFuncs; f++) {
            cw.visitField(ACC_PUBLIC, "f" + f, "L" + Jvm.FUNCREF + ";", null, null).visitEnd();
        }
        for (int i = 0; i < parsed.memories.size(); i++) {
            cw.visitField(ACC_PUBLIC, "m" + i, "L" + Jvm.MEMORY + ";", null, null).visitEnd();
        }
        for (int i = 0; i < parsed.tables.size(); i++) {
            cw.visitField(ACC_PUBLIC, "t" + i, "L" + Jvm.TABLE + ";", null, null).visitEnd();
        }
        for (int g = 0; g < parsed.globals.size(); g++) {
            String desc = isBoxedGlobal(g) ? "L" + Jvm.GLOBAL + ";" : parsed.globals.get(g).type.descriptor();
            cw.visitField(ACC_PUBLIC, "g" + g, desc, null, null).visitEnd();
        }
    }

    private void emitConstructor(ClassWriter cw) {
        int area = 0;
        for (FuncType t : parsed.types) {
            area = Math.max(area, t.resultCount() - 1);
        }
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        Jvm.pushInt(mv, area);
        mv.visitMethodInsn(INVOKESPECIAL, Jvm.INSTANCE, "<init>", "(I)V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    boolean isBoxedGlobal(int g) {
        return g < parsed.importedGlobals || info.globals.get(g - parsed.importedGlobals).boxed;
    }

    String ownerOf(int f) {
        return info.functions.get(f - parsed.importedFuncs).owner;
    }

    String methodNameOf(int f) {
        return info.functions.get(f - parsed.importedFuncs).methodName;
    }

    /** (params..., ModuleClass) → first result. */
    String staticDescriptor(FuncType ft) {
        StringBuilder b = new StringBuilder("(");
        for (ValType p : ft.params()) {
            b.append(p.descriptor());
        }
        b.append(instDesc).append(')');
        b.append(ft.resultCount() == 0 ? "V" : ft.result(0).descriptor());
        return b.toString();
    }

    /** (params..., int index, ModuleClass) → first result. */
    String indirectDescriptor(FuncType ft) {
        StringBuilder b = new StringBuilder("(");
        for (ValType p : ft.params()) {
            b.append(p.descriptor());
        }
        b.append('I').append(instDesc).append(')');
        b.append(ft.resultCount() == 0 ? "V" : ft.result(0).descriptor());
        return b.toString();
    }

    /** A region of function {@code f}: the function's method name and the region number. */
    String regionMethodName(int f, SplitPlan.Region r) {
        return methodNameOf(f) + "$" + r.id;
    }

    /** Region methods: (long[] frame, Object[] refFrame, ModuleClass) → exit code. */
    String regionDescriptor() {
        return "([J[Ljava/lang/Object;" + instDesc + ")I";
    }

    static String importBridgeName(int f) {
        return "import$" + f;
    }

    String requestIndirectBridge(int typeIndex, int table) {
        String name = "call_indirect$" + typeIndex + "$" + table;
        indirectBridges.putIfAbsent(name, new int[] {typeIndex, table});
        return name;
    }

    private int loadParams(MethodVisitor mv, FuncType ft) {
        int slot = 0;
        for (ValType p : ft.params()) {
            mv.visitVarInsn(Jvm.loadOp(p), slot);
            slot += p.slots();
        }
        return slot;
    }

    private static int paramSlots(FuncType ft) {
        int s = 0;
        for (ValType p : ft.params()) {
            s += p.slots();
        }
        return s;
    }

    /** Copies results 2..n from the callee's return area (owner on the stack) to this instance's. */
    private void copyExtraResults(MethodVisitor mv, FuncType ft, int instSlot, int ownerSlot) {
        if (ft.resultCount() < 2) {
            return;
        }
        for (String field : new String[] {"mvBits", "mvRefs"}) {
            String desc = field.equals("mvBits") ? "[J" : "[Ljava/lang/Object;";
            mv.visitVarInsn(ALOAD, ownerSlot);
            mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, field, desc);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitFieldInsn(GETFIELD, Jvm.INSTANCE, field, desc);
            mv.visitInsn(ICONST_0);
            Jvm.pushInt(mv, ft.resultCount() - 1);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy",
                    "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
        }
    }

    private void emitImportBridge(ClassWriter cw, int f) {
        FuncType ft = parsed.funcType(f);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_SYNTHETIC, importBridgeName(f),
                staticDescriptor(ft), null, null);
        mv.visitCode();
        int instSlot = paramSlots(ft);
        int ownerSlot = instSlot + 1;
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, className, "f" + f, "L" + Jvm.FUNCREF + ";");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "owner", "L" + Jvm.INSTANCE + ";");
        mv.visitVarInsn(ASTORE, ownerSlot);
        mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "handle", "Ljava/lang/invoke/MethodHandle;");
        loadParams(mv, ft);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", ft.descriptor(), false);
        copyExtraResults(mv, ft, instSlot, ownerSlot);
        mv.visitInsn(ft.resultCount() == 0 ? RETURN : Jvm.returnOp(ft.result(0)));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void emitIndirectBridge(ClassWriter cw, String name, int typeIndex, int table) {
        FuncType ft = parsed.types.get(typeIndex);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_SYNTHETIC, name, indirectDescriptor(ft), null, null);
        mv.visitCode();
        int indexSlot = paramSlots(ft);
        int instSlot = indexSlot + 1;
        int refSlot = instSlot + 1;
        int ownerSlot = refSlot + 1;
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, className, "t" + table, "L" + Jvm.TABLE + ";");
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitLdcInsn(ft.key());
        mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.TABLE, "funcForCall", "(ILjava/lang/String;)L" + Jvm.FUNCREF + ";", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, refSlot);
        mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "handle", "Ljava/lang/invoke/MethodHandle;");
        loadParams(mv, ft);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", ft.descriptor(), false);
        if (ft.resultCount() > 1) {
            mv.visitVarInsn(ALOAD, refSlot);
            mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "owner", "L" + Jvm.INSTANCE + ";");
            mv.visitVarInsn(ASTORE, ownerSlot);
            copyExtraResults(mv, ft, instSlot, ownerSlot);
        }
        mv.visitInsn(ft.resultCount() == 0 ? RETURN : Jvm.returnOp(ft.result(0)));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
