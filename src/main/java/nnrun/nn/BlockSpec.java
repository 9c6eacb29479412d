package nnrun.nn;

import java.util.Map;

/**
 * One block of a layer stack as a config gives it: its config name ("conv2d"), its options
 * ({out: 16, kernel: 3}) and where it was written ("configs/x.yaml:12"), for messages.
 */
public record BlockSpec(String name, Map<String, Object> options, String where) {
    public BlockSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
        where = where == null ? "" : where;
    }
}
