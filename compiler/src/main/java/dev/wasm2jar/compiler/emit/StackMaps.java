package dev.wasm2jar.compiler.emit;

import static org.objectweb.asm.Opcodes.*;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes a generated method's stack map frames and its max stack and locals in one forward pass
 * over the instructions, in place of ASM's {@code COMPUTE_FRAMES} (a data-flow analysis to a fixed
 * point over every basic block, about a quarter of a compile's time).
 *
 * <p>One pass suffices because of how the emitters use the JVM: every local slot holds one type
 * for the whole method (wasm locals are typed; temporaries are pooled by type), code after an
 * unconditional jump is never emitted unless a label that something jumps to comes first, and a
 * label's state is known when it is placed: from the fall-through and the forward jumps already
 * seen. A backward jump is then only checked against the frame already written at its target.
 *
 * <p>Where that does not hold, nothing is guessed: {@link Unknown} is thrown and the class is
 * written again with ASM computing the frames ({@code ModuleEmitter}). Tests check that the Go
 * fixtures and the spec modules never need that.
 *
 * <p>Types are ASM's frame types: {@code Opcodes.INTEGER} &amp; co., {@code NULL}, {@code TOP},
 * internal names for references, and the {@code NEW} instruction's label for an uninitialized
 * object. A long or double is one entry on the stack and two slots in the locals (the second
 * {@code TOP}). Two different reference types merge to {@code java/lang/Object}, as ASM's
 * frames did here ({@code ModuleEmitter}'s {@code getCommonSuperClass}).
 */
final class StackMaps extends MethodVisitor {
    /** The method's code leaves what one pass can type; the class is written with ASM's frames. */
    static final class Unknown extends RuntimeException {
        Unknown(String what) {
            super(what, null, false, false);
        }
    }

    private static final String OBJECT = "java/lang/Object";

    /**
     * A label's state: merged from what jumped to it until it is placed; from then on, the frame
     * written there (null locals: placed where nothing reached it, so no frame).
     */
    private static final class LabelState {
        Object[] locals;
        Object[] stack;
        int sp;
        boolean placed;
    }

    private final String owner;
    private final String name;

    /** The current state: local slots [0, nLocals) (null: unassigned), and the stack. */
    private Object[] locals = new Object[16];
    private int nLocals;
    private Object[] stack = new Object[16];
    private int sp;
    private int stackSlots;
    /** Reference slots whose frames name this type, not the {@code NULL} they may start as. */
    private String[] declared = new String[0];
    private int maxStack;
    private int maxLocals;
    private boolean reachable = true;

    /** Labels placed at the current offset, whose frame is written before the next instruction. */
    private LabelState[] pending = new LabelState[4];
    private int pendingCount;
    /**
     * An unchanging copy of the current locals, shared by the labels recorded while the locals
     * stay as they are (null after a change): in a Go function they change in the prologue only,
     * so most merges compare two references.
     */
    private Object[] snapshot;
    /** The locals of the last frame written (initially the method's entry frame), as frames give them. */
    private Object[] lastFrame;
    /** The snapshot {@link #lastFrame} was made from. */
    private Object[] lastFrameSource;
    private static final Object[] EMPTY = new Object[0];

    StackMaps(MethodVisitor next, String owner, int access, String name, String descriptor) {
        super(ASM9, next);
        this.owner = owner;
        this.name = name;
        int slot = 0;
        if ((access & ACC_STATIC) == 0) {
            setLocal(slot++, name.equals("<init>") ? UNINITIALIZED_THIS : owner);
        }
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            Object t = fieldType(descriptor, i);
            setLocal(slot, t);
            slot += wide(t) ? 2 : 1;
            i = descriptorEnd(descriptor, i);
        }
        lastFrame = frameLocals();
    }

    /**
     * Slot {@code slot} holds references of type {@code internalName} (or null): frames say so
     * even where it holds a null constant so far, so that a loop's back edge storing a real
     * reference there matches the loop head's frame.
     */
    void declareReference(int slot, String internalName) {
        if (slot >= declared.length) {
            declared = Arrays.copyOf(declared, Math.max(slot + 1, declared.length * 2));
        }
        declared[slot] = internalName;
    }

    // ---- state ----

    private void setLocal(int slot, Object type) {
        int size = wide(type) ? 2 : 1;
        if (slot + size > locals.length) {
            locals = Arrays.copyOf(locals, Math.max(slot + size, locals.length * 2));
        }
        if (slot > 0 && wide(locals[slot - 1])) {
            locals[slot - 1] = TOP; // overwrote the second half of a long or double
            snapshot = null;
        }
        if (locals[slot] != type || slot >= nLocals) {
            snapshot = null;
        }
        locals[slot] = type;
        if (size == 2) {
            locals[slot + 1] = TOP;
        }
        nLocals = Math.max(nLocals, slot + size);
        maxLocals = Math.max(maxLocals, nLocals);
    }

    private Object local(int slot) {
        Object t = slot < nLocals ? locals[slot] : null;
        if (t == null || t == TOP) {
            throw new Unknown(name + ": slot " + slot + " read where it is not assigned on every path");
        }
        return t;
    }

    private void push(Object type) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = type;
        stackSlots += wide(type) ? 2 : 1;
        maxStack = Math.max(maxStack, stackSlots);
    }

    private Object pop() {
        if (sp == 0) {
            throw new Unknown(name + ": stack underflow");
        }
        Object t = stack[--sp];
        stackSlots -= wide(t) ? 2 : 1;
        return t;
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private static boolean wide(Object t) {
        return t == LONG || t == DOUBLE;
    }

    private static boolean isReference(Object t) {
        return t instanceof String || t == NULL;
    }

    private static final ConcurrentHashMap<String, Object> FIELD_TYPES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Object[]> METHOD_SHAPES = new ConcurrentHashMap<>();

    /** The frame type of a field descriptor. */
    private static Object fieldType(String descriptor) {
        Object t = FIELD_TYPES.get(descriptor);
        if (t == null) {
            t = fieldType(descriptor, 0);
            FIELD_TYPES.put(descriptor, t);
        }
        return t;
    }

    /** {argument count, return type or null for void} of a method descriptor. */
    private static Object[] methodShape(String descriptor) {
        Object[] shape = METHOD_SHAPES.get(descriptor);
        if (shape == null) {
            int args = 0;
            int i = 1;
            while (descriptor.charAt(i) != ')') {
                i = descriptorEnd(descriptor, i);
                args++;
            }
            shape = new Object[] {args, descriptor.charAt(i + 1) == 'V' ? null : fieldType(descriptor, i + 1)};
            METHOD_SHAPES.put(descriptor, shape);
        }
        return shape;
    }

    /** The frame type of the field descriptor at {@code at} in {@code d}. */
    private static Object fieldType(String d, int at) {
        switch (d.charAt(at)) {
            case 'Z': case 'B': case 'C': case 'S': case 'I': return INTEGER;
            case 'J': return LONG;
            case 'F': return FLOAT;
            case 'D': return DOUBLE;
            case 'L': return d.substring(at + 1, d.indexOf(';', at));
            case '[': return d.substring(at, descriptorEnd(d, at));
            default: throw new Unknown("descriptor " + d);
        }
    }

    /** Where the field descriptor at {@code at} in {@code d} ends. */
    private static int descriptorEnd(String d, int at) {
        while (d.charAt(at) == '[') {
            at++;
        }
        return d.charAt(at) == 'L' ? d.indexOf(';', at) + 1 : at + 1;
    }

    // ---- labels and frames ----

    private LabelState stateOf(Label label) {
        Object info = label.info;
        if (info == null) {
            LabelState s = new LabelState();
            label.info = s;
            return s;
        }
        if (!(info instanceof LabelState)) {
            throw new Unknown(name + ": a label carries someone else's info");
        }
        return (LabelState) info;
    }

    /** The current state flows to {@code label} (a jump, or falling into it). */
    private void flowTo(Label label) {
        LabelState s = stateOf(label);
        if (s.placed) {
            if (s.locals == null) {
                throw new Unknown(name + ": a backward jump to a label nothing reached before");
            }
            if (!assignable(s)) {
                throw new Unknown(name + ": a backward jump's state does not match its target's frame");
            }
        } else if (s.locals == null) {
            s.locals = snapshot();
            s.stack = stackCopy();
            s.sp = sp;
        } else {
            merge(s);
        }
    }

    private Object[] snapshot() {
        if (snapshot == null) {
            snapshot = nLocals == 0 ? EMPTY : Arrays.copyOf(locals, nLocals);
        }
        return snapshot;
    }

    private Object[] stackCopy() {
        return sp == 0 ? EMPTY : Arrays.copyOf(stack, sp);
    }

    private void merge(LabelState s) {
        if (s.sp != sp) {
            throw new Unknown(name + ": stack heights differ where paths meet");
        }
        Object[] ls = s.locals;
        if (ls != snapshot) {
            int n = Math.min(ls.length, nLocals); // slots beyond either are unassigned on some path
            Object[] merged = null; // snapshots are shared: copy before changing
            for (int i = 0; i < n; i++) {
                Object a = ls[i];
                Object b = locals[i];
                if (a != b && (a == null || !a.equals(b))) {
                    if (merged == null) {
                        merged = Arrays.copyOf(ls, n);
                    }
                    merged[i] = isReference(a) && isReference(b) ? mergeReferences(a, b) : TOP;
                }
            }
            if (merged == null && n < ls.length) {
                merged = Arrays.copyOf(ls, n);
            }
            if (merged != null) {
                s.locals = merged;
            }
        }
        for (int i = 0; i < sp; i++) {
            Object a = s.stack[i];
            Object b = stack[i];
            if (a != b && !a.equals(b)) {
                if (!isReference(a) || !isReference(b)) {
                    throw new Unknown(name + ": stack types differ where paths meet");
                }
                s.stack[i] = mergeReferences(a, b); // a label's own copy (stackCopy)
            }
        }
    }

    private static Object mergeReferences(Object a, Object b) {
        return a == NULL ? b : b == NULL ? a : OBJECT;
    }

    /** Whether the current state may jump back to a placed label, whose frame is {@code s}. */
    private boolean assignable(LabelState s) {
        if (s.sp != sp) {
            return false;
        }
        Object[] ls = s.locals;
        for (int i = 0; i < ls.length; i++) {
            Object f = frameLocal(ls[i], i);
            if (f != TOP && !assignable(i < nLocals ? locals[i] : null, f)) {
                return false;
            }
        }
        for (int i = 0; i < sp; i++) {
            if (!assignable(stack[i], s.stack[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean assignable(Object value, Object frame) {
        if (value == frame || (value != null && value.equals(frame))) {
            return true;
        }
        return isReference(frame) && (value == NULL || (frame.equals(OBJECT) && value instanceof String));
    }

    /** Slot {@code i}'s type as frames give it: unassigned is TOP, a null in a declared slot has its type. */
    private Object frameLocal(Object t, int i) {
        if (t == null) {
            return TOP;
        }
        if (t == NULL && i < declared.length && declared[i] != null) {
            return declared[i];
        }
        return t;
    }

    /** The current locals as frames give them, without the unassigned tail. */
    private Object[] frameLocals() {
        int end = nLocals;
        while (end > 0 && (locals[end - 1] == null || locals[end - 1] == TOP)) {
            end--;
        }
        Object[] out = new Object[end];
        for (int i = 0; i < end; i++) {
            out[i] = frameLocal(locals[i], i);
        }
        return out;
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        LabelState s = stateOf(label);
        if (s.placed) {
            throw new Unknown(name + ": a label placed twice");
        }
        if (reachable) {
            flowTo(label);
        }
        s.placed = true;
        if (s.locals == null) {
            return; // nothing reaches it (yet): no frame; code after it, if any, is reported
        }
        Object[] ls = s.locals;
        if (ls.length > locals.length) {
            locals = Arrays.copyOf(locals, ls.length);
        }
        System.arraycopy(ls, 0, locals, 0, ls.length);
        for (int i = ls.length; i < nLocals; i++) {
            locals[i] = null;
        }
        nLocals = ls.length;
        snapshot = ls;
        System.arraycopy(s.stack, 0, stack, 0, s.sp);
        sp = s.sp;
        stackSlots = 0;
        for (int i = 0; i < sp; i++) {
            stackSlots += wide(stack[i]) ? 2 : 1;
        }
        reachable = true;
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = s;
    }

    /** Before an instruction: the frame of the labels just placed, and a check that it is reachable. */
    private void instruction() {
        if (pendingCount > 0) {
            writeFrame();
        }
        if (!reachable) {
            throw new Unknown(name + ": code that nothing reaches");
        }
    }

    /**
     * The labels at this offset share one frame, the merge of what reaches any of them: the
     * current state. Written compressed against the last frame, so that ASM converts types only
     * where the locals changed.
     */
    private void writeFrame() {
        Object[] current = snapshot();
        Object[] currentStack = stackCopy(); // placed labels' states are only read from now on: shared
        for (int i = 0; i < pendingCount; i++) {
            LabelState s = pending[i];
            s.locals = current;
            s.stack = currentStack;
            s.sp = sp;
            pending[i] = null;
        }
        pendingCount = 0;
        Object[] frame = current == lastFrameSource ? lastFrame : frameLocals();
        lastFrameSource = current;
        if (Arrays.equals(frame, lastFrame) && sp <= 1) {
            if (sp == 0) {
                super.visitFrame(F_SAME, 0, null, 0, null);
            } else {
                super.visitFrame(F_SAME1, 0, null, 1, currentStack);
            }
            return;
        }
        lastFrame = frame;
        Object[] entries = new Object[frame.length];
        int n = 0;
        for (int i = 0; i < frame.length; i++) {
            entries[n++] = frame[i];
            if (wide(frame[i])) {
                i++;
            }
        }
        super.visitFrame(F_FULL, n, entries, sp, currentStack);
    }

    /** After an unconditional transfer: nothing falls through. */
    private void noFallThrough() {
        reachable = false;
        sp = 0;
        stackSlots = 0;
    }

    // ---- instructions ----

    @Override
    public void visitInsn(int opcode) {
        instruction();
        super.visitInsn(opcode);
        switch (opcode) {
            case NOP: break;
            case ACONST_NULL: push(NULL); break;
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4: case ICONST_5:
                push(INTEGER);
                break;
            case LCONST_0: case LCONST_1: push(LONG); break;
            case FCONST_0: case FCONST_1: case FCONST_2: push(FLOAT); break;
            case DCONST_0: case DCONST_1: push(DOUBLE); break;
            case IALOAD: case BALOAD: case CALOAD: case SALOAD: pop(2); push(INTEGER); break;
            case LALOAD: pop(2); push(LONG); break;
            case FALOAD: pop(2); push(FLOAT); break;
            case DALOAD: pop(2); push(DOUBLE); break;
            case AALOAD: {
                pop();
                Object array = pop();
                if (array == NULL) {
                    push(NULL);
                } else if (array instanceof String && ((String) array).startsWith("[")) {
                    push(fieldType((String) array, 1));
                } else {
                    throw new Unknown(name + ": aaload on " + array);
                }
                break;
            }
            case IASTORE: case LASTORE: case FASTORE: case DASTORE: case AASTORE: case BASTORE: case CASTORE:
            case SASTORE:
                pop(3);
                break;
            case POP: pop(); break;
            case POP2: if (!wide(pop())) { pop(); } break;
            case DUP: duplicate(1, 0); break;
            case DUP_X1: duplicate(1, 1); break;
            case DUP_X2: duplicate(1, 2); break;
            case DUP2: duplicate(2, 0); break;
            case DUP2_X1: duplicate(2, 1); break;
            case DUP2_X2: duplicate(2, 2); break;
            case SWAP: { Object a = pop(); Object b = pop(); push(a); push(b); break; }
            case IADD: case ISUB: case IMUL: case IDIV: case IREM: case ISHL: case ISHR: case IUSHR: case IAND: case IOR:
            case IXOR: case LCMP: case FCMPL: case FCMPG: case DCMPL: case DCMPG:
                pop(2);
                push(INTEGER);
                break;
            case LADD: case LSUB: case LMUL: case LDIV: case LREM: case LAND: case LOR: case LXOR: case LSHL: case LSHR:
            case LUSHR:
                pop(2);
                push(LONG);
                break;
            case FADD: case FSUB: case FMUL: case FDIV: case FREM: pop(2); push(FLOAT); break;
            case DADD: case DSUB: case DMUL: case DDIV: case DREM: pop(2); push(DOUBLE); break;
            case INEG: case L2I: case F2I: case D2I: case I2B: case I2C: case I2S: case ARRAYLENGTH:
                pop();
                push(INTEGER);
                break;
            case LNEG: case I2L: case F2L: case D2L: pop(); push(LONG); break;
            case FNEG: case I2F: case L2F: case D2F: pop(); push(FLOAT); break;
            case DNEG: case I2D: case L2D: case F2D: pop(); push(DOUBLE); break;
            case IRETURN: case LRETURN: case FRETURN: case DRETURN: case ARETURN: case RETURN: case ATHROW:
                noFallThrough();
                break;
            case MONITORENTER: case MONITOREXIT: pop(); break;
            default: throw new Unknown(name + ": opcode " + opcode);
        }
    }

    /**
     * The dup family: copies the top {@code copied} stack slots below the {@code skipped} slots
     * under them (a long or double is two slots and moves whole).
     */
    private void duplicate(int copied, int skipped) {
        int nTop = takeSlots(copied, dupTop);
        int nBelow = takeSlots(skipped, dupBelow);
        pushBack(dupTop, nTop);
        pushBack(dupBelow, nBelow);
        pushBack(dupTop, nTop);
    }

    private final Object[] dupTop = new Object[2];
    private final Object[] dupBelow = new Object[2];

    /** Pops entries that fill {@code slots} stack slots into {@code into}, top first; returns how many. */
    private int takeSlots(int slots, Object[] into) {
        int n = 0;
        while (slots > 0) {
            Object t = pop();
            into[n++] = t;
            slots -= wide(t) ? 2 : 1;
        }
        if (slots < 0) {
            throw new Unknown(name + ": a dup splits a long or double");
        }
        return n;
    }

    /** Pushes what {@link #takeSlots} popped, in its original order. */
    private void pushBack(Object[] entries, int n) {
        for (int i = n - 1; i >= 0; i--) {
            push(entries[i]);
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
        if (opcode == NEWARRAY) {
            pop();
            switch (operand) {
                case T_BOOLEAN: push("[Z"); break;
                case T_CHAR: push("[C"); break;
                case T_FLOAT: push("[F"); break;
                case T_DOUBLE: push("[D"); break;
                case T_BYTE: push("[B"); break;
                case T_SHORT: push("[S"); break;
                case T_INT: push("[I"); break;
                case T_LONG: push("[J"); break;
                default: throw new Unknown(name + ": newarray " + operand);
            }
        } else {
            push(INTEGER); // bipush, sipush
        }
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        instruction();
        super.visitVarInsn(opcode, slot);
        switch (opcode) {
            case ILOAD: case LLOAD: case FLOAD: case DLOAD: case ALOAD:
                push(local(slot));
                maxLocals = Math.max(maxLocals, slot + (opcode == LLOAD || opcode == DLOAD ? 2 : 1));
                break;
            case ISTORE: pop(); setLocal(slot, INTEGER); break;
            case LSTORE: pop(); setLocal(slot, LONG); break;
            case FSTORE: pop(); setLocal(slot, FLOAT); break;
            case DSTORE: pop(); setLocal(slot, DOUBLE); break;
            case ASTORE: setLocal(slot, pop()); break;
            default: throw new Unknown(name + ": opcode " + opcode);
        }
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        instruction();
        super.visitIincInsn(slot, increment);
        local(slot);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode == NEW) {
            instruction();
            Label at = new Label();
            super.visitLabel(at); // names the uninitialized value in frames
            super.visitTypeInsn(opcode, type);
            at.info = type;
            push(at);
            return;
        }
        instruction();
        super.visitTypeInsn(opcode, type);
        switch (opcode) {
            case ANEWARRAY: pop(); push(type.startsWith("[") ? "[" + type : "[L" + type + ";"); break;
            case CHECKCAST: pop(); push(type); break;
            case INSTANCEOF: pop(); push(INTEGER); break;
            default: throw new Unknown(name + ": opcode " + opcode);
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String descriptor) {
        instruction();
        super.visitFieldInsn(opcode, fieldOwner, fieldName, descriptor);
        switch (opcode) {
            case GETSTATIC: push(fieldType(descriptor)); break;
            case PUTSTATIC: pop(); break;
            case GETFIELD: pop(); push(fieldType(descriptor)); break;
            case PUTFIELD: pop(2); break;
            default: throw new Unknown(name + ": opcode " + opcode);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String methodName, String descriptor,
            boolean isInterface) {
        instruction();
        super.visitMethodInsn(opcode, methodOwner, methodName, descriptor, isInterface);
        Object[] shape = popArguments(descriptor);
        if (opcode != INVOKESTATIC) {
            Object receiver = pop();
            if (methodName.equals("<init>")) {
                Object initialized = receiver == UNINITIALIZED_THIS ? owner : ((Label) receiver).info;
                replaceEverywhere(receiver, initialized);
            }
        }
        pushResult(shape);
    }

    @Override
    public void visitInvokeDynamicInsn(String indyName, String descriptor, Handle bootstrap, Object... args) {
        instruction();
        super.visitInvokeDynamicInsn(indyName, descriptor, bootstrap, args);
        pushResult(popArguments(descriptor));
    }

    /** Pops a call's arguments; returns the descriptor's {@link #methodShape}. */
    private Object[] popArguments(String descriptor) {
        Object[] shape = methodShape(descriptor);
        pop((Integer) shape[0]);
        return shape;
    }

    private void pushResult(Object[] shape) {
        if (shape[1] != null) {
            push(shape[1]);
        }
    }

    private void replaceEverywhere(Object from, Object to) {
        for (int i = 0; i < sp; i++) {
            if (stack[i] == from) {
                stack[i] = to;
            }
        }
        for (int i = 0; i < nLocals; i++) {
            if (locals[i] == from) {
                locals[i] = to;
            }
        }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
        switch (opcode) {
            case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: case IFNULL: case IFNONNULL:
                pop();
                flowTo(label);
                break;
            case IF_ICMPEQ: case IF_ICMPNE: case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE:
            case IF_ACMPEQ: case IF_ACMPNE:
                pop(2);
                flowTo(label);
                break;
            case GOTO:
                flowTo(label);
                noFallThrough();
                break;
            default: throw new Unknown(name + ": opcode " + opcode);
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(value);
        if (value instanceof Integer) {
            push(INTEGER);
        } else if (value instanceof Long) {
            push(LONG);
        } else if (value instanceof Float) {
            push(FLOAT);
        } else if (value instanceof Double) {
            push(DOUBLE);
        } else if (value instanceof String) {
            push("java/lang/String");
        } else if (value instanceof Type) {
            push(((Type) value).getSort() == Type.METHOD ? "java/lang/invoke/MethodType" : "java/lang/Class");
        } else if (value instanceof Handle) {
            push("java/lang/invoke/MethodHandle");
        } else if (value instanceof ConstantDynamic) {
            push(fieldType(((ConstantDynamic) value).getDescriptor()));
        } else {
            throw new Unknown(name + ": ldc " + value);
        }
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
        switchTo(dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
        switchTo(dflt, labels);
    }

    private void switchTo(Label dflt, Label[] labels) {
        pop();
        flowTo(dflt);
        for (Label l : labels) {
            flowTo(l);
        }
        noFallThrough();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        pop(numDimensions);
        push(descriptor);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        throw new Unknown(name + ": exception handlers");
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        throw new Unknown(name + ": frames given by the emitter");
    }

    @Override
    public void visitMaxs(int ignoredStack, int ignoredLocals) {
        if (pendingCount > 0) {
            throw new Unknown(name + ": a label at the end of the code");
        }
        super.visitMaxs(maxStack, maxLocals);
    }
}
