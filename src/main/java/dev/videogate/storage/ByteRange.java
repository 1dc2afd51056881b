package dev.videogate.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a stored file a GET asks for (RFC 9110 Range, one range of bytes): the whole file when there is no
 * Range header, another unit, or several ranges (a server may answer those whole); a range that does not fit the
 * file, or a bytes range that cannot be read, is unsatisfiable (416).
 */
public record ByteRange(long first, long last, boolean partial) {

    private static final Pattern ONE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** What to send of a file of {@code size} bytes; null when the range cannot be satisfied. */
    public static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(0, size - 1, false);
        if (header == null || header.isBlank()) {
            return whole;
        }
        String spec = header.trim().replace(" ", "");
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole; // another unit: ignored
        }
        spec = "bytes=" + spec.substring(6);
        if (spec.indexOf(',') >= 0) {
            return whole; // several ranges: the whole file, in one answer
        }
        Matcher m = ONE.matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2)); // the last N bytes
            if (suffix == 0 || size == 0) {
                return null;
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1, true);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size || (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first)) {
            return null;
        }
        return new ByteRange(first, last, true);
    }

    public long length() {
        return last - first + 1;
    }
}
