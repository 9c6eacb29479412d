package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuCachesTest {
    @TempDir Path dir;

    private void index(int i, String level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    @Test
    void readsASapphireRapidsCoreFromSys() throws IOException {
        index(0, "1", "Data", "48K");
        index(1, "1", "Instruction", "32K");
        index(2, "2", "Unified", "2048K");
        index(3, "3", "Unified", "107520K");
        CpuCaches c = CpuCaches.fromSys(dir);
        assertEquals(48 * 1024, c.l1dBytes());
        assertEquals(2048 * 1024, c.l2Bytes());
    }

    @Test
    void aVirtualMachineWithoutCacheFoldersFallsThrough() {
        assertNull(CpuCaches.fromSys(dir.resolve("missing")));
    }

    @Test
    void readsGetconfOutput() {
        CpuCaches c = CpuCaches.fromGetconfOutput("LEVEL1_ICACHE_SIZE                 32768\n"
                + "LEVEL1_DCACHE_SIZE                 49152\nLEVEL1_DCACHE_ASSOC                12\n"
                + "LEVEL2_CACHE_SIZE                  1048576\nLEVEL4_CACHE_SIZE                  \n");
        assertEquals(49152, c.l1dBytes());
        assertEquals(1048576, c.l2Bytes());
        assertNull(CpuCaches.fromGetconfOutput("LEVEL1_DCACHE_SIZE 0\n"));
    }

    @Test
    void sizesWithUnits() {
        assertEquals(48 * 1024, CpuCaches.parseSize("48K"));
        assertEquals(2L * 1024 * 1024, CpuCaches.parseSize("2M"));
        assertEquals(4096, CpuCaches.parseSize("4096"));
        assertEquals(0, CpuCaches.parseSize("lots"));
    }
}
