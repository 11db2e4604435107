package dev.arbiter.core.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A zip written field by field (APPNOTE 6.3.10 §4.3), so an attack test can make what no zip library writes: a
 * local header whose name differs from the central directory's, a wrong CRC-32, a compression method the writer never
 * uses, flags that lie, bytes before the first or after the last record, an end record whose count lies.
 */
final class RawZip {

    /** One file of the zip; every field may be set to a lie. */
    static final class Member {
        String centralName;
        String localName;
        int method = 8;
        int flags;
        long crc;
        byte[] data;
        long size;

        /** A deflated member with true fields. */
        static Member of(String name, byte[] content) {
            Member m = new Member();
            m.centralName = name;
            m.localName = name;
            m.data = deflate(content);
            m.size = content.length;
            CRC32 crc = new CRC32();
            crc.update(content);
            m.crc = crc.getValue();
            return m;
        }
    }

    final List<Member> members = new ArrayList<>();
    byte[] prefix = new byte[0];
    byte[] suffix = new byte[0];
    /** The end record's entry count, or -1 for the true count. */
    int count = -1;
    /** Whether a zip64 end record and locator precede the end record (whose fields then say 0xFFFF…). */
    boolean zip64;

    RawZip add(Member m) {
        members.add(m);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        List<Integer> offsets = new ArrayList<>();
        for (Member m : members) {
            offsets.add(out.size() - prefix.length);
            byte[] name = m.localName.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) m.flags).putShort((short) m.method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) m.crc).putInt(m.data.length)
                    .putInt((int) m.size).putShort((short) name.length).putShort((short) 0);
            out.writeBytes(h.array());
            out.writeBytes(name);
            out.writeBytes(m.data);
        }
        int cenStart = out.size() - prefix.length;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            byte[] name = m.centralName.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) m.flags)
                    .putShort((short) m.method).putShort((short) 0).putShort((short) 0x21).putInt((int) m.crc)
                    .putInt(m.data.length).putInt((int) m.size).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offsets.get(i));
            out.writeBytes(h.array());
            out.writeBytes(name);
        }
        int cenSize = out.size() - prefix.length - cenStart;
        int n = count < 0 ? members.size() : count;
        if (zip64) {
            long at = out.size() - prefix.length;
            ByteBuffer z = le(56);
            z.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(n).putLong(n).putLong(cenSize).putLong(cenStart);
            out.writeBytes(z.array());
            ByteBuffer locator = le(20);
            locator.putInt(0x07064b50).putInt(0).putLong(at).putInt(1);
            out.writeBytes(locator.array());
            ByteBuffer end = le(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                    .putShort((short) 0xFFFF).putInt(-1).putInt(-1).putShort((short) 0);
            out.writeBytes(end.array());
            out.writeBytes(suffix);
            return out.toByteArray();
        }
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n).putShort((short) n)
                .putInt(cenSize).putInt(cenStart).putShort((short) 0);
        out.writeBytes(end.array());
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] deflate(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(content);
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
