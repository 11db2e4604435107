package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vendor register (issue 17; the guide's Pillar 5 and its "Vendor Management" readiness
 * dimension): LLM, tool and platform providers with their due-diligence facts. Every add, edit and
 * removal is an audit entry written in the same transaction. Agents link to a vendor by naming its id
 * or name in their profile's vendor field.
 *
 * <p>Rules where the issue is silent: ids are lower-case keys ({@value #ID_RULE}), derived from the
 * name when left blank; no two vendors share an id or name ignoring case (an agent's vendor field
 * must name one vendor); a DPA needs both its date (not in the future) and where the signed copy is
 * kept; a review date lies at most {@value #MAX_REVIEW_YEARS} years ahead; a vendor that agents still
 * name cannot be removed. The id never changes once added; renaming a vendor moves the agents that
 * named it by its old name to its id in the same transaction, each move audited, so a rename never
 * leaves an agent "not in the register" (and a later rename cannot either).
 */
public final class VendorRegister {

    static final String ID_RULE = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final Pattern ID = Pattern.compile(ID_RULE);
    static final int MAX_REVIEW_YEARS = 5;
    public static final int MAX_NAME = 120;
    public static final int MAX_FIELD = 300;
    public static final int MAX_NOTES = 4000;

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final AgentRegistry agents;
    private final Clock clock;

    public VendorRegister(Database database, AuditLedger ledger, Events events, AgentRegistry agents, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.agents = agents;
        this.clock = clock;
    }

    /** Every vendor, by name. Read from the database, so vendors another process added are there. */
    public List<Vendor> list() {
        return database.read(VendorStore::all);
    }

    /** The vendor whose id or name is {@code idOrName} (ignoring case). */
    public Optional<Vendor> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        return list().stream().filter(v -> v.details().isNamedBy(idOrName)).findFirst();
    }

    /** @throws IllegalArgumentException naming the vendor when there is none */
    public Vendor get(String idOrName) {
        return find(idOrName).orElseThrow(() -> new IllegalArgumentException("There is no vendor " + idOrName
                + " in the register; see: arbiter vendor list"));
    }

    /** Today's date in UTC: the day reviews fall due against. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The findings and the effective rating of {@code v} today ({@link VendorRisk}). */
    public VendorAssessment assess(Vendor v) {
        return VendorRisk.assess(v.details(), today());
    }

    /** Agents (not retired) whose vendor field names {@code v}. */
    public List<Agent> agentsUsing(Vendor v) {
        return agents.list(null, false).stream().filter(a -> v.details().isNamedBy(a.profile().vendor())).toList();
    }

    /** The vendor {@code agent}'s vendor field names, if it is in the register. */
    public Optional<Vendor> vendorOf(Agent agent) {
        return find(agent.profile().vendor());
    }

    /** The id a vendor without one gets: its name in lower case, runs of other characters as one dash. */
    public static String idFor(String name) {
        String slug = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.length() > 63 ? slug.substring(0, 63).replaceAll("-+$", "") : slug;
    }

    /** {@code d} with its id filled in from its name when blank. */
    public static VendorDetails withId(VendorDetails d) {
        if (!d.id().isEmpty()) {
            return d;
        }
        return new VendorDetails(idFor(d.name()), d.name(), d.kind(), d.dpaSigned(), d.dpaFile(), d.training(),
                d.residency(), d.certifications(), d.contact(), d.reviewDue(), d.assessedRisk(), d.notes());
    }

    /** What is wrong with {@code d} (empty when nothing); {@code adding} also checks the id is new. */
    public List<FieldProblem> problemsWith(VendorDetails d, boolean adding) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.name().isEmpty()) {
            problems.add(new FieldProblem("name", "enter the vendor's name, e.g. Anthropic"));
        } else {
            text(problems, "name", d.name(), MAX_NAME, false);
        }
        if (d.id().isEmpty()) {
            if (!d.name().isEmpty()) {
                problems.add(new FieldProblem("id", "enter a short key of letters and digits; the name gives none"));
            }
        } else if (!ID.matcher(d.id()).matches()) {
            problems.add(new FieldProblem("id", "\"" + d.id() + "\" is not a vendor key: use 1 to 63 lower-case "
                    + "letters, digits, dots, dashes or underscores, starting with a letter or digit"));
        }
        if (d.kind() == null) {
            problems.add(new FieldProblem("kind", "choose LLM, tool or platform"));
        }
        LocalDate today = today();
        if (d.dpaSigned() != null && d.dpaSigned().isAfter(today)) {
            problems.add(new FieldProblem("dpaSigned", d.dpaSigned() + " is in the future; enter the date the DPA "
                    + "was signed, or leave it empty until it is"));
        }
        if (d.dpaSigned() != null && d.dpaFile().isEmpty()) {
            problems.add(new FieldProblem("dpaFile", "say where the signed DPA is kept (a path, link or document "
                    + "number)"));
        }
        if (d.dpaSigned() == null && !d.dpaFile().isEmpty()) {
            problems.add(new FieldProblem("dpaSigned", "enter the date the DPA was signed (YYYY-MM-DD), or clear "
                    + "the DPA file"));
        }
        text(problems, "dpaFile", d.dpaFile(), MAX_FIELD, false);
        text(problems, "residency", d.residency(), MAX_FIELD, false);
        text(problems, "contact", d.contact(), MAX_FIELD, false);
        text(problems, "notes", d.notes(), MAX_NOTES, true);
        for (String c : d.certifications()) {
            text(problems, "certifications", c, 80, false);
            if (c.contains(",")) {
                problems.add(new FieldProblem("certifications", "\"" + c + "\": one certification per entry "
                        + "(commas separate them)"));
            }
        }
        if (d.reviewDue() != null && d.reviewDue().isAfter(today.plusYears(MAX_REVIEW_YEARS))) {
            problems.add(new FieldProblem("reviewDue", d.reviewDue() + " is more than " + MAX_REVIEW_YEARS
                    + " years ahead; plan a review within " + MAX_REVIEW_YEARS + " years"));
        }
        if (adding && !d.id().isEmpty()) {
            database.read(c -> VendorStore.clash(c, d.id(), "")).ifPresent(v -> problems.add(
                    new FieldProblem("id", "vendor " + v.name() + " (" + v.id() + ") already uses this key")));
        }
        if (!d.name().isEmpty()) {
            database.read(c -> VendorStore.clash(c, d.name(), adding ? "" : d.id())).ifPresent(v -> problems.add(
                    new FieldProblem("name", "vendor " + v.name() + " (" + v.id() + ") already has this name")));
        }
        return problems;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max, boolean lines) {
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "at most " + max + " characters, not " + value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch) && !(lines && (ch == '\n' || ch == '\t'))) {
                problems.add(new FieldProblem(field, "contains a control character at position " + (i + 1)
                        + "; remove it"));
                return;
            }
        }
    }

    /** Adds a vendor (its id derived from the name when blank). @throws InvalidVendorException per field */
    public Vendor add(VendorDetails entered, String actor) {
        VendorDetails d = withId(entered);
        List<FieldProblem> problems = problemsWith(d, true);
        if (!problems.isEmpty()) {
            throw new InvalidVendorException(problems);
        }
        var now = clock.instant();
        database.write(tx -> {
            Optional<Vendor> clash = VendorStore.clash(tx.connection(), d.id(), "");
            if (clash.isEmpty()) {
                clash = VendorStore.clash(tx.connection(), d.name(), "");
            }
            if (clash.isPresent()) {
                throw new InvalidVendorException(List.of(new FieldProblem("name", "vendor " + clash.get().name()
                        + " (" + clash.get().id() + ") was added meanwhile")));
            }
            VendorStore.insert(tx.connection(), d, now);
            ledger.appendWithin(tx, AuditEntry.of("vendor.added").actor(actor)
                    .detail(AuditDetail.of("vendor", d.id(), "fields", fields(d))).build());
            return null;
        });
        events.publish(new VendorsChanged());
        return new Vendor(d, now, now);
    }

    /** Saves an edited vendor (its id names it); the audit entry lists each changed field, before and after. */
    public Vendor update(VendorDetails d, String actor) {
        List<FieldProblem> problems = problemsWith(d, false);
        if (!problems.isEmpty()) {
            throw new InvalidVendorException(problems);
        }
        var now = clock.instant();
        Vendor saved = database.write(tx -> {
            Vendor before = VendorStore.find(tx.connection(), d.id()).orElseThrow(() -> unknown(d.id()));
            Map<String, Object> changes = changes(fields(before.details()), fields(d));
            if (changes.isEmpty()) {
                return before;
            }
            VendorStore.update(tx.connection(), d, now);
            ledger.appendWithin(tx, AuditEntry.of("vendor.updated").actor(actor)
                    .detail(AuditDetail.of("vendor", d.id(), "changes", changes)).build());
            if (!before.name().equalsIgnoreCase(d.name())) {
                agents.relinkVendorWithin(tx, before.name(), d.id(), actor, now);
            }
            return new Vendor(d, before.createdAt(), now);
        });
        events.publish(new VendorsChanged());
        return saved;
    }

    /**
     * Removes a vendor from the register, audited with its last facts.
     *
     * @throws IllegalArgumentException when it is unknown, no reason is given, or agents still name it
     */
    public void remove(String idOrName, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the vendor leaves the register");
        }
        Vendor v = get(idOrName);
        List<Agent> using = agentsUsing(v);
        if (!using.isEmpty()) {
            throw new IllegalArgumentException(v.name() + " is still the vendor of " + String.join(", ",
                    using.stream().map(Agent::id).toList()) + "; move or retire those agents first");
        }
        database.write(tx -> {
            if (!VendorStore.delete(tx.connection(), v.id())) {
                throw unknown(v.id());
            }
            ledger.appendWithin(tx, AuditEntry.of("vendor.removed").actor(actor)
                    .detail(AuditDetail.of("vendor", v.id(), "reason", reason.strip(), "fields", fields(v.details())))
                    .build());
            return null;
        });
        events.publish(new VendorsChanged());
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("There is no vendor " + id + " in the register; see: arbiter vendor list");
    }

    private static Map<String, Object> fields(VendorDetails d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", d.name());
        f.put("kind", d.kind().label());
        f.put("dpa_signed", d.dpaSigned() == null ? null : d.dpaSigned().toString());
        f.put("dpa_file", d.dpaFile());
        f.put("training", d.training().label());
        f.put("residency", d.residency());
        f.put("certifications", d.certifications());
        f.put("contact", d.contact());
        f.put("review_due", d.reviewDue() == null ? null : d.reviewDue().toString());
        f.put("assessed_risk", d.assessedRisk() == null ? null : d.assessedRisk().label());
        f.put("notes", d.notes());
        return f;
    }

    private static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (var e : after.entrySet()) {
            Object was = before.get(e.getKey());
            if (!Objects.equals(was, e.getValue())) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", was);
                change.put("to", e.getValue());
                changes.put(e.getKey(), change);
            }
        }
        return changes;
    }
}
