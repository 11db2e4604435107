package dev.arbiter.core.policy;

import java.util.Optional;

/**
 * One entry of a policy's {@code network_access}: {@code host:port}, where the
 * host may use {@code *} wildcards ({@code *.internal}) and the port may be
 * {@code *}. Anything not listed is blocked (the guide's network segmentation).
 *
 * <p>Entries and the targets agents send are both read into the canonical form
 * of {@link HostPort} before they are compared, so {@code CRM-API.INTERNAL:0443}
 * in a policy and {@code crm-api.internal.:443} from an agent are one target.
 */
public final class NetworkTarget extends WrittenEntry {

    private final HostPort canonical;
    private final Glob host;

    private NetworkTarget(String text, HostPort canonical) {
        super(text);
        this.canonical = canonical;
        this.host = new Glob(canonical.host());
    }

    /** The entry, or empty when {@code text} is not one. */
    public static Optional<NetworkTarget> tryParse(String text) {
        return HostPort.read(text, true) instanceof HostPort.Canonical c
                ? Optional.of(new NetworkTarget(text, c.target())) : Optional.empty();
    }

    /** Why {@code text} is not a {@code host:port} entry (and what to write), or empty when it is. */
    public static Optional<String> problemWith(String text) {
        return HostPort.read(text, true) instanceof HostPort.Refused r ? Optional.of(r.message()) : Optional.empty();
    }

    /** The entry in canonical form: what duplicate checks compare. */
    public HostPort canonical() {
        return canonical;
    }

    /** True when {@code target} (already canonical) is covered by this entry. */
    public boolean matches(HostPort target) {
        return (canonical.port() < 0 || canonical.port() == target.port()) && host.matches(target.host());
    }

    /** True when {@code hostPort}, as an agent sends it, reads as a target covered by this entry. */
    public boolean matches(String hostPort) {
        return HostPort.read(hostPort) instanceof HostPort.Canonical c && matches(c.target());
    }
}
