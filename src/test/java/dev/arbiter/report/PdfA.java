package dev.arbiter.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Validates a PDF against PDF/A-2a or PDF/UA-1 with veraPDF (the PDF Association's reference validator, its
 * greenfield parser, which shares no code with the PDFBox that wrote the file).
 */
public final class PdfA {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfA() {
    }

    /**
     * Each failed rule of PDF/A-2a (ISO 19005-2 level A: Unicode text and a tagged structure) once,
     * "clause-test: what it checks (N times)"; empty when the file conforms.
     */
    public static List<String> violations(Path pdf) throws Exception {
        return violations(pdf, PDFAFlavour.PDFA_2_A);
    }

    /** Each failed rule of PDF/UA-1 (ISO 14289-1, accessible PDF) once, as {@link #violations(Path)}. */
    public static List<String> uaViolations(Path pdf) throws Exception {
        return violations(pdf, PDFAFlavour.PDFUA_1);
    }

    private static List<String> violations(Path pdf, PDFAFlavour flavour) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(pdf.toFile(), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            Map<String, Integer> failed = new TreeMap<>();
            Map<String, String> what = new TreeMap<>();
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() == TestAssertion.Status.FAILED) {
                    String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
                    failed.merge(rule, 1, Integer::sum);
                    what.putIfAbsent(rule, a.getMessage() + " at " + a.getLocation().getContext());
                }
            }
            if (failed.isEmpty() && !result.isCompliant()) {
                return List.of("not compliant, no failed assertion listed (job " + result.getJobEndStatus() + ")");
            }
            return failed.entrySet().stream()
                    .map(e -> e.getKey() + ": " + what.get(e.getKey()) + " (" + e.getValue() + " times)").toList();
        }
    }
}
