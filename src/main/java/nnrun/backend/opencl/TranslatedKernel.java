package nnrun.backend.opencl;

import com.aparapi.Kernel;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.model.Entrypoint;
import com.aparapi.internal.writer.KernelWriter;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

/**
 * One of nnrun's kernels, written in Java as an Aparapi {@link Kernel}, translated to OpenCL C by
 * Aparapi and launched through JOCL on buffers that {@link DeviceMemory} keeps on the device.
 *
 * <p>Aparapi's own launcher is not used: it ties each device buffer to the Java array's address,
 * which the garbage collector changes, and it keeps no buffer across kernels. Launching the
 * translation directly also removes Aparapi's silent fallback to a Java thread pool: a kernel
 * Aparapi cannot translate fails here, with Aparapi's reason, before any launch.
 *
 * <p>The backend sets the Java kernel's fields, as for an Aparapi launch, and calls {@link #run}
 * or {@link #runTiles}; each parameter of the generated {@code run} is bound from the field of
 * the same name.
 */
final class TranslatedKernel<K extends Kernel> {
    static final int WORK_GROUP = 64;

    /**
     * Bound to the array fields a launch does not touch. They are never uploaded nor marked written,
     * so a launch may bind them to several parameters at once.
     */
    static final float[] UNUSED_FLOATS = new float[1];
    static final int[] UNUSED_INTS = new int[1];

    private static final String WHY = " (usually a construct Aparapi cannot translate: switch, objects,"
            + " exceptions, calls outside the kernel)";

    private enum Kind { GLOBAL, LOCAL, INT, FLOAT, PASS_ID }

    private record Param(Kind kind, Field field, boolean written) {}

    /** The Java kernel: its fields are the arguments of the next launch. */
    final K fields;
    private final OpenClContext cl;
    private final DeviceMemory memory;
    private final cl_kernel kernel;
    private final Param[] params;
    private final int workGroup;
    /** The kernel's class name, in errors and in the device time per kernel. */
    private final String name;

    TranslatedKernel(OpenClContext cl, DeviceMemory memory, K fields) {
        this.fields = fields;
        this.name = fields.getClass().getSimpleName();
        this.cl = cl;
        this.memory = memory;
        this.workGroup = Math.min(WORK_GROUP, Math.max(1, cl.maxWorkGroupSize));
        String source;
        Entrypoint entry;
        try {
            entry = ClassModel.createClassModel(fields.getClass()).getEntrypoint("run", fields);
            source = KernelWriter.writeToString(entry);
        } catch (Throwable t) { // Aparapi reports untranslatable bytecode with its own exceptions and errors
            throw new KernelFallbackException("Aparapi cannot translate " + name + " to OpenCL: " + t + WHY, t);
        }
        this.params = parameters(source, entry.getArrayFieldAssignments());
        this.kernel = cl.compile(source, "run", name);
    }

    /** One work-item per index in [0, items); the kernel ignores the padding up to a whole work-group. */
    void run(int items, Object... overwritten) {
        long global = roundUp(Math.max(items, 1), workGroup);
        launch(new long[] {global}, new long[] {workGroup}, overwritten);
    }

    /** groups work-groups of groupSize items each: for kernels that reduce within a group. */
    void runGroups(int groups, int groupSize, Object... overwritten) {
        launch(new long[] {(long) Math.max(groups, 1) * groupSize}, new long[] {groupSize}, overwritten);
    }

    /** Tiles of tile×tile items covering cols×rows, each run by a group×group work-group. */
    void runTiles(int cols, int rows, int tile, int group, Object... overwritten) {
        long gx = roundUp(Math.max(cols, 1), tile) / tile * group, gy = roundUp(Math.max(rows, 1), tile) / tile * group;
        launch(new long[] {gx, gy}, new long[] {group, group}, overwritten);
    }

    /**
     * @param overwritten outputs the launch writes at every element anyone reads later: their old
     *                    values need not reach the device. Every other array is uploaded if the host
     *                    holds newer values.
     */
    private void launch(long[] global, long[] local, Object[] overwritten) {
        Map<Object, Integer> bindings = new IdentityHashMap<>();
        Object[] arrays = new Object[params.length];
        for (int i = 0; i < params.length; i++)
            if (params[i].kind == Kind.GLOBAL) {
                arrays[i] = value(params[i].field);
                bindings.merge(arrays[i], 1, Integer::sum);
            }
        for (int i = 0; i < params.length; i++) {
            Param p = params[i];
            switch (p.kind) {
                case GLOBAL -> {
                    // An array bound twice (an in-place op) is read through the other binding: upload it.
                    boolean skipUpload = unused(arrays[i]) || bindings.get(arrays[i]) == 1 && contains(overwritten, arrays[i]);
                    cl_mem mem = skipUpload ? memory.forOverwriting(arrays[i]) : memory.forReading(arrays[i]);
                    clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
                }
                case LOCAL -> clSetKernelArg(kernel, i, 4L * java.lang.reflect.Array.getLength(value(p.field)), null);
                case INT -> clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {intValue(p.field)}));
                case FLOAT -> clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {floatValue(p.field)}));
                case PASS_ID -> clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {0}));
            }
        }
        cl_event event = new cl_event();
        clEnqueueNDRangeKernel(cl.queue, kernel, global.length, null, global, local, 0, null, event);
        cl.launched(event, name);
        for (int i = 0; i < params.length; i++) if (params[i].written && !unused(arrays[i])) memory.written(arrays[i]);
    }

    private static boolean unused(Object array) { return array == UNUSED_FLOATS || array == UNUSED_INTS; }

    private static boolean contains(Object[] arrays, Object array) {
        for (Object a : arrays) if (a == array) return true;
        return false;
    }

    /** The parameters of the generated {@code __kernel void run(...)}, each tied to its field. */
    private Param[] parameters(String source, Set<String> assigned) {
        int open = source.indexOf("__kernel void run(");
        int close = source.indexOf(')', open);
        if (open < 0 || close < 0) throw new KernelFallbackException("Aparapi's translation of " + name + " has no run kernel");
        List<Param> list = new ArrayList<>();
        for (String decl : source.substring(open + "__kernel void run(".length(), close).split(",")) {
            String[] tokens = decl.trim().split("\\s+");
            String name = tokens[tokens.length - 1].replace("*", "");
            if (name.equals("passid")) { list.add(new Param(Kind.PASS_ID, null, false)); continue; }
            Field f = field(name);
            Kind kind = decl.contains("__global") ? Kind.GLOBAL : decl.contains("__local") ? Kind.LOCAL
                    : f.getType() == int.class ? Kind.INT : f.getType() == float.class ? Kind.FLOAT : null;
            if (kind == null)
                throw new KernelFallbackException(this.name + "." + name + ": only int, float and array fields can be kernel arguments");
            list.add(new Param(kind, f, kind == Kind.GLOBAL && assigned.contains(name)));
        }
        return list.toArray(new Param[0]);
    }

    private Field field(String name) {
        for (Class<?> c = fields.getClass(); c != Kernel.class; c = c.getSuperclass())
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        throw new KernelFallbackException("Aparapi's translation of " + this.name + " takes a parameter " + name
                + " that is not a field of the kernel");
    }

    private Object value(Field f) {
        try { return f.get(fields); } catch (IllegalAccessException e) { throw new IllegalStateException(e); }
    }

    private int intValue(Field f) {
        try { return f.getInt(fields); } catch (IllegalAccessException e) { throw new IllegalStateException(e); }
    }

    private float floatValue(Field f) {
        try { return f.getFloat(fields); } catch (IllegalAccessException e) { throw new IllegalStateException(e); }
    }


    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
