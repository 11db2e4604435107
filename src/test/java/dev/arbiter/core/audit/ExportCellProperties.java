package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Any string an agent can send survives export: JSONL exactly, CSV encodable and never a formula. */
class ExportCellProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strings rich in the troublemakers: surrogates of both kinds, formula starts, quotes, separators, RTL text. */
    @Provide
    Arbitrary<String> agentText() {
        Arbitrary<Character> tricky = Arbitraries.of('\ud800', '\udbff', '\udc00', '\udfff', '=', '+', '-', '@',
                '\t', '\r', '\n', '"', ',', '\'', '\\', '\u0000', '\u05d0', '\u0627', '\uFFFD', '1', '.');
        Arbitrary<Character> any = Arbitraries.chars().all();
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, tricky), net.jqwik.api.Tuple.of(2, any),
                        net.jqwik.api.Tuple.of(2, Arbitraries.chars().alpha()))
                .list().ofMaxSize(20).map(cs -> {
                    StringBuilder b = new StringBuilder();
                    cs.forEach(b::append);
                    return b.toString();
                });
    }

    @Property(tries = 500)
    void jsonlLineParsesBackToTheSameStringAndEncodesAsUtf8(@ForAll("agentText") String text) throws Exception {
        var node = JSON.createObjectNode().put("input_summary", text);
        node.putArray("tools_used").add(text);
        node.putObject("detail").put(text, text);

        String line = LoneSurrogates.escapeInJson(node.toString());

        assertEncodable(line);
        var back = JSON.readTree(line);
        assertThat(back.get("input_summary").asText()).isEqualTo(text);
        assertThat(back.get("tools_used").get(0).asText()).isEqualTo(text);
        assertThat(back.get("detail").get(text).asText()).isEqualTo(text);
    }

    @Property(tries = 500)
    void csvCellIsEncodableNeverAFormulaAndReadsBackAsWritten(@ForAll("agentText") String text) throws Exception {
        String cell = AuditExporter.csvCell(text);

        assertEncodable(cell);
        boolean number = cell.matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
        if (!cell.isEmpty() && !number) {
            assertThat("=+-@\t\r").doesNotContain(cell.substring(0, 1));
        }
        assertThat(cell).endsWith(LoneSurrogates.replace(text));

        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180)) {
            printer.printRecord(List.of("before", cell, "after"));
        }
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv.toString())).getRecords();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).containsExactly("before", cell, "after");
    }

    private static void assertEncodable(String text) throws CharacterCodingException {
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
    }
}
