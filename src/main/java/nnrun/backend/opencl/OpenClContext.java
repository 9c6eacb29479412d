package nnrun.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.jocl.CL.*;

/**
 * One OpenCL device opened through JOCL: a context and an in-order command queue with profiling,
 * so copies can be timed apart from kernels. Everything nnrun sends to the device goes through
 * this queue, so a kernel always sees the results of the kernels and copies enqueued before it.
 */
final class OpenClContext implements AutoCloseable {
    final cl_context context;
    final cl_command_queue queue;
    final cl_device_id device;
    final String deviceName;
    final int maxWorkGroupSize;
    final long globalMemBytes;
    final TransferStats stats = new TransferStats();
    /** A launched kernel whose device time has not been read yet. */
    private record Launch(cl_event event, String kernel) {}
    private final List<Launch> running = new ArrayList<>();

    /** Opens the device that discovery reported (same platform and device name). */
    OpenClContext(OpenClDeviceInfo info) {
        CL.setExceptionsEnabled(true);
        cl_platform_id platform = null;
        cl_device_id found = null;
        for (cl_platform_id p : platforms()) {
            if (!platformString(p, CL_PLATFORM_NAME).equals(info.platform())) continue;
            for (cl_device_id d : devices(p))
                if (deviceString(d, CL_DEVICE_NAME).trim().equals(info.name())) { platform = p; found = d; break; }
            if (found != null) break;
        }
        if (found == null)
            throw new OpenClUnavailableException("the OpenCL runtime no longer lists the device " + info.name() + " on " + info.platform());
        device = found;
        deviceName = info.name();
        maxWorkGroupSize = (int) Math.min(Integer.MAX_VALUE, deviceLong(found, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t));
        globalMemBytes = deviceLong(found, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong);
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, platform);
        context = clCreateContext(props, 1, new cl_device_id[] {found}, null, null, null);
        // clCreateCommandQueue is deprecated in OpenCL 2.0 but is the call every 1.2 driver (NVIDIA's) has.
        @SuppressWarnings("deprecation")
        cl_command_queue q = clCreateCommandQueue(context, found, CL_QUEUE_PROFILING_ENABLE, null);
        queue = q;
    }

    /** Compiles OpenCL C for this device; a build error comes back with the compiler's log. */
    cl_kernel compile(String source, String entryPoint, String what) {
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {device}, "", null, null);
        } catch (CLException e) {
            throw new KernelFallbackException("the OpenCL compiler of " + deviceName + " rejected " + what + ": " + e.getMessage()
                    + "\n" + buildLog(program), e);
        }
        cl_kernel kernel = clCreateKernel(program, entryPoint, null);
        clReleaseProgram(program); // the kernel keeps it alive
        return kernel;
    }

    /** Nanoseconds between an event's start and end on the device; releases the event. */
    static long durationNanos(cl_event event) {
        long[] start = new long[1], end = new long[1];
        clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
        clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
        clReleaseEvent(event);
        return Math.max(0, end[0] - start[0]);
    }

    /** Counts a launch; its device time is read once the queue has run it. */
    synchronized void launched(cl_event event, String kernel) {
        stats.countLaunch();
        running.add(new Launch(event, kernel));
        if (running.size() >= 512) settle(); // bounds the events held, at the cost of one wait per 512 launches
    }

    /** Waits for everything enqueued and books the kernels' device time. */
    synchronized void settle() {
        clFinish(queue);
        for (Launch l : running) stats.addCompute(l.kernel, durationNanos(l.event));
        running.clear();
    }

    @Override public void close() {
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return cString(log);
    }

    static List<cl_platform_id> platforms() {
        int[] n = new int[1];
        clGetPlatformIDs(0, null, n);
        cl_platform_id[] ps = new cl_platform_id[n[0]];
        clGetPlatformIDs(ps.length, ps, null);
        return List.of(ps);
    }

    static List<cl_device_id> devices(cl_platform_id platform) {
        int[] n = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n);
        } catch (CLException e) { // CL_DEVICE_NOT_FOUND: a platform without devices
            return List.of();
        }
        cl_device_id[] ds = new cl_device_id[n[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
        return new ArrayList<>(List.of(ds));
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    static long deviceLong(cl_device_id d, int param, int size) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, size, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
