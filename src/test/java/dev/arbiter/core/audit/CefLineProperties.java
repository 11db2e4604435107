package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CEF escaping: whatever strings an entry holds, the line stays one line with seven header fields, and a
 * CEF parser following the spec reads back every value (control characters and lone surrogates as U+FFFD).
 */
class CefLineProperties {

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> specials = Arbitraries.of("|", "\\", "=", "\n", "\r", "\r\n", " ", "\\=", "\\|", "\\n",
                "\ud800", "\udc00", "\ud83d\ude00", "\u0000", "\t", "\u2028", "cs1=forged", "CEF:0|x|",
                " msg=", "é", "");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(12);
        return Arbitraries.oneOf(specials, any).list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Property(tries = 400)
    void everyValueSurvivesAndTheLineCannotBeSplitOrForged(@ForAll("hostile") String agent,
            @ForAll("hostile") String action, @ForAll("hostile") String summary, @ForAll("hostile") String event) {
        String type = "x" + event;
        LedgerEntry stored = new LedgerEntry(42, AuditEntry.of(type).agentId(agent).action(action)
                .inputSummary(summary).decision("deny").timestamp(Instant.parse("2026-11-30T09:00:00Z")).build(),
                "a".repeat(64), "b".repeat(64));

        String line = CefLine.of(stored);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line.codePoints().anyMatch(Character::isISOControl)).isFalse();
        List<String> header = headerFields(line);
        assertThat(header).hasSize(8);
        assertThat(header.get(0)).isEqualTo("CEF:0");
        assertThat(header.get(4)).isEqualTo(headerText(type));
        Map<String, String> ext = extension(header.get(7));
        assertThat(ext.get("suser")).isEqualTo(valueText(agent));
        assertThat(ext.get("cs1")).isEqualTo(valueText(action));
        assertThat(ext.get("msg")).isEqualTo(valueText(summary));
        assertThat(ext.get("cat")).isEqualTo(valueText(type));
        assertThat(ext.get("externalId")).isEqualTo("42");
        assertThat(ext.get("cs5")).isEqualTo("b".repeat(64));
        assertThat(ext.get("cs6")).isEqualTo("a".repeat(64));
    }

    /** What a value should read back as: line breaks kept, other controls and lone surrogates U+FFFD. */
    private static String valueText(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (Character.isISOControl(c) && c != '\n' && c != '\r')
                    || (Character.isSurrogate(c) && LoneSurrogates.isLone(s, i));
            out.append(bad ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static String headerText(String s) {
        return valueText(s).replace('\n', ' ').replace('\r', ' ');
    }

    /** Splits at unescaped pipes (the first seven), unescaping header fields; the rest is the extension. */
    private static List<String> headerFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < line.length() && fields.size() < 7) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '|' || line.charAt(i + 1) == '\\')) {
                cur.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '|') {
                fields.add(cur.toString());
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        fields.add(line.substring(i));
        return fields;
    }

    /** Parses {@code key=value} pairs: a key starts after a space and ends at an unescaped '='. */
    private static Map<String, String> extension(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        // Positions of unescaped '=' mark keys; the key is the word just before it.
        List<int[]> keys = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                int start = text.lastIndexOf(' ', i) + 1;
                keys.add(new int[] {start, i});
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            int[] key = keys.get(k);
            int end = k + 1 < keys.size() ? keys.get(k + 1)[0] - 1 : text.length();
            out.put(text.substring(key[0], key[1]), unescape(text.substring(key[1] + 1, end)));
        }
        return out;
    }

    private static String unescape(String v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
