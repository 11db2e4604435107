package dev.arbiter.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The guide's example policy and the shipped samples, for tests in any package. */
public final class SamplePolicies {

    /** The guide's example, character for character. */
    public static final String GUIDE = """
            # Example: Agent Permission Policy (YAML)
            agent_policy:
              name: "customer-support-agent"
              allowed_actions:
                - read:customer_profile
                - read:order_history
                - create:support_ticket
                - send:email_template  # Only pre-approved templates
              denied_actions:
                - write:payment_info
                - delete:customer_data
                - access:admin_panel
              rate_limits:
                actions_per_minute: 30
                escalations_per_hour: 10
              sandbox: true
              network_access:
                - crm-api.internal:443
                - email-service.internal:443
            """;

    private SamplePolicies() {
    }

    /** A shipped sample's text, from the copy the demo seed reads. */
    public static String text(String file) {
        try (InputStream in = SamplePolicies.class.getResourceAsStream("/dev/arbiter/core/demo/policies/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AgentPolicy parse(String file) {
        return PolicyYaml.parse(text(file));
    }
}
