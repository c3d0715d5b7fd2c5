package io.eql4j.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Recognises input that is not NDJSON text from its first bytes (an archive, an executable, an image, UTF-16), so
 * that a wrong file is refused in one line instead of being read as thousands of malformed lines. Gzip is
 * decompressed before this look ({@link Main#open}), so a {@code .tar.gz} is seen as the tar it holds.
 */
final class Input {

    /** How many bytes are looked at: enough for a tar header's magic at offset 257. */
    private static final int LOOK = 512;

    private Input() {}

    /**
     * The same stream, after a look at what is available of its first {@value #LOOK} bytes (one read: a live
     * stream is not waited on for more).
     *
     * @throws CliException {@code name: not NDJSON: looks like ...} when the bytes are not text
     */
    static InputStream refuseBinary(InputStream in, String name) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        buffered.mark(LOOK);
        byte[] head = new byte[LOOK];
        int n = Math.max(0, buffered.read(head, 0, LOOK));
        buffered.reset();
        String kind = binaryKind(head, n);
        if (kind != null) {
            throw new CliException(
                    name + ": not NDJSON: looks like " + kind + "; only plain and gzip NDJSON (UTF-8) are read");
        }
        return buffered;
    }

    /** What the first {@code n} bytes look like when they are not UTF-8 text, or {@code null}. */
    static String binaryKind(byte[] b, int n) {
        if (starts(b, n, 'P', 'K', 3, 4) || starts(b, n, 'P', 'K', 5, 6)) {
            return "a zip archive (a jar?)";
        }
        if (starts(b, n, 'B', 'Z', 'h')) {
            return "a bzip2 archive";
        }
        if (starts(b, n, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return "an xz archive";
        }
        if (starts(b, n, 0x28, 0xB5, 0x2F, 0xFD)) {
            return "a zstd archive";
        }
        if (starts(b, n, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "a 7-zip archive";
        }
        if (n >= 262 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return "a tar archive";
        }
        if (starts(b, n, 0x7F, 'E', 'L', 'F')) {
            return "an executable (ELF)";
        }
        if (starts(b, n, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "a Java class file";
        }
        if (starts(b, n, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        if (starts(b, n, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (starts(b, n, 0xFF, 0xFE) || starts(b, n, 0xFE, 0xFF)) {
            return "UTF-16 text";
        }
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return "binary data (it holds zero bytes)";
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
