package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Replay's own reader of the ledger's canonical body ({@link StoredBody.Reader}, {@link JsonCursor}) reads every
 * field exactly as the general JSON parser does, on every body the ledger can produce: each generated entry is
 * appended through the real ledger of a real SQLite workspace (so the body is the canonical form, personal
 * context moved beside it) and read back as stored; text with quotes, backslashes, control characters, non-ASCII
 * letters and surrogate pairs, numbers of every spelling Jackson writes, a nested context, unknown members.
 */
class StoredBodyAgreesWithTheGeneralParserProperties {

    private static final Set<String> EVENTS = Set.of("decision", "action.outcome", "review.approved",
            "review.denied", "agent.resumed", "agent.added");
    private static final Set<String> DETAILS = Set.of("decision", "action.outcome");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static Workspace ws;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("arbiter-body");
        ws = Workspace.open(new DataDirectory(dir));
    }

    @AfterContainer
    static void close() {
        ws.close();
    }

    /** Text an agent may send: every kind of character the canonical form escapes or keeps. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withChars('"', '\\', '/', '\n', '\t', '\r', '\b', '\f', '\u0001', '\u001f',
                        'é', 'ß', 'Ж', '中', '\u2028', 'a', '{', '}', ':', ',').ofMaxLength(20),
                Arbitraries.of("😀 refund", "naïve \"quoted\" \\path\\", "line\nbreak", "x\u007fy",
                        "refunds-agent", "{\"policy\":\"refunds-agent\"}"));
    }

    private static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 1.0, 0.95, 1e-7, 1.5e300, 123456789012.5, 30.0, 1200.0),
                Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.doubles().between(0, 1).ofScale(3));
    }

    record Fields(String event, String agent, String action, Long tokens, String decision, String tier,
                  String reasonCode, String reason, String policy, Long version, Double confidence, Double amount,
                  Double cost, List<String> classes, Boolean reversible, Long counterTokens, Double usd,
                  Long minute, Long autonomous, String since, String free, boolean personal, boolean extra) {
    }

    @Provide
    Arbitrary<Fields> entries() {
        Arbitrary<String> events = Arbitraries.of("decision", "decision", "decision", "action.outcome",
                "review.approved", "agent.resumed", "policy.saved");
        Arbitrary<Long> longs = Arbitraries.oneOf(Arbitraries.longs().between(0, 100_000),
                Arbitraries.of(0L, 2_147_483_647L, 2_147_483_648L, Long.MAX_VALUE, -1L)).injectNull(0.2);
        return Combinators.combine(
                Combinators.combine(events, Arbitraries.of("refunds-agent", "ops-bot", "Ж-agent"), text(), longs,
                        Arbitraries.of("allow", "deny", "pending").injectNull(0.1),
                        Arbitraries.of("autonomous", "supervised", "gated").injectNull(0.2),
                        Arbitraries.of("ALLOWED", "RATE_LIMITED", "NOT_ALLOWED"), text()).as(java.util.Arrays::asList),
                Combinators.combine(Arbitraries.of("refunds-agent", "other").injectNull(0.1),
                        Arbitraries.longs().between(1, 40).injectNull(0.1), numbers().injectNull(0.3),
                        numbers().injectNull(0.3), numbers().injectNull(0.3),
                        Arbitraries.of("PII", "financial", "phi", "nonsense").list().ofMaxSize(3).injectNull(0.3),
                        Arbitraries.of(true, false).injectNull(0.4), longs).as(java.util.Arrays::asList),
                Combinators.combine(numbers().injectNull(0.2), longs, longs,
                        Arbitraries.of("2026-03-16T23:40:00.000Z", "not a time").injectNull(0.5), text(),
                        Arbitraries.of(true, false), Arbitraries.of(true, false)).as(java.util.Arrays::asList))
                .as((a, b, c) -> new Fields((String) a.get(0), (String) a.get(1), (String) a.get(2), (Long) a.get(3),
                        (String) a.get(4), (String) a.get(5), (String) a.get(6), (String) a.get(7),
                        (String) b.get(0), (Long) b.get(1), (Double) b.get(2), (Double) b.get(3), (Double) b.get(4),
                        castList(b.get(5)), (Boolean) b.get(6), (Long) b.get(7), (Double) c.get(0),
                        (Long) c.get(1), (Long) c.get(2), (String) c.get(3), (String) c.get(4),
                        (Boolean) c.get(5), (Boolean) c.get(6)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** The detail as the decision engine writes it: Jackson's own spelling of every value. */
    private static String detail(Fields f) {
        ObjectNode d = JSON.createObjectNode();
        d.put("reason", f.reason());
        if (f.policy() != null) {
            d.put("policy", f.policy());
        }
        if (f.version() != null) {
            d.put("policy_version", f.version());
        }
        d.put("confidence", f.confidence());
        d.put("target", f.free());
        d.put("cost_usd", f.cost());
        if (f.extra()) {
            d.putObject("shadow").put("policy", f.free()).putArray("deep").addObject().putArray("x").add(f.reason());
        }
        ObjectNode context = d.putObject("context");
        context.put("amount_usd", f.amount());
        if (f.classes() != null) {
            ArrayNode classes = context.putArray("data_classes");
            f.classes().forEach(classes::add);
        }
        if (f.reversible() != null) {
            context.put("reversible", f.reversible());
        }
        if (f.extra()) {
            context.putObject("nested").put("note", f.free()).putArray("list").add(1.5).add("x\"y").addNull();
        }
        ObjectNode counters = d.putObject("counters");
        if (f.counterTokens() != null) {
            counters.put("tokens_today", f.counterTokens());
        }
        counters.put("usd_today", f.usd());
        if (f.minute() != null) {
            counters.put("actions_minute", f.minute());
        }
        if (f.autonomous() != null) {
            counters.put("autonomous", f.autonomous());
        }
        counters.put("autonomous_since", f.since());
        return d.toString();
    }

    @Property(tries = 200)
    void readsEveryFieldAsTheGeneralParserDoes(@ForAll("entries") Fields f) throws IOException {
        AuditEntry entry = AuditEntry.of(f.event()).traceId("t-" + f.free().length()).agentId(f.agent())
                .action(f.action()).tokensConsumed(f.tokens()).decision(f.decision()).tier(f.tier())
                .reasonCode(f.reasonCode()).reasoning(f.free()).detail(detail(f))
                .subjectId(f.personal() ? "subject-" + f.free().length() : null).build();
        LedgerEntry stored = ws.ledger().append(entry);
        String[] body = new String[1];
        ws.auditReader().forEachStored(stored.seq(), stored.seq(), row -> body[0] = row.body());

        for (String policy : new String[] {null, "refunds-agent"}) {
            StoredBody expected = GeneralParserReading.read(body[0], EVENTS, DETAILS, policy);
            StoredBody actual = new StoredBody.Reader(EVENTS, DETAILS, policy)
                    .read(body[0].getBytes(StandardCharsets.UTF_8));
            assertThat(describe(actual)).as(body[0]).isEqualTo(describe(expected));
        }
    }

    @Example
    void refusesWhatIsNotJson() {
        StoredBody.Reader reader = new StoredBody.Reader(EVENTS, DETAILS, null);
        for (String bad : List.of("", "[1]", "{\"event\":\"decision\",", "{\"event\":\"decision\" \"x\":1}",
                "{\"event\":\"decision\",\"tokens_consumed\":012}", "{\"event\":\"decision\",\"action\":\"a\u0001\"}",
                "{\"event\":\"decision\",\"action\":\"\\x\"}", "{\"event\":\"decision\",\"action\":\"\\u12\"}",
                "{\"event\":\"decision\",\"tokens_consumed\":99999999999999999999}",
                "{\"event\":\"decision\",\"detail\":\"{\\\"policy_version\\\":3000000000}\"}",
                "{\"event\":\"decision\",\"detail\":\"{\\\"reason\\\":tru}\"}",
                "{\"event\":\"decision\",\"tier\":1.}", "{\"event\":\"decision\",\"x\":" + "[".repeat(1001)
                        + "]".repeat(1001) + "}")) {
            assertThatThrownBy(() -> reader.read(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    @Example
    void readsSpacingAndEscapedNamesAsTheGeneralParserDoes() throws IOException {
        String body = " { \"event\" : \"decision\" , \"agent_\\u0069d\":\"a\",\"timestamp\":\"2026-03-16T23:40:00Z\","
                + "\"action\":\"x:y\",\"tokens_consumed\":-0,\"decision\":\"deny\",\"tier\":null,\"reason_code\":7,"
                + "\"detail\":\"{ \\\"policy\\\" : \\\"p\\\", \\\"confidence\\\": 9.5E-1 ,\\\"cost_usd\\\":-0,"
                + "\\\"context\\\":{\\\"data_classes\\\":[\\\"pii\\\",{\\\"a\\\":[]},3]}}\" } ";
        StoredBody expected = GeneralParserReading.read(body, EVENTS, DETAILS, null);
        StoredBody actual = new StoredBody.Reader(EVENTS, DETAILS, null).read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(describe(actual)).isEqualTo(describe(expected));
        assertThat(actual.agentId()).isEqualTo("a");
        assertThat(actual.detail().confidence).isEqualTo(0.95);
    }

    private static String describe(StoredBody b) {
        if (b == null) {
            return "null";
        }
        StoredDetail d = b.detail();
        String detail = d == null ? "no detail" : String.join("|", d.actionSent, d.policy, String.valueOf(d.version),
                String.valueOf(d.confidence), d.target, String.valueOf(d.cost), d.reason, String.valueOf(d.amount),
                d.classes.toString(), String.valueOf(d.reversible), String.valueOf(d.counters));
        return String.join("|", b.event(), b.traceId(), b.agentId(), String.valueOf(b.at()), b.action(),
                String.valueOf(b.tokens()), b.decision(), b.tier(), b.reasonCode(), b.contextCommitment(), detail);
    }
}
