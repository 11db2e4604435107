package dev.arbiter.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Makes a report archival: PDF/A-2a (ISO 19005-2:2011, conformance level A: every character
 * maps to Unicode, and the document is tagged, its structure built by {@link StructureTree}), so a
 * report kept for years still renders and reads the same, also to a screen reader. The fonts are
 * already embedded by {@link ReportFonts}; this adds what the standard asks of the document:
 * <ul>
 *   <li>XMP metadata (ISO 19005-2 §6.6.2) that says the same as the Info dictionary (§6.6.2.3):
 *       title, author, subject, creator tool, producer, creation and modification date with their
 *       offset from UTC;</li>
 *   <li>the PDF/A identification (part 2, conformance A, §6.6.4), and the PDF/UA-1 one (ISO 14289-1 §5):
 *       the tagged structure also meets PDF/UA-1;</li>
 *   <li>an sRGB output intent (§6.2.3), the JDK's own sRGB ICC profile, since the reports paint in
 *       device RGB (and the watermark is transparent, §6.2.10);</li>
 *   <li>the document language and "show the title, not the file name" (PDF/UA-1, ISO 14289-1 §7.1).</li>
 * </ul>
 */
final class Archival {

    /** The reports' language (BCP 47): their headings and labels are English, names stay as typed. */
    static final String LANGUAGE = "en";
    static final String CREATOR_TOOL = "Arbiter";
    static final String PRODUCER = "Arbiter with Apache PDFBox";
    /** The ICC registry's name for the colour space the output intent names. */
    static final String SRGB = "sRGB IEC61966-2.1";

    private Archival() {
    }

    /**
     * Sets metadata, identification, output intent and language on {@code document}.
     *
     * @param title   document title (Info /Title and dc:title)
     * @param subject what it is about (Info /Subject and dc:description)
     * @param author  who wrote it (Info /Author and dc:creator); left out when blank
     * @param created when it was made; stored to the second, in UTC
     * @throws IOException when the metadata cannot be serialised
     */
    static void apply(PDDocument document, String title, String subject, String author, Instant created)
            throws IOException {
        Calendar when = utc(created);
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator(CREATOR_TOOL);
        info.setProducer(PRODUCER);
        info.setCreationDate(when);
        info.setModificationDate(when);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title);
        dc.setDescription(subject);
        dc.setFormat("application/pdf");
        if (author != null && !author.isBlank()) {
            info.setAuthor(author);
            dc.addCreator(author);
        }
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(CREATOR_TOOL);
        basic.setCreateDate(when);
        basic.setModifyDate(when);
        basic.setMetadataDate(when);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
        id.setPart(2);
        try {
            id.setConformance("A");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException("xmpbox refused PDF/A conformance level A", e);
        }
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xml, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("Could not write the report's XMP metadata", e);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(withUaIdentification(xml.toString(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(document,
                new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);

        catalog.setLanguage(LANGUAGE);
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
    }

    /**
     * Adds the PDF/UA identification (ISO 14289-1 §5, {@code pdfuaid:part} 1) to serialised XMP, with the
     * extension schema that declares it (ISO 19005-2 §6.6.2.3.2: PDF/A admits a property outside its predefined
     * schemas only when the file describes it). Both are fixed text, added as RDF descriptions before the end of
     * the RDF element, because xmpbox has no type for either.
     */
    static String withUaIdentification(String xmp) {
        int end = xmp.lastIndexOf("</rdf:RDF>");
        if (end < 0) {
            throw new IllegalStateException("xmpbox wrote XMP without an rdf:RDF element");
        }
        return xmp.substring(0, end) + UA_IDENTIFICATION + xmp.substring(end);
    }

    private static final String UA_IDENTIFICATION = """
            <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
              <pdfuaid:part>1</pdfuaid:part>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
              <pdfaExtension:schemas>
                <rdf:Bag>
                  <rdf:li rdf:parseType="Resource">
                    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                    <pdfaSchema:property>
                      <rdf:Seq>
                        <rdf:li rdf:parseType="Resource">
                          <pdfaProperty:name>part</pdfaProperty:name>
                          <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                          <pdfaProperty:category>internal</pdfaProperty:category>
                          <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
                        </rdf:li>
                      </rdf:Seq>
                    </pdfaSchema:property>
                  </rdf:li>
                </rdf:Bag>
              </pdfaExtension:schemas>
            </rdf:Description>
            """;

    /** Info and XMP must give the same date (§6.6.2.3): whole seconds, one zone. */
    private static Calendar utc(Instant at) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        calendar.setTimeInMillis(at.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
        return calendar;
    }
}
