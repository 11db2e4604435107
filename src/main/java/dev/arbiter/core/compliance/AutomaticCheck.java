package dev.arbiter.core.compliance;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.NetworkTarget;
import dev.arbiter.core.policy.PolicyInForce;
import java.util.Locale;
import java.util.Optional;

/**
 * Controls Arbiter can verify itself from the agent's registration and its
 * policy, so those requirements are met (or not) without anyone typing
 * evidence: the guide's "automated compliance checks, mapped to specific
 * regulations". Each check returns the evidence when it passes.
 */
public enum AutomaticCheck {

    /** The agent runs under a policy, so its decisions are in the hash-chained, append-only ledger. */
    AUDIT_TRAIL {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            return policy == null ? Optional.empty() : Optional.of("Decisions under " + policy.label()
                    + " are written to Arbiter's append-only, hash-chained audit ledger");
        }
    },
    /** Allowed actions are named: no {@code *:*}, no wildcard verb. */
    LEAST_PRIVILEGE {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            if (policy == null) {
                return Optional.empty();
            }
            for (ActionPattern allowed : policy.policy().allowedActions()) {
                if (allowed.text().startsWith("*")) {
                    return Optional.empty();
                }
            }
            return Optional.of(policy.label() + " allows " + policy.policy().allowedActions().size()
                    + " named actions; everything else is denied");
        }
    },
    /** {@code network_access} names the endpoints, with no catch-all host. */
    NETWORK_SEGMENTATION {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            if (policy == null || policy.policy().networkAccess().isEmpty()) {
                return Optional.empty();
            }
            for (NetworkTarget target : policy.policy().networkAccess()) {
                if (target.text().startsWith("*:")) {
                    return Optional.empty();
                }
            }
            return Optional.of(policy.label() + " limits network access to "
                    + policy.policy().networkAccess().size() + " endpoints; other paths are blocked");
        }
    },
    SANDBOXED {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            return policy != null && policy.policy().sandbox()
                    ? Optional.of(policy.label() + " declares sandboxed execution") : Optional.empty();
        }
    },
    /** An exact model version, not an alias that moves. */
    MODEL_PINNED {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            String model = agent.profile().model();
            return model.isEmpty() || model.toLowerCase(Locale.ROOT).contains("latest") ? Optional.empty()
                    : Optional.of("Model pinned to " + model);
        }
    },
    /** The policy denies some action on payment or card data. */
    PAYMENT_DATA_DENIED {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            if (policy == null) {
                return Optional.empty();
            }
            AgentPolicy p = policy.policy();
            for (ActionPattern denied : p.deniedActions()) {
                String resource = denied.text().substring(denied.text().indexOf(':') + 1).toLowerCase(Locale.ROOT);
                if (resource.contains("payment") || resource.contains("card")) {
                    return Optional.of(policy.label() + " denies " + denied.text());
                }
            }
            return Optional.empty();
        }
    },
    /** High-risk actions wait for a person, and the kill switch can stop the agent. */
    HUMAN_OVERSIGHT {
        @Override
        Optional<String> evidence(Agent agent, PolicyInForce policy) {
            if (policy == null || policy.policy().riskThresholds().gated() >= 1) {
                return Optional.empty();
            }
            return Optional.of("Under " + policy.label() + ", actions with risk " + policy.policy().riskThresholds()
                    .gated() + " or more wait for human approval; the kill switch stops the agent at once");
        }
    };

    /** The evidence when the check passes for this agent; empty when it does not. */
    abstract Optional<String> evidence(Agent agent, PolicyInForce policy);
}
