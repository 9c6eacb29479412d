package nnrun.backend.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The data cache sizes of the core this process runs on, which set {@link GemmBlocking}'s block
 * depths: from Linux's /sys cache topology, else from {@code getconf} (glibc reads cpuid; some
 * virtual machines expose no /sys cache folders), else typical sizes, said so in {@link #source}.
 */
public record CpuCaches(long l1dBytes, long l2Bytes, String source) {

    /** What a recent x86 server core has when nothing says otherwise. */
    static final CpuCaches TYPICAL = new CpuCaches(32 * 1024, 1024 * 1024, "typical sizes (none reported)");

    public static CpuCaches detect() {
        CpuCaches sys = fromSys(Path.of("/sys/devices/system/cpu/cpu0/cache"));
        if (sys != null) return sys;
        CpuCaches conf = fromGetconf();
        return conf != null ? conf : TYPICAL;
    }

    /** The sizes under a /sys/devices/system/cpu/cpuN/cache folder, or null when it lists no L1d and L2. */
    static CpuCaches fromSys(Path cacheDir) {
        long l1d = 0, l2 = 0;
        for (int i = 0; i < 8; i++) {
            Path index = cacheDir.resolve("index" + i);
            if (!Files.isDirectory(index)) continue;
            String level = read(index.resolve("level")), type = read(index.resolve("type"));
            long size = parseSize(read(index.resolve("size")));
            if (level == null || type == null || size <= 0) continue;
            if (level.equals("1") && type.equals("Data")) l1d = size;
            else if (level.equals("2") && !type.equals("Instruction")) l2 = size;
        }
        return l1d > 0 && l2 > 0 ? new CpuCaches(l1d, l2, cacheDir.toString()) : null;
    }

    /** Sizes from {@code getconf -a} output lines such as "LEVEL1_DCACHE_SIZE  49152", or null. */
    static CpuCaches fromGetconfOutput(String output) {
        long l1d = 0, l2 = 0;
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            if (f[0].equals("LEVEL1_DCACHE_SIZE")) l1d = parseSize(f[1]);
            if (f[0].equals("LEVEL2_CACHE_SIZE")) l2 = parseSize(f[1]);
        }
        return l1d > 0 && l2 > 0 ? new CpuCaches(l1d, l2, "getconf") : null;
    }

    private static CpuCaches fromGetconf() {
        try {
            Process p = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return fromGetconfOutput(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null; // no getconf on this system: the typical sizes will do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "48K", "2048K", "1M" or a plain byte count; 0 when unreadable. */
    static long parseSize(String text) {
        if (text == null || text.isEmpty()) return 0;
        long unit = switch (Character.toUpperCase(text.charAt(text.length() - 1))) {
            case 'K' -> 1024;
            case 'M' -> 1024 * 1024;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    @Override public String toString() {
        return "L1d " + l1dBytes / 1024 + " KiB, L2 " + l2Bytes / 1024 + " KiB (" + source + ")";
    }
}
