package dev.arbiter.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The central directory of an evidence bundle's zip, read strictly (APPNOTE 6.3.10 §4.3) and once, so that every
 * byte of the file belongs to a file the verifier checks, and every zip tool sees the same files with the same
 * bytes. A zip library reads the central directory and trusts it; an auditor's tool may instead read the local
 * headers front to back, keep the first of two names, or show the zip's comment. So a bundle's zip must be exactly:
 * <ul>
 * <li>its files back to back from byte 0, in central-directory order, each a local header (the central
 *     directory's name, flags and method; its CRC-32 and sizes, or a data descriptor after the data that gives
 *     them), then its data; then the central directory; then the end record (the zip64 one before it when
 *     needed), without a comment, ending the file, with the true count of files;</li>
 * <li>every file stored or deflated (what the writer makes), none encrypted, named in printable ASCII, each name
 *     once;</li>
 * <li>every file's data exactly one deflate stream (or the stored bytes) that ends at its compressed size and
 *     inflates to exactly its size with its CRC-32 ({@link ZipMember}).</li>
 * </ul>
 * The verifiers look every name up here and read every file through {@link #open}, so one reading of the zip both
 * decides its form and serves its bytes. The Python verifier ({@code docs/verifier/verify.py}, {@code ZipForm})
 * applies the same rule. Its files may be read from several threads at once.
 */
final class ZipDirectory implements AutoCloseable {

    /** The bundle's zip is not in the form above; the message says where, for a person. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** One file of the zip as its central directory and local header agree it is; sizes and offsets in bytes. */
    record Member(String name, int method, long crc, long compressedSize, long size, long dataOffset) {
    }

    /** The largest central directory read, in bytes (a million-file bundle's is under 100 MB). */
    private static final long MAX_DIRECTORY = 128L << 20;
    private static final long MAGIC32 = 0xFFFFFFFFL;
    private static final int END = 22;
    private static final int ZIP64_LOCATOR = 20;
    private static final int ZIP64_END = 56;

    private final FileChannel channel;
    /** The files in central-directory order, which is also their order in the file. */
    private final Map<String, Member> members;

    private ZipDirectory(FileChannel channel, Map<String, Member> members) {
        this.channel = channel;
        this.members = members;
    }

    /**
     * Reads the zip's form.
     *
     * @throws Malformed   when it is not the form above (the message says what is wrong)
     * @throws IOException when the file cannot be read
     */
    static ZipDirectory open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ZipDirectory(channel, read(channel, file.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Map<String, Member> read(FileChannel channel, String zip) throws IOException {
        long size = channel.size();
        if (size < END) {
            throw new Malformed(zip + " is not a zip file.");
        }
        ByteBuffer end = at(channel, size - END, END);
        if (end.getInt(0) != 0x06054b50) {
            throw new Malformed(zip + " does not end with a zip end record: bytes or a comment follow it, which "
                    + "nothing signed binds (an unzip tool would show a comment).");
        }
        if (end.getShort(20) != 0) {
            throw new Malformed(zip + " carries a zip comment, which nothing signed binds.");
        }
        long count = u16(end, 10);
        long directorySize = u32(end, 12);
        long directoryOffset = u32(end, 16);
        long directoryEnd = size - END;
        if (count == 0xFFFF || directorySize == MAGIC32 || directoryOffset == MAGIC32) {
            if (size < END + ZIP64_LOCATOR + ZIP64_END) {
                throw new Malformed(zip + " claims a zip64 end record it does not have.");
            }
            ByteBuffer locator = at(channel, size - END - ZIP64_LOCATOR, ZIP64_LOCATOR);
            long zip64End = locator.getLong(8);
            if (locator.getInt(0) != 0x07064b50 || zip64End != size - END - ZIP64_LOCATOR - ZIP64_END) {
                throw new Malformed(zip + " has no zip64 end record right before its end record.");
            }
            ByteBuffer z = at(channel, zip64End, ZIP64_END);
            if (z.getInt(0) != 0x06064b50 || z.getLong(4) != ZIP64_END - 12) {
                throw new Malformed(zip + " has a malformed zip64 end record.");
            }
            count = z.getLong(32);
            directorySize = z.getLong(40);
            directoryOffset = z.getLong(48);
            directoryEnd = zip64End;
        }
        if (directorySize < 0 || directoryOffset < 0 || directorySize > MAX_DIRECTORY
                || directoryOffset + directorySize != directoryEnd) {
            throw new Malformed(zip + "'s central directory does not end where its end record starts: bytes "
                    + "between them are bound by nothing signed.");
        }
        ByteBuffer dir = at(channel, directoryOffset, (int) directorySize);
        Map<String, Member> members = new LinkedHashMap<>();
        long expected = 0; // where the next file's local header must start
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > dir.limit() || dir.getInt(p) != 0x02014b50) {
                throw new Malformed(zip + "'s central directory holds fewer files than its end record counts.");
            }
            int flags = u16(dir, p + 8);
            int method = u16(dir, p + 10);
            long crc = u32(dir, p + 16);
            long compressed = u32(dir, p + 20);
            long inflated = u32(dir, p + 24);
            int nameLength = u16(dir, p + 28);
            int extraLength = u16(dir, p + 30);
            int commentLength = u16(dir, p + 32);
            long offset = u32(dir, p + 42);
            int next = p + 46 + nameLength + extraLength + commentLength;
            if (next > dir.limit()) {
                throw new Malformed(zip + "'s central directory is cut short.");
            }
            byte[] nameBytes = new byte[nameLength];
            dir.get(p + 46, nameBytes);
            String name = name(nameBytes, zip);
            // zip64: the sizes and offset that do not fit 32 bits are in the extra field, in this order
            long[] wide = zip64(dir, p + 46 + nameLength, extraLength,
                    new boolean[] {inflated == MAGIC32, compressed == MAGIC32, offset == MAGIC32}, zip, name);
            inflated = wide[0] >= 0 ? wide[0] : inflated;
            compressed = wide[1] >= 0 ? wide[1] : compressed;
            offset = wide[2] >= 0 ? wide[2] : offset;
            if (commentLength != 0) {
                throw new Malformed(name + " carries a zip comment in " + zip + ", which nothing signed binds.");
            }
            if ((flags & 1) != 0) {
                throw new Malformed(name + " is encrypted in " + zip + ": a bundle's files never are.");
            }
            if (method != 0 && method != 8) {
                throw new Malformed(name + " is compressed with zip method " + method + " in " + zip
                        + ": a bundle's files are stored or deflated.");
            }
            if (method == 0 && compressed != inflated) {
                throw new Malformed(name + " is stored in " + zip + " with two different sizes.");
            }
            if (offset != expected) {
                throw new Malformed(zip + " holds " + (offset > expected ? "bytes no file of its central directory "
                        + "covers before " : "files out of order or overlapping at ") + name
                        + ": an unzip tool reading it front to back could see other files.");
            }
            Member m = local(channel, offset, name, nameBytes, flags, method, crc, compressed, inflated, zip);
            expected = m.dataOffset() + compressed + descriptor(channel, m, flags, zip);
            if (members.put(name, m) != null) {
                throw new Malformed(zip + " holds " + name + " twice: which copy a tool reads is not defined.");
            }
            p = next;
        }
        if (p != dir.limit()) {
            throw new Malformed(zip + "'s central directory holds more than its end record counts.");
        }
        if (expected != directoryOffset) {
            throw new Malformed(zip + " holds bytes no file covers before its central directory: an unzip tool "
                    + "reading it front to back could see other files.");
        }
        return members;
    }

    /** The file's local header: it must say what the central directory says. */
    private static Member local(FileChannel channel, long offset, String name, byte[] nameBytes, int flags,
                                int method, long crc, long compressed, long inflated, String zip) throws IOException {
        ByteBuffer h = at(channel, offset, 30);
        int nameLength = u16(h, 26);
        int extraLength = u16(h, 28);
        byte[] localName = new byte[nameLength];
        at(channel, offset + 30, nameLength).get(0, localName);
        if (h.getInt(0) != 0x04034b50 || !java.util.Arrays.equals(localName, nameBytes)) {
            throw new Malformed(zip + "'s local header of " + name + " names "
                    + new String(localName, StandardCharsets.ISO_8859_1) + ": unzip tools disagree on its name.");
        }
        if (u16(h, 6) != flags || u16(h, 8) != method) {
            throw new Malformed(zip + "'s local header of " + name + " says other flags or another method than "
                    + "its central directory.");
        }
        if ((flags & 8) == 0) {
            ByteBuffer extra = at(channel, offset + 30 + nameLength, extraLength);
            long localSize = u32(h, 22);
            long localCompressed = u32(h, 18);
            long[] wide = zip64(extra, 0, extraLength,
                    new boolean[] {localSize == MAGIC32, localCompressed == MAGIC32, false}, zip, name);
            if (u32(h, 14) != crc || (wide[0] >= 0 ? wide[0] : localSize) != inflated
                    || (wide[1] >= 0 ? wide[1] : localCompressed) != compressed) {
                throw new Malformed(zip + "'s local header of " + name + " gives another CRC-32 or size than its "
                        + "central directory.");
            }
        }
        return new Member(name, method, crc, compressed, inflated, offset + 30 + nameLength + extraLength);
    }

    /** The length of the data descriptor after the file's data (0 without one); it must agree too. */
    private static long descriptor(FileChannel channel, Member m, int flags, String zip) throws IOException {
        if ((flags & 8) == 0) {
            return 0;
        }
        long at = m.dataOffset() + m.compressedSize();
        boolean wide = m.compressedSize() >= MAGIC32 || m.size() >= MAGIC32;
        int length = wide ? 24 : 16;
        if (at + length > channel.size()) {
            throw new Malformed(zip + " is cut short in " + m.name() + "'s data descriptor.");
        }
        ByteBuffer d = at(channel, at, length);
        int base = d.getInt(0) == 0x08074b50 ? 4 : 0;
        if (base == 0) {
            length -= 4;
        }
        long crc = u32(d, base);
        long compressed = wide ? d.getLong(base + 4) : u32(d, base + 4);
        long size = wide ? d.getLong(base + 12) : u32(d, base + 8);
        if (crc != m.crc() || compressed != m.compressedSize() || size != m.size()) {
            throw new Malformed(zip + "'s data descriptor of " + m.name() + " gives another CRC-32 or size than "
                    + "its central directory.");
        }
        return length;
    }

    private static long[] zip64(ByteBuffer b, int from, int length, boolean[] wanted, String zip, String name)
            throws Malformed {
        long[] values = {-1, -1, -1};
        int p = from;
        while (p + 4 <= from + length) {
            int id = u16(b, p);
            int size = u16(b, p + 2);
            if (p + 4 + size > from + length) {
                break;
            }
            if (id == 1) {
                int q = p + 4;
                for (int i = 0; i < 3; i++) {
                    if (wanted[i] && q + 8 <= p + 4 + size) {
                        values[i] = b.getLong(q);
                        q += 8;
                    }
                }
            }
            p += 4 + size;
        }
        for (int i = 0; i < 3; i++) {
            if (wanted[i] && values[i] < 0) {
                throw new Malformed(name + " in " + zip + " lacks the zip64 sizes its record announces.");
            }
        }
        return values;
    }

    private static String name(byte[] bytes, String zip) throws Malformed {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                throw new Malformed(zip + " holds a file whose name is not printable ASCII ("
                        + new String(bytes, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?")
                        + "): zip tools decode such names differently.");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The names of the zip's files, in central-directory order (each once). */
    List<String> names() {
        return List.copyOf(members.keySet());
    }

    /** Whether the zip holds a file named {@code name}. */
    boolean holds(String name) {
        return members.containsKey(name);
    }

    /**
     * The bytes of file {@code name}, inflated. At its end, fails with a {@link Malformed} unless the data was
     * exactly one deflate stream ending at its compressed size that inflated to its size with its CRC-32.
     *
     * @throws java.io.FileNotFoundException when the zip holds no such file
     */
    InputStream open(String name) throws IOException {
        Member m = members.get(name);
        if (m == null) {
            throw new java.io.FileNotFoundException(name);
        }
        return new ZipMember(channel, m);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer at(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new Malformed("The zip is cut short: it ends inside a record at byte " + position + ".");
            }
        }
        return b.flip();
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
