package dev.arbiter.core.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The regulations shipped with Arbiter ({@code regulations.yaml} next to this
 * class): the guide's GDPR, CCPA, SOC 2, HIPAA, PCI-DSS, FINRA and EU AI Act,
 * each with the requirements that bear on agents.
 */
final class ComplianceCatalog {

    private static final String RESOURCE = "regulations.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<Regulation> BUILT_IN = load();

    private ComplianceCatalog() {
    }

    static List<Regulation> builtIn() {
        return BUILT_IN;
    }

    private static List<Regulation> load() {
        try (InputStream in = ComplianceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The compliance catalog " + RESOURCE + " is missing from the build");
            }
            JsonNode root = YAML.readTree(in);
            List<Regulation> regulations = new ArrayList<>();
            for (JsonNode r : root.path("regulations")) {
                String regulationId = r.path("id").asText();
                List<Requirement> requirements = new ArrayList<>();
                for (JsonNode q : r.path("requirements")) {
                    String check = q.path("check").asText(null);
                    requirements.add(new Requirement(q.path("id").asText(), regulationId, q.path("title").asText(),
                            q.path("description").asText(""), applicability(q.path("applies_to")),
                            q.path("suggested_control").asText(null),
                            check == null ? null : AutomaticCheck.valueOf(check), true));
                }
                regulations.add(new Regulation(regulationId, r.path("name").asText(), r.path("summary").asText(""),
                        requirements, true));
            }
            return List.copyOf(regulations);
        } catch (IOException e) {
            throw new UncheckedIOException("The compliance catalog cannot be read", e);
        }
    }

    /** Reads {@code {all, data_classes, actions}}, from the catalog or from a user requirement's JSON. */
    static Applicability applicability(JsonNode node) {
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        for (JsonNode c : node.path("data_classes")) {
            classes.add(DataClass.parse(c.asText()).orElseThrow(() -> new IllegalStateException(
                    "unknown data class " + c.asText() + " in the compliance catalog")));
        }
        List<ActionPattern> actions = new ArrayList<>();
        for (JsonNode a : node.path("actions")) {
            actions.add(ActionPattern.parse(a.asText()));
        }
        return new Applicability(node.path("all").asBoolean(false), classes, actions);
    }
}
