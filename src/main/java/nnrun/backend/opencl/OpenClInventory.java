package nnrun.backend.opencl;

import java.util.Comparator;
import java.util.List;

/**
 * What OpenCL offers on this machine: the devices found, or why there are none.
 *
 * @param problem null when the runtime answered; otherwise why no device could be listed
 */
public record OpenClInventory(List<OpenClDeviceInfo> devices, String problem) {

    /** The packages that give a Debian machine an OpenCL runtime, for messages that tell users how to get one. */
    public static final String INSTALL_HINT = "install an OpenCL runtime: `apt-get install ocl-icd-libopencl1 pocl-opencl-icd`"
            + " (Debian/Ubuntu, runs on the CPU) or your GPU vendor's OpenCL driver";

    public OpenClInventory {
        devices = List.copyOf(devices);
    }

    public static OpenClInventory unavailable(String problem) {
        return new OpenClInventory(List.of(), problem);
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
