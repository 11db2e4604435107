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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static String array(List<String> values) {
        StringBuilder out = new StringBuilder(2 + values.size() * 16);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        return out.append(']').toString();
    }
}
