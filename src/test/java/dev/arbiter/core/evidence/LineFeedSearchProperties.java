package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The verifier's line-feed search ({@link BlockHasher#newline}), which tests thirty-two bytes a step, finds exactly
 * the line feed a search byte by byte finds: in blocks made of line feeds and the bytes a word-wise test could
 * mistake for one (a line feed's neighbours, its high-bit twin, zero, and bytes whose subtraction borrows), with
 * line feeds anywhere relative to every eight- and thirty-two-byte edge, between any two places of the block, and
 * never before {@code from} or at or after {@code to} (a line is searched where it lies in its block, between other
 * lines).
 */
class LineFeedSearchProperties {

    @Property(tries = 2000)
    void findsTheFirstLineFeedAByteSearchFinds(@ForAll("blocks") byte[] block,
                                               @ForAll @IntRange(max = 800) int a, @ForAll @IntRange(max = 800) int b) {
        int from = Math.min(Math.min(a, b), block.length);
        int to = Math.min(Math.max(a, b), block.length);
        assertThat(BlockHasher.newline(block, from, to)).isEqualTo(naive(block, from, to));
    }

    @Property(tries = 300)
    void findsEveryLineOfABlockInTurn(@ForAll("blocks") byte[] block) {
        int expected = 0;
        int found = 0;
        while (expected < block.length) {
            assertThat(found = BlockHasher.newline(block, found, block.length)).isEqualTo(naive(block, expected,
                    block.length));
            expected = found + 1;
            found = expected;
        }
    }

    /**
     * Lines of 0 to 120 bytes, each ended by a line feed but perhaps the last, of bytes a word-wise test could take
     * for a line feed, and any others.
     */
    @Provide
    Arbitrary<byte[]> blocks() {
        Arbitrary<Byte> lookAlike = Arbitraries.of((byte) 0x0B, (byte) 0x09, (byte) 0x8A, (byte) 0x00, (byte) 0x01,
                (byte) 0xFF, (byte) 0x80, (byte) 'a', (byte) '"');
        Arbitrary<Byte> other = Arbitraries.bytes().filter(x -> x != '\n');
        Arbitrary<byte[]> line = Arbitraries.oneOf(lookAlike, other).array(byte[].class).ofMaxSize(120);
        return Combinators.combine(line.list().ofMaxSize(6), Arbitraries.of(true, false)).as((lines, ended) -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                out.writeBytes(lines.get(i));
                if (ended || i < lines.size() - 1) {
                    out.write('\n');
                }
            }
            return out.toByteArray();
        });
    }

    private static int naive(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}
