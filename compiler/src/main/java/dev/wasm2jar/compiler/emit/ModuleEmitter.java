package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.lower.FunctionSplitter;
import dev.wasm2jar.compiler.lower.SplitPlan;
import dev.wasm2jar.compiler.parse.ParsedModule;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Opcodes;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.ClassTooLargeException;
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
    private final Map<String, int[]> indirectBridges = new ConcurrentHashMap<>();

    private final Planner planner;
    private final int methodBudget;
    private final Frames frames;

    /** Who writes the stack map frames. */
    enum Frames {
        /** {@link StackMaps}; a class it cannot type is written again with ASM's (the default). */
        OWN_OR_ASM,
        /** {@link StackMaps} only: a class it cannot type is a compiler bug (tests check that none is). */
        OWN,
        /** ASM's {@code COMPUTE_FRAMES}, for every class (tests compare). */
        ASM
    }

    /** Cuts a function into methods within a budget (see {@code FunctionSplitter}). */
    @FunctionalInterface
    public interface Planner {
        /**
         * A function within {@code budget} stays whole; a larger one is cut into methods within
         * {@code pieceBudget}.
         */
        SplitPlan plan(int funcIndex, int budget, int pieceBudget);
    }

    /** HotSpot does not JIT-compile methods above this many bytes ({@code -XX:+DontCompileHugeMethods}). */
    public static final int HUGE_METHOD = 8000;
    /** Below this budget a function that still yields a huge method is given up on. */
    private static final int MIN_BUDGET = 500;
    /** Where retries start when the given budget is smaller. */
    private static final int RETRY_BUDGET = FunctionSplitter.DEFAULT_BUDGET;

    private ModuleEmitter(ParsedModule parsed, ModuleInfo info, Planner planner, int methodBudget, Frames frames) {
        this.frames = frames;
        this.parsed = parsed;
        this.info = info;
        this.planner = planner;
        this.methodBudget = methodBudget;
        this.className = info.className;
        this.instDesc = "L" + className + ";";
        this.globalFields = new String[parsed.globals.size()];
        for (int g = 0; g < globalFields.length; g++) {
            globalFields[g] = "g" + g;
        }
    }

    /** The module class's field of global {@code g}. */
    String globalField(int g) {
        return globalFields[g];
    }

    /**
     * Emits the module's classes, by internal name.
     *
     * <p>Code classes are emitted in parallel, one task each. After a class is written its
     * methods' sizes are read back: a function with a method above {@link #HUGE_METHOD} bytes
     * (the size estimate that cut it was off) is cut again with a smaller budget and the class
     * written again. The module class comes last, since its {@code call_indirect} bridges are
     * those the function bodies asked for.
     *
     * @param planner cuts a defined function into methods within a budget
     * @param methodBudget the first budget tried (estimated bytes per method)
     */
    public static Map<String, byte[]> emit(ParsedModule parsed, ModuleInfo info, Planner planner, int methodBudget) {
        return emit(parsed, info, planner, methodBudget, Frames.OWN_OR_ASM);
    }

    static Map<String, byte[]> emit(ParsedModule parsed, ModuleInfo info, Planner planner, int methodBudget,
            Frames frames) {
        return new ModuleEmitter(parsed, info, planner, methodBudget, frames).emitAll();
    }

    private Map<String, byte[]> emitAll() {
        Map<String, List<Integer>> byOwner = new LinkedHashMap<>();
        byOwner.put(className, new ArrayList<>());
        for (int f = parsed.importedFuncs; f < parsed.functionCount(); f++) {
            byOwner.computeIfAbsent(ownerOf(f), k -> new ArrayList<>()).add(f);
        }
        List<String> codeClasses = new ArrayList<>(byOwner.keySet());
        codeClasses.remove(className);
        Map<String, byte[]> codeBytes = new java.util.concurrent.ConcurrentHashMap<>();
        codeClasses.parallelStream().forEach(c -> codeBytes.put(c, emitClass(c, byOwner.get(c), false)));
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(className, emitClass(className, byOwner.get(className), true));
        for (String c : codeClasses) {
            out.put(c, codeBytes.get(c));
        }
        return out;
    }

    /**
     * Whether a split function keeps a spare frame array in its instance (field
     * {@link #frameCacheField}) instead of allocating one per call. Functions with their locals in
     * the frame need it zeroed at entry, and allocate.
     */
    static boolean cachesFrame(SplitPlan plan) {
        return !plan.isEmpty() && !plan.localsInFrame;
    }

    static String frameCacheField(int f) {
        return "frame$" + f;
    }

    /** Functions of the code classes, written already, whose frames the module class caches. */
    private final java.util.Set<Integer> cachedFrames = ConcurrentHashMap.newKeySet();

    /**
     * One class with the given functions (and, for the module class, fields, constructor and
     * bridges). Written again when needed: with ASM's frames when {@link StackMaps} cannot type a
     * method, with numbers built by code when the constants overflow the pool, and with a
     * function cut smaller when one of its methods is too large.
     */
    private byte[] emitClass(String name, List<Integer> functions, boolean moduleClass) {
        Map<Integer, Integer> budgets = new HashMap<>();
        Map<Integer, SplitPlan> plans = new HashMap<>();
        boolean poolFree = false;
        boolean asmFrames = frames == Frames.ASM;
        while (true) {
            for (int f : functions) {
                plans.computeIfAbsent(f, k -> budgets.containsKey(k) ? planner.plan(k, budgets.get(k), budgets.get(k))
                        : planner.plan(k, methodBudget, Math.min(methodBudget, FunctionSplitter.PIECE_BUDGET)));
            }
            ClassWriter writer = newWriter(asmFrames);
            Map<String, Integer> methodsOf = new HashMap<>();
            try {
                writeClass(asmFrames ? writer : new OwnFrames(writer), name, functions, plans, moduleClass, poolFree,
                        methodsOf);
            } catch (StackMaps.Unknown e) {
                if (frames == Frames.OWN) {
                    throw new IllegalStateException("compiler bug: no stack map frames for class " + name + ": "
                            + e.getMessage(), e);
                }
                asmFrames = true;
                continue;
            }
            Map<Integer, Integer> tooLarge = new HashMap<>(); // function → its largest method
            byte[] bytes = null;
            try {
                bytes = writer.toByteArray();
                for (Map.Entry<String, Integer> m : MethodSizes.codeSizes(bytes).entrySet()) {
                    String method = m.getKey().substring(0, m.getKey().indexOf('('));
                    Integer f = methodsOf.get(method);
                    if (m.getValue() > HUGE_METHOD && f != null) {
                        tooLarge.merge(f, m.getValue(), Math::max);
                    }
                }
            } catch (MethodTooLargeException e) {
                Integer f = methodsOf.get(e.getMethodName());
                if (f == null) {
                    throw new IllegalStateException("generated method " + e.getMethodName() + " exceeds 64 KB", e);
                }
                tooLarge.put(f, e.getCodeSize());
            } catch (ClassTooLargeException e) {
                if (poolFree) {
                    throw classTooLarge(e, functions);
                }
                poolFree = true;
                continue;
            }
            if (tooLarge.isEmpty()) {
                for (int f : functions) {
                    if (cachesFrame(plans.get(f))) {
                        cachedFrames.add(f);
                    }
                }
                return bytes;
            }
            for (Map.Entry<Integer, Integer> e : tooLarge.entrySet()) {
                int f = e.getKey();
                Integer tried = budgets.get(f);
                int budget = tried == null ? methodBudget : tried;
                if (tried == null && FunctionSplitter.PIECE_BUDGET < methodBudget) {
                    budget = methodBudget; // the first plan had smaller pieces; from here on, one budget
                } else if (budget == methodBudget && budget < RETRY_BUDGET) {
                    budget = RETRY_BUDGET;
                } else if (budget > MIN_BUDGET) {
                    budget = Math.max(MIN_BUDGET, budget * 2 / 3);
                } else {
                    throw CompileException.unsupported(parsed.describeFunction(f) + " yields a method of "
                            + e.getValue() + " bytes of bytecode, above HotSpot's JIT limit of " + HUGE_METHOD
                            + ", however it is cut");
                }
                budgets.put(f, budget);
                plans.remove(f);
            }
        }
    }

    /**
     * A class file holds at most 65535 constants, shared by the functions of the class and all the
     * methods each was cut into. With its numbers built rather than loaded, what is left (method
     * and field references, names, strings) did not fit either; cutting further would not help.
     */
    private CompileException classTooLarge(ClassTooLargeException e, List<Integer> functions) {
        int largest = functions.get(0);
        for (int f : functions) {
            if (parsed.code(f).size() > parsed.code(largest).size()) {
                largest = f;
            }
        }
        return CompileException.unsupported("more constants than a JVM class holds: class " + e.getClassName()
                + " needs " + e.getConstantPoolCount() + " constant pool entries, the limit is 65535 (it holds "
                + functions.size() + " function" + (functions.size() == 1 ? "" : "s") + ", the largest "
                + parsed.describeFunction(largest) + " with " + parsed.code(largest).size() + " instructions)");
    }

    /** Writes one class's members to {@code cw}, noting each method's function in {@code methodsOf}. */
    private void writeClass(ClassVisitor cw, String name, List<Integer> functions, Map<Integer, SplitPlan> plans,
            boolean moduleClass, boolean poolFree, Map<String, Integer> methodsOf) {
        if (moduleClass) {
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, Jvm.INSTANCE, null);
            cw.visitSource("module.wasm", null);
            emitFields(cw);
            java.util.SortedSet<Integer> caches = new java.util.TreeSet<>(cachedFrames);
            for (int f : functions) {
                if (cachesFrame(plans.get(f))) {
                    caches.add(f);
                }
            }
            for (int f : caches) {
                cw.visitField(ACC_PUBLIC | ACC_SYNTHETIC, frameCacheField(f), "[J", null, null).visitEnd();
            }
            emitConstructor(cw);
        } else {
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, name, null, "java/lang/Object", null);
            cw.visitSource("module.wasm", null);
        }
        for (int f : functions) {
            SplitPlan plan = plans.get(f);
            emitFunction(cw, f, plan, poolFree);
            methodsOf.put(methodNameOf(f), f);
            for (SplitPlan.Region r : plan.regions()) {
                methodsOf.put(regionMethodName(f, r), f);
            }
        }
        if (moduleClass) {
            for (int f = 0; f < parsed.importedFuncs; f++) {
                emitImportBridge(cw, f);
            }
            for (Map.Entry<String, int[]> e : new TreeMap<>(indirectBridges).entrySet()) {
                emitIndirectBridge(cw, e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
            for (Map.Entry<String, FuncType> e : dispatches.entrySet()) {
                emitDispatch(cw, e.getKey(), e.getValue());
            }
        }
        cw.visitEnd();
    }

    /**
     * A class writer whose methods get their stack map frames and maxima from {@link StackMaps},
     * or, with {@code asmFrames}, from ASM's own analysis (the fallback when a method's code is
     * beyond what one pass can type).
     */
    private static ClassWriter newWriter(boolean asmFrames) {
        if (!asmFrames) {
            return new ClassWriter(0);
        }
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Stack and local reference types are Object, FuncRef or the runtime classes;
                // where two meet, only Object methods are used on the merged value.
                return "java/lang/Object";
            }
        };
    }

    /** Hands each method of the class to a {@link StackMaps} on its way to the writer. */
    private static final class OwnFrames extends ClassVisitor {
        private String owner;

        OwnFrames(ClassWriter writer) {
            super(ASM9, writer);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new StackMaps(super.visitMethod(access, name, descriptor, signature, exceptions), owner, access,
                    name, descriptor);
        }
    }

    /** @param poolFree whether numeric constants are built instead of loaded ({@link PoolFreeConstants}) */
    private void emitFunction(ClassVisitor cw, int f, SplitPlan plan, boolean poolFree) {
        FuncType ft = parsed.funcType(f);
        try {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, methodNameOf(f), staticDescriptor(ft), null, null);
            new FunctionEmitter(this, f, mv, poolFree, plan, null).emit();
            for (SplitPlan.Region r : plan.regions()) {
                MethodVisitor rv = cw.visitMethod(ACC_STATIC | ACC_SYNTHETIC, regionMethodName(f, r), regionDescriptor(r),
                        null, null);
                new FunctionEmitter(this, f, rv, poolFree, plan, r).emit();
            }
        } catch (CompileException | StackMaps.Unknown e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("compiler bug while translating " + parsed.describeFunction(f) + ": " + e, e);
        }
    }

    private void emitFields(ClassVisitor cw) {
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
            cw.visitField(ACC_PUBLIC, globalField(g), desc, null, null).visitEnd();
        }
    }

    private void emitConstructor(ClassVisitor cw) {
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

    // Descriptors and field names are asked for at every call site and global access: built once
    // each, so that ASM's constant pool lookups hash a string whose hash is already cached.
    private final Map<FuncType, String> staticDescriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<FuncType, String> indirectDescriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final String[] globalFields;

    /** (params..., ModuleClass) → first result. */
    String staticDescriptor(FuncType ft) {
        return staticDescriptors.computeIfAbsent(ft, t -> descriptor(t, ""));
    }

    /** (params..., int index, ModuleClass) → first result. */
    String indirectDescriptor(FuncType ft) {
        return indirectDescriptors.computeIfAbsent(ft, t -> descriptor(t, "I"));
    }

    private String descriptor(FuncType ft, String beforeInstance) {
        StringBuilder b = new StringBuilder("(");
        for (ValType p : ft.params()) {
            b.append(p.descriptor());
        }
        b.append(beforeInstance).append(instDesc).append(')');
        b.append(ft.resultCount() == 0 ? "V" : ft.result(0).descriptor());
        return b.toString();
    }

    /** A region of function {@code f}: the function's method name and the region number. */
    String regionMethodName(int f, SplitPlan.Region r) {
        return methodNameOf(f) + "$" + r.id;
    }

    /** Region methods: ([int entry,] long[] frame, Object[] refFrame, ModuleClass) → exit code; case groups take the entry. */
    String regionDescriptor(SplitPlan.Region r) {
        return (r.isGroup() ? "(I" : "(") + "[J[Ljava/lang/Object;" + instDesc + ")I";
    }

    static String importBridgeName(int f) {
        return "import$" + f;
    }

    String requestIndirectBridge(int typeIndex, int table) {
        String name = "call_indirect$" + typeIndex + "$" + table;
        indirectBridges.putIfAbsent(name, new int[] {typeIndex, table});  // called from several threads
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

    static int paramSlots(FuncType ft) {
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

    private void emitImportBridge(ClassVisitor cw, int f) {
        FuncType ft = parsed.funcType(f);
        // public: functions in package classes (MethodNames) call it from other JVM packages
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC | ACC_SYNTHETIC, importBridgeName(f),
                staticDescriptor(ft), null, null);
        mv.visitCode();
        int instSlot = paramSlots(ft);
        int ownerSlot = instSlot + 1;
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, className, "f" + f, "L" + Jvm.FUNCREF + ";");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "owner", "L" + Jvm.INSTANCE + ";");
        mv.visitVarInsn(ASTORE, ownerSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.FUNCREF, "handle", "()Ljava/lang/invoke/MethodHandle;", false);
        loadParams(mv, ft);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", ft.descriptor(), false);
        copyExtraResults(mv, ft, instSlot, ownerSlot);
        mv.visitInsn(ft.resultCount() == 0 ? RETURN : Jvm.returnOp(ft.result(0)));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code call_indirect} of one type through one table. The element is checked (bounds,
     * null, signature) by the table; a function of this very instance is then called directly,
     * through a switch on its {@link dev.wasm2jar.runtime.FuncRef#typeSlot}, in chunks that keep
     * each method JIT-compilable; anything else (host functions, other instances) through its
     * method handle. A {@code MethodHandle} that is not a constant costs an indirect call
     * through its lambda form and cannot be inlined; a static call in a switch is cheap.
     */
    private void emitIndirectBridge(ClassVisitor cw, String name, int typeIndex, int table) {
        FuncType ft = parsed.types.get(typeIndex);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC | ACC_SYNTHETIC, name, indirectDescriptor(ft), null, null);
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
        mv.visitVarInsn(ASTORE, refSlot);

        List<Integer> targets = definedFunctionsOf(ft);
        Label slow = new Label();
        if (!targets.isEmpty()) {
            mv.visitVarInsn(ALOAD, refSlot);
            mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "owner", "L" + Jvm.INSTANCE + ";");
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitJumpInsn(IF_ACMPNE, slow);
            int chunk = dispatchChunk(ft);
            int chunks = (targets.size() + chunk - 1) / chunk;
            String dispatchDesc = indirectDescriptor(ft); // (params..., int slot, Module)
            Label[] byChunk = new Label[chunks];
            if (chunks > 1) {
                mv.visitVarInsn(ALOAD, refSlot);
                mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "typeSlot", "I");
                Jvm.pushInt(mv, Integer.numberOfTrailingZeros(chunk));
                mv.visitInsn(IUSHR);
                for (int c = 0; c < chunks; c++) {
                    byChunk[c] = new Label();
                }
                mv.visitTableSwitchInsn(0, chunks - 1, slow, byChunk);
            }
            for (int c = 0; c < chunks; c++) {
                if (chunks > 1) {
                    mv.visitLabel(byChunk[c]);
                }
                loadParams(mv, ft);
                mv.visitVarInsn(ALOAD, refSlot);
                mv.visitFieldInsn(GETFIELD, Jvm.FUNCREF, "typeSlot", "I");
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, className, requestDispatch(ft, c), dispatchDesc, false);
                mv.visitInsn(ft.resultCount() == 0 ? RETURN : Jvm.returnOp(ft.result(0)));
            }
        }
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, refSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.FUNCREF, "handle", "()Ljava/lang/invoke/MethodHandle;", false);
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

    /** Defined functions with signature {@code ft}, in index order: position = typeSlot. */
    private List<Integer> definedFunctionsOf(FuncType ft) {
        return functionsBySignature.computeIfAbsent(ft.key(), k -> {
            List<Integer> out = new ArrayList<>();
            for (int f = parsed.importedFuncs; f < parsed.functionCount(); f++) {
                if (parsed.funcType(f).key().equals(k)) {
                    out.add(f);
                }
            }
            return out;
        });
    }

    private final Map<String, List<Integer>> functionsBySignature = new HashMap<>();
    /** Dispatch chunk methods to emit: name → signature. */
    private final Map<String, FuncType> dispatches = new TreeMap<>();

    /** Cases per dispatch method: a power of two that keeps the method well under the JIT limit. */
    private static int dispatchChunk(FuncType ft) {
        int caseBytes = 12 + 2 * paramSlots(ft);
        int chunk = Integer.highestOneBit(Math.max(16, Math.min(1024, 5000 / caseBytes)));
        return chunk;
    }

    private String requestDispatch(FuncType ft, int chunk) {
        String name = "dispatch$" + parsed.types.indexOf(ft) + "$" + chunk;
        dispatches.put(name, ft);
        return name;
    }

    /** {@code dispatch$T$c(params..., int typeSlot, Module)}: a switch calling the functions of chunk c. */
    private void emitDispatch(ClassVisitor cw, String name, FuncType ft) {
        int c = Integer.parseInt(name.substring(name.lastIndexOf('$') + 1));
        int chunk = dispatchChunk(ft);
        List<Integer> all = definedFunctionsOf(ft);
        List<Integer> mine = all.subList(c * chunk, Math.min(all.size(), (c + 1) * chunk));
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC | ACC_SYNTHETIC, name, indirectDescriptor(ft), null, null);
        mv.visitCode();
        int slotSlot = paramSlots(ft);
        int instSlot = slotSlot + 1;
        mv.visitVarInsn(ILOAD, slotSlot);
        Label[] cases = new Label[mine.size()];
        for (int k = 0; k < cases.length; k++) {
            cases[k] = new Label();
        }
        Label never = new Label();
        mv.visitTableSwitchInsn(c * chunk, c * chunk + cases.length - 1, never, cases);
        for (int k = 0; k < cases.length; k++) {
            int f = mine.get(k);
            mv.visitLabel(cases[k]);
            loadParams(mv, ft);
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitMethodInsn(INVOKESTATIC, ownerOf(f), methodNameOf(f), staticDescriptor(ft), false);
            mv.visitInsn(ft.resultCount() == 0 ? RETURN : Jvm.returnOp(ft.result(0)));
        }
        mv.visitLabel(never);
        mv.visitMethodInsn(INVOKESTATIC, Jvm.TRAP, "unreachable", "()L" + Jvm.TRAP + ";", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
