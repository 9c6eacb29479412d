package nnrun.backend.opencl;

import java.util.Comparator;
import java.util.List;

/**
 * What OpenCL offers on this machine: the devices found, or why there are none and how to fix that.
 *
 * @param problem null when the runtime answered; otherwise why no device could be listed
 * @param fix     what to install or change so that OpenCL works (null when nothing is missing)
 */
public record OpenClInventory(List<OpenClDeviceInfo> devices, String problem, String fix) {

    /** The packages that give a Debian machine an OpenCL runtime, for messages that tell users how to get one. */
    public static final String INSTALL_HINT = "install an OpenCL runtime: `apt-get install ocl-icd-libopencl1 pocl-opencl-icd`"
            + " (Debian/Ubuntu, runs on the CPU) or your GPU vendor's OpenCL driver";

    /** With the loader installed, only a driver (ICD) is missing. */
    public static final String DRIVER_HINT = "install an OpenCL driver: `apt-get install pocl-opencl-icd`"
            + " (Debian/Ubuntu, runs on the CPU) or your GPU vendor's OpenCL driver";

    public OpenClInventory {
        devices = List.copyOf(devices);
    }

    /** The devices the runtime listed. */
    public OpenClInventory(List<OpenClDeviceInfo> devices) {
        this(devices, null, null);
    }

    /** How {@link #noLoader} problems start. */
    public static final String NO_LOADER = "no usable OpenCL loader library";

    /** The OpenCL ICD loader library (libOpenCL.so.1) could not be loaded: nothing of OpenCL is installed (or it is broken). */
    public static OpenClInventory noLoader(String why) {
        return new OpenClInventory(List.of(), NO_LOADER + " (libOpenCL.so.1: " + why + ")", INSTALL_HINT);
    }

    /** The loader is there but lists no platform: no driver registered where the loader looks. */
    public static OpenClInventory noDriver(String vendorsDir) {
        return new OpenClInventory(List.of(), "the OpenCL loader found no platform (no driver's .icd file in " + vendorsDir + ")",
                DRIVER_HINT);
    }

    /** Any other reason OpenCL cannot be used. */
    public static OpenClInventory unavailable(String problem) {
        return new OpenClInventory(List.of(), problem, INSTALL_HINT);
    }

    public boolean runtimeMissing() {
        return problem != null;
    }

    /** Devices best-first for training: GPUs, then accelerators, then CPUs; more compute units first. */
    public List<OpenClDeviceInfo> bestFirst() {
        return devices.stream()
                .sorted(Comparator.comparing(OpenClDeviceInfo::kind)
                        .thenComparing(Comparator.comparingInt(OpenClDeviceInfo::computeUnits).reversed()))
                .toList();
    }

    public List<OpenClDeviceInfo> gpus() {
        return bestFirst().stream().filter(d -> d.kind() == OpenClDeviceInfo.Kind.GPU).toList();
    }
}
