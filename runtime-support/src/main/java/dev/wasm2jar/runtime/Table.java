package dev.wasm2jar.runtime;

import java.util.Arrays;

/** A table of references ({@link FuncRef} or any object for externref; null is ref.null). */
public final class Table {
    private final ValType elementType;
    private final long declaredMax; // -1: none
    private Object[] elements;
    private int size;

    public Table(ValType elementType, int initialSize, long declaredMax) {
        this.elementType = elementType;
        this.declaredMax = declaredMax;
        this.elements = new Object[initialSize];
        this.size = initialSize;
    }

    public ValType elementType() {
        return elementType;
    }

    public int size() {
        return size;
    }

    public long declaredMax() {
        return declaredMax;
    }

    public Object get(int index) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Trap.outOfBoundsTable();
        }
        return elements[index];
    }

    public void set(int index, Object value) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Trap.outOfBoundsTable();
        }
        elements[index] = value;
    }

    /** {@code table.grow}: the old size, or -1 when it cannot grow. */
    public int grow(int delta, Object init) {
        int old = size;
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        long max = declaredMax < 0 ? 0xFFFFFFFFL : Math.min(declaredMax, 0xFFFFFFFFL);
        if (wanted > max || wanted > Integer.MAX_VALUE - 8) {
            return -1;
        }
        if (wanted > elements.length) {
            try {
                elements = Arrays.copyOf(elements, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(wanted, elements.length * 2L)));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        Arrays.fill(elements, old, (int) wanted, init);
        size = (int) wanted;
        return old;
    }

    /** {@code table.fill}. */
    public void fill(int start, Object value, int count) {
        checkRange(start, count);
        Arrays.fill(elements, start, start + count, value);
    }

    /** {@code table.copy} from {@code src} (which may be this table) into this table. */
    public void copyFrom(Table src, int dest, int srcStart, int count) {
        checkRange(dest, count);
        src.checkRange(srcStart, count);
        System.arraycopy(src.elements, srcStart, elements, dest, count);
    }

    /** {@code table.init} and active element segments. A dropped segment is an empty one. */
    public void init(int dest, Object[] segment, int srcStart, int count) {
        int segLen = segment == null ? 0 : segment.length;
        if ((srcStart & 0xFFFFFFFFL) + (count & 0xFFFFFFFFL) > segLen) {
            throw Trap.outOfBoundsTable();
        }
        checkRange(dest, count);
        if (count != 0) {
            System.arraycopy(segment, srcStart, elements, dest, count);
        }
    }

    private void checkRange(int start, int count) {
        if ((start & 0xFFFFFFFFL) + (count & 0xFFFFFFFFL) > size) {
            throw Trap.outOfBoundsTable();
        }
    }

    /**
     * The target of {@code call_indirect}: the element at {@code index}, which must be a function
     * of signature {@code typeKey} (an interned {@link FuncType#key()}).
     */
    public FuncRef funcForCall(int index, String typeKey) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Trap.undefinedElement();
        }
        Object e = elements[index];
        if (e == null) {
            throw Trap.uninitializedElement();
        }
        FuncRef f = (FuncRef) e;
        if (f.typeKey != typeKey) {
            throw Trap.indirectCallTypeMismatch();
        }
        return f;
    }

    // ---- static forms for generated code: operands in wasm stack order, the table last ----

    public static Object tableGet(int index, Table t) {
        return t.get(index);
    }

    public static void tableSet(int index, Object value, Table t) {
        t.set(index, value);
    }

    public static int tableSize(Table t) {
        return t.size;
    }

    public static int tableGrow(Object init, int delta, Table t) {
        return t.grow(delta, init);
    }

    public static void tableFill(int start, Object value, int count, Table t) {
        t.fill(start, value, count);
    }

    public static void tableCopy(int dest, int src, int count, Table dst, Table srcTable) {
        dst.copyFrom(srcTable, dest, src, count);
    }

    public static void tableInit(int dest, int src, int count, Object[] segment, Table t) {
        t.init(dest, segment, src, count);
    }
}
