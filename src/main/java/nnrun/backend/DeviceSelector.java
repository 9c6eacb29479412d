package nnrun.backend;

import nnrun.backend.opencl.OpenClBackend;
import nnrun.backend.opencl.OpenClDeviceInfo;
import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;
import nnrun.backend.opencl.OpenClUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns {@code --device auto|java|opencl} into a backend and a reason.
 *
 * <ul>
 *   <li>auto: an OpenCL GPU that passes nnrun's self-check, else the CPU backend (on a CPU the
 *       Java backend is faster than OpenCL through PoCL).</li>
 *   <li>opencl: the best OpenCL device (GPUs first, then CPUs), self-checked; fails with an
 *       install hint when there is no OpenCL runtime.</li>
 *   <li>java: the CPU backend.</li>
 * </ul>
 */
public final class DeviceSelector {

    private final OpenClDiscovery discovery;
    private final Function<OpenClDeviceInfo, Backend> openClBackend;

    /** Discovers the installed OpenCL devices and self-checks them with {@link OpenClBackend}. */
    public DeviceSelector() {
        this(OpenClDiscovery.installed(), OpenClBackend::new);
    }

    /**
     * @param openClBackend builds (and self-checks) a backend for one device; throws if the device is unusable
     */
    public DeviceSelector(OpenClDiscovery discovery, Function<OpenClDeviceInfo, Backend> openClBackend) {
        this.discovery = discovery;
        this.openClBackend = openClBackend;
    }

    /**
     * @param cpuBackend  makes the CPU backend; called only when it is the one chosen
     * @throws OpenClUnavailableException for opencl when no OpenCL device can be used
     */
    public DeviceChoice select(Device device, Supplier<Backend> cpuBackend) {
        return switch (device) {
            case JAVA -> new DeviceChoice(cpuBackend.get(), "java: requested with --device java");
            case OPENCL -> forcedOpenCl();
            case AUTO -> auto(cpuBackend);
        };
    }

    private DeviceChoice auto(Supplier<Backend> cpuBackend) {
        OpenClInventory inventory = discovery.discover();
        if (inventory.runtimeMissing())
            return cpu(cpuBackend, "auto: no OpenCL runtime (" + inventory.problem() + ")");
        List<String> failures = new ArrayList<>();
        for (OpenClDeviceInfo gpu : inventory.gpus()) {
            try {
                return new DeviceChoice(openClBackend.apply(gpu), "auto: OpenCL GPU " + gpu.summary() + " passed the self-check");
            } catch (RuntimeException e) {
                failures.add(gpu.name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty())
            return cpu(cpuBackend, "auto: no usable OpenCL GPU (" + String.join("; ", failures) + ")");
        return cpu(cpuBackend, "auto: no OpenCL GPU found (OpenCL devices: " + names(inventory)
                + "); on a CPU the CPU backend is faster than OpenCL");
    }

    private DeviceChoice forcedOpenCl() {
        OpenClInventory inventory = discovery.discover();
        if (inventory.runtimeMissing())
            throw new OpenClUnavailableException("--device opencl, but " + inventory.problem() + ". To fix, "
                    + inventory.fix() + ", or use --device auto or java.");
        List<String> failures = new ArrayList<>();
        RuntimeException last = null;
        for (OpenClDeviceInfo candidate : inventory.bestFirst()) {
            try {
                return new DeviceChoice(openClBackend.apply(candidate),
                        "opencl: requested with --device opencl; " + candidate.summary() + " passed the self-check");
            } catch (RuntimeException e) {
                failures.add(candidate.name() + ": " + e.getMessage());
                last = e;
            }
        }
        throw new OpenClUnavailableException("--device opencl, but no OpenCL device passed nnrun's self-check: "
                + String.join("; ", failures) + ". Use --device java, or update the OpenCL driver.", last);
    }

    private static DeviceChoice cpu(Supplier<Backend> cpuBackend, String why) {
        Backend backend = cpuBackend.get();
        return new DeviceChoice(backend, why + "; using " + backend.name());
    }

    private static String names(OpenClInventory inventory) {
        return String.join(", ", inventory.bestFirst().stream().map(d -> d.name() + " " + d.kind()).toList());
    }
}
