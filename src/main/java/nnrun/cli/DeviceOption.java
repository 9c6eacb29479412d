package nnrun.cli;

import java.util.ArrayList;
import java.util.List;

import nnrun.backend.Device;
import picocli.CommandLine.Option;

/** --device, for the commands that compute with a config's model. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "auto|java|opencl", completionCandidates = Names.class,
            description = "Compute device; same as --set device=...")
    String device;

    /** The overrides with this flag's one added last, so it wins over a --set device=. */
    List<String> addedTo(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) all.add("device=" + device);
        return all;
    }

    static final class Names extends ArrayList<String> {
        Names() { super(Device.configNames()); }
    }
}
