package nnrun.data;

import java.util.Locale;

/**
 * A file published on the dataset mirrors under {@code name}, with its published checksum.
 *
 * @param algorithm a {@link java.security.MessageDigest} name: "MD5" or "SHA-256"
 * @param checksum  lower-case hex digest of the whole file
 */
public record RemoteFile(String name, String algorithm, String checksum) {

    public RemoteFile {
        checksum = checksum.toLowerCase(Locale.ROOT);
    }

    public static RemoteFile md5(String name, String md5) {
        return new RemoteFile(name, "MD5", md5);
    }
}
