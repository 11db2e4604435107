package dev.arbiter.core.audit;

import java.util.List;

/**
 * Minimal JSON writing for the ledger's canonical form. Hand-written rather
 * than Jackson so that the bytes hashed can never change with a library
 * upgrade or a mapper setting, and because verification runs it for every
 * entry (it must be fast).
 */
final class JsonText {

    private JsonText() {
    }

    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters and surrogates are escaped: the text stays valid
                    // JSON and its UTF-8 bytes are the same in every encoder.
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static void array(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }
}
