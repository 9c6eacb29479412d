package nnrun.backend.opencl;

import nnrun.backend.Device;

import nnrun.backend.DeviceReport;
import nnrun.backend.DeviceSelector;
import nnrun.backend.ReferenceBackend;

/** What nnrun's device handling says on this machine; run in a child JVM with the OpenCL ICDs hidden. */
final class NoRuntimeProbe {
    public static void main(String[] args) {
        DeviceReport.collect(OpenClDiscovery.installed(), "reference backend").lines().forEach(System.out::println);
        DeviceSelector selector = new DeviceSelector();
        System.out.println("auto -> " + selector.select(Device.AUTO, ReferenceBackend::new).reason());
        try {
            selector.select(Device.OPENCL, ReferenceBackend::new);
            System.out.println("opencl -> accepted");
        } catch (OpenClUnavailableException e) {
            System.out.println("opencl -> " + e.getMessage());
        }
    }
}
