package nnrun.backend;

import nnrun.backend.opencl.OpenClDeviceInfo;
import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code nnrun devices} prints: OpenCL platforms with their devices, and the CPU backend. */
public record DeviceReport(OpenClInventory openCl, String cpuBackendDescription) {

    public static DeviceReport collect(OpenClDiscovery discovery, String cpuBackendDescription) {
        return new DeviceReport(discovery.discover(), cpuBackendDescription);
    }

    /** Lines to print, one platform per header line and one device per indented line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (openCl.runtimeMissing()) {
            lines.add("OpenCL: not available: " + openCl.problem());
            lines.add("  to use OpenCL, " + openCl.fix());
        } else {
            Map<String, List<OpenClDeviceInfo>> byPlatform = new LinkedHashMap<>();
            for (OpenClDeviceInfo d : openCl.devices())
                byPlatform.computeIfAbsent(d.platform() + " (" + d.platformVersion().trim() + ")", p -> new ArrayList<>()).add(d);
            byPlatform.forEach((platform, devices) -> {
                lines.add("OpenCL platform: " + platform);
                for (OpenClDeviceInfo d : devices)
                    lines.add(String.format(java.util.Locale.ROOT, "  %-4s %s: %d compute units, %s global memory, %s local memory",
                            d.kind(), d.name(), d.computeUnits(), OpenClDeviceInfo.humanBytes(d.globalMemBytes()), OpenClDeviceInfo.humanBytes(d.localMemBytes())));
            });
        }
        lines.add("CPU backend: " + cpuBackendDescription);
        return lines;
    }
}
