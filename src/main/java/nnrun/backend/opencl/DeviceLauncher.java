package nnrun.backend.opencl;

import com.aparapi.Kernel;
import com.aparapi.ProfileInfo;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;

import java.util.List;

/**
 * Launches kernels on one OpenCL device with explicit transfers, and refuses any launch that did
 * not really run there: Aparapi falls back to its Java thread pool silently when it cannot
 * translate a kernel, so each launch checks where it ran.
 */
final class DeviceLauncher {
    static final int WORK_GROUP = 64;

    private static final String WHY = " (usually a construct Aparapi cannot translate: switch, objects,"
            + " exceptions, calls outside the kernel; Aparapi's warning in the log names it)";

    private final OpenCLDevice device;
    private final int workGroup;
    private final TransferStats stats;

    DeviceLauncher(OpenCLDevice device, TransferStats stats) {
        AparapiSettings.apply();
        this.device = device;
        this.workGroup = Math.min(WORK_GROUP, Math.max(1, device.getMaxWorkGroupSize()));
        this.stats = stats;
    }

    /** Prepares a kernel for this launcher: buffers move only through {@link #put} and {@link #get}. */
    <K extends Kernel> K adopt(K kernel) {
        kernel.setExplicit(true);
        return kernel;
    }

    void put(Kernel k, float[] array) {
        k.put(array);
        stats.put(4L * array.length);
    }

    void put(Kernel k, int[] array) {
        k.put(array);
        stats.put(4L * array.length);
    }

    void get(Kernel k, float[] array) {
        long t0 = System.nanoTime();
        k.get(array);
        stats.got(4L * array.length, System.nanoTime() - t0);
    }

    void get(Kernel k, int[] array) {
        long t0 = System.nanoTime();
        k.get(array);
        stats.got(4L * array.length, System.nanoTime() - t0);
    }

    /** One work-item per index in [0, items); the kernel ignores the padding up to a whole work-group. */
    void run(Kernel k, int items) {
        int global = roundUp(Math.max(items, 1), workGroup);
        execute(k, rangeOf(k, () -> device.createRange(global, workGroup)));
    }

    /** Tiles of tile×tile items covering cols×rows, each run by a group×group work-group. */
    void runTiles(Kernel k, int cols, int rows, int tile, int group) {
        int gx = roundUp(Math.max(cols, 1), tile) / tile * group, gy = roundUp(Math.max(rows, 1), tile) / tile * group;
        execute(k, rangeOf(k, () -> device.createRange2D(gx, gy, group, group)));
    }

    private Range rangeOf(Kernel k, java.util.function.Supplier<Range> create) {
        try {
            return create.get();
        } catch (Throwable t) { // Aparapi signals an unusable device range with AssertionError
            throw new KernelFallbackException("cannot create an OpenCL range for " + name(k) + " on " + device.getName()
                    + ": " + t, t);
        }
    }

    private void execute(Kernel k, Range range) {
        long t0 = System.nanoTime();
        try {
            k.execute(range);
        } catch (Throwable t) { // with -ea, Aparapi asserts when a kernel bound to a device falls back
            throw new KernelFallbackException(name(k) + " did not run on OpenCL device " + device.getName()
                    + "; Aparapi failed with " + t + WHY, t);
        }
        long wall = System.nanoTime() - t0;
        requireRanOnDevice(k);
        long uploads = transferNanos(k.getProfileInfo(), "W");
        stats.launched(Math.max(0, wall - uploads), uploads);
    }

    /** @throws KernelFallbackException unless the kernel's last launch ran on this launcher's device */
    void requireRanOnDevice(Kernel k) {
        Device target = k.getTargetDevice();
        boolean onDevice = k.isRunningCL() && target instanceof OpenCLDevice cl && cl.getDeviceId() == device.getDeviceId();
        if (!onDevice)
            throw new KernelFallbackException(name(k) + " did not run on OpenCL device " + device.getName()
                    + "; Aparapi ran it on " + target + " instead" + WHY);
    }

    /** Copies are the profile events of type W (to the device) and R (back); ProfileInfo.TYPE itself is private. */
    private static long transferNanos(List<ProfileInfo> profile, String type) {
        if (profile == null) return 0;
        long sum = 0;
        for (ProfileInfo p : profile)
            if (type.equals(String.valueOf(p.getType()))) sum += p.getEnd() - p.getStart();
        return sum;
    }

    private static String name(Kernel k) {
        return k.getClass().getSimpleName();
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
