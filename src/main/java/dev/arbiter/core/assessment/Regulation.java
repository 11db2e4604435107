package dev.arbiter.core.assessment;

/** The regulations the guide names (Pillar 2) that an assessment can mark as applying. */
public enum Regulation {
    GDPR("GDPR"),
    CCPA("CCPA"),
    HIPAA("HIPAA"),
    PCI_DSS("PCI-DSS"),
    SOC_2("SOC 2"),
    FINRA("FINRA"),
    EU_AI_ACT("EU AI Act");

    private final String label;

    Regulation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
