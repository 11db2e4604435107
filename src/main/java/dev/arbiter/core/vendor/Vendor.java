package dev.arbiter.core.vendor;

import java.time.Instant;

/** A vendor in the register: what was entered and when. */
public record Vendor(VendorDetails details, Instant createdAt, Instant updatedAt) {

    public String id() {
        return details.id();
    }

    public String name() {
        return details.name();
    }
}
