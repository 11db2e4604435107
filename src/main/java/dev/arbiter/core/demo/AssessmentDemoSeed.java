package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.DataClass;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.Regulation;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.ReviewKind;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.core.assessment.Verdict;
import java.util.List;
import java.util.Set;

/**
 * Two risk assessments: the support agent's, approved with three passed reviews,
 * and the refunds agent's, in review with one sign-off and a residual risk
 * above the tolerance that still needs an exception.
 */
final class AssessmentDemoSeed implements DemoSeed {

    private static final String LEAD = "demo";

    @Override
    public void seed(Workspace workspace) {
        AssessmentService service = workspace.assessments();
        approvedSupportAssessment(service);
        refundsAssessmentInReview(service);
    }

    private static void approvedSupportAssessment(AssessmentService service) {
        Assessment a = service.create("Customer support assistant", "Priya Shah", LEAD);
        AssessmentContent content = new AssessmentContent(
                new SystemOverview("Customer support assistant",
                        "Answers customer billing and order questions, creates support tickets and sends"
                                + " pre-approved email templates.",
                        1, List.of("support-agent-v2"),
                        List.of("crm-api.internal", "email-service.internal", "Ticketing (Zendesk API)"),
                        "Priya Shah, Head of Support Operations"),
                new DataClassification(Set.of(DataClass.PII), Set.of(Regulation.GDPR, Regulation.CCPA,
                        Regulation.SOC_2),
                        "EU customers' data stays in eu-west-1; no transfer outside the EEA.",
                        "Conversation logs 13 months; audit trail 7 years."),
                List.of(
                        Risk.of("Data exfiltration", true, new Rating(3, 4),
                                "Read-only CRM scope; network allow-list (crm-api, email-service only);"
                                        + " PII redacted from prompts.", "Security Engineering", new Rating(1, 4)),
                        Risk.of("Unauthorized actions", true, new Rating(2, 4),
                                "Policy denies payments, deletes and admin panel; email from approved templates"
                                        + " only.", "Priya Shah", new Rating(1, 3)),
                        Risk.of("Hallucinated decisions", true, new Rating(4, 2),
                                "Answers cite the knowledge-base article; confidence below 0.8 escalates to an"
                                        + " agent.", "Support QA", new Rating(2, 2)),
                        Risk.of("Cascading failures", true, new Rating(2, 3),
                                "Single-step actions; 30 actions/min rate limit; kill switch drilled quarterly.",
                                "Platform SRE", new Rating(1, 3)),
                        Risk.of("Compliance violations", true, new Rating(2, 4),
                                "Every CRM access logged with a trace id; deletion requests handled outside the"
                                        + " agent.", "Lena Park", new Rating(1, 4)),
                        Risk.of("Cost overruns", true, new Rating(3, 2),
                                "Hard budget of $400/month; alert at 80%.", "FinOps", new Rating(2, 2))),
                ReviewCadence.QUARTERLY);
        service.saveDraft(a.id(), a.version(), content, LEAD);
        service.submit(a.id(), LEAD);
        service.recordReview(a.id(), ReviewKind.SECURITY, Verdict.PASS, "Dana Whitfield",
                "Scopes and allow-list verified in staging.", LEAD);
        service.recordReview(a.id(), ReviewKind.COMPLIANCE, Verdict.PASS, "Lena Park",
                "GDPR records of processing updated; DPA with the LLM provider covers tool outputs.", LEAD);
        service.recordReview(a.id(), ReviewKind.ARCHITECTURE, Verdict.PASS, "渡辺 健二 (Kenji Watanabe)",
                "Fallback to the human queue when the LLM API is down.", LEAD);
        service.approve(a.id(), "Approved for production with quarterly re-assessment.", LEAD);
    }

    private static void refundsAssessmentInReview(AssessmentService service) {
        Assessment a = service.create("Refunds automation", "Marco Rossi", LEAD);
        AssessmentContent content = new AssessmentContent(
                new SystemOverview("Refunds automation",
                        "Issues refunds for damaged or cancelled orders: under $100 reviewed afterwards,"
                                + " over $1,000 only with a human's approval.",
                        1, List.of("refunds-agent"),
                        List.of("Payments API (Stripe)", "order-db (read)", "crm-api.internal"),
                        "Marco Rossi, Payments"),
                new DataClassification(Set.of(DataClass.PII, DataClass.FINANCIAL), Set.of(Regulation.GDPR,
                        Regulation.CCPA, Regulation.PCI_DSS, Regulation.SOC_2),
                        "Card data never leaves the payment provider; order data in us-east-1 and eu-west-1.",
                        "Refund records 7 years (financial audit)."),
                List.of(
                        Risk.of("Data exfiltration", true, new Rating(3, 5),
                                "Tokenised card data only, no card numbers in prompts; egress allow-list.",
                                "Security Engineering", new Rating(2, 4)),
                        Risk.of("Unauthorized actions", true, new Rating(4, 5),
                                "Refunds over $1,000 gated on human approval; daily cap of $5,000.",
                                "Marco Rossi", new Rating(3, 4)),
                        Risk.of("Hallucinated decisions", true, new Rating(3, 4),
                                "Refund reason must match the order's events; a mismatch escalates.",
                                "Payments QA", new Rating(2, 3)),
                        Risk.of("Cascading failures", true, new Rating(2, 4),
                                "Idempotency key on every refund; circuit breaker on the payments API.",
                                "Platform SRE", new Rating(1, 4)),
                        Risk.of("Compliance violations", true, new Rating(2, 5),
                                "PCI-DSS scope review; one audit entry per refund with the approver.",
                                "Lena Park", new Rating(2, 3)),
                        Risk.of("Cost overruns", true, new Rating(3, 3),
                                "Token budget of $250/month; loop detection stops repeated tool calls.",
                                "FinOps", new Rating(2, 2)),
                        Risk.of("Refund fraud by social engineering", false, new Rating(3, 4),
                                "Customer history check; velocity limit of 3 refunds per account per month.",
                                "Fraud team", new Rating(2, 3))),
                ReviewCadence.QUARTERLY);
        service.saveDraft(a.id(), a.version(), content, LEAD);
        service.submit(a.id(), LEAD);
        service.recordReview(a.id(), ReviewKind.SECURITY, Verdict.PASS, "Dana Whitfield",
                "Token scopes limited to refunds; no card data reaches the model.", LEAD);
    }
}
