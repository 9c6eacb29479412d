package nnrun.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads an experiment file, applies {@code --set} overrides in order, and validates the result. */
public final class ConfigLoader {
    /** Real configs are a few KiB; the cap keeps a wrong path (a dataset, /dev/zero) from filling the heap. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private ConfigLoader() {}

    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * @param overrides {@code key.path=value} strings as given to {@code --set}, applied in order
     * @throws ConfigException naming the file and line (or the override) of the first problem
     */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        String source = file.toString();
        ConfigNode root = YamlTree.parse(read(file),
                mark -> Location.inFile(source, mark.getLine() + 1, mark.getColumn() + 1), Location.file(source));
        for (String override : overrides) root = SetOverride.parse(override).applyTo(root);
        return ExperimentSchema.read(root, nameWithoutExtension(file));
    }

    /** A YAML text (such as a saved resolved config) as plain maps, lists and scalars, for comparing two configs. */
    public static Object plain(String yaml) {
        return ConfigNode.toPlain(YamlTree.parse(yaml, mark -> Location.inFile("(text)", mark.getLine() + 1, mark.getColumn() + 1),
                Location.file("(text)")));
    }

    private static String read(Path file) {
        // Read at most one byte past the limit, so /dev/zero or a huge file fails at once instead of filling the heap.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException(Location.file(file.toString()), "", "the config file is larger than "
                        + (MAX_FILE_BYTES >> 20) + " MiB, the limit for configs", "is this really an experiment config? they are a few KiB");
            }
            return utf8(file, bytes);
        } catch (NoSuchFileException e) {
            throw new ConfigException(Location.file(file.toString()), "", "no such config file",
                    "check the path; the shipped examples are in configs/");
        } catch (IOException e) {
            throw new ConfigException(Location.file(file.toString()), "", "cannot read the config file: " + e.getMessage(), null);
        }
    }

    /** Decodes strictly: a config saved in Latin-1 or UTF-16 is named as such, not read as garbled keys. */
    private static String utf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1, lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new ConfigException(Location.inFile(file.toString(), line, column), "", String.format(Locale.ROOT,
                    "the file is not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8", bytes[offset] & 0xff, offset),
                    "save the config as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String nameWithoutExtension(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
