package nnrun.backend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where the run computes: {@code auto} picks an OpenCL GPU if one is present, else the Java backend. */
public enum Device {
    AUTO, JAVA, OPENCL;

    /** The word used in configs and on the command line. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(Device::configName).toList();
    }

    public static Device fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
