package nnrun.run;

import java.nio.file.Path;

/** Child process for {@link CheckpointTest}: rewrites one checkpoint forever, until killed. */
public final class CheckpointWriterLoop {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        for (int epoch = 1; ; epoch++) CheckpointTest.sample(epoch, 1 << 20).write(file);
    }
}
