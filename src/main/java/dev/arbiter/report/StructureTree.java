package dev.arbiter.report;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;

/**
 * A report's logical structure, so a screen reader reads it as headings, paragraphs, lists, tables and
 * figures in reading order (tagged PDF, ISO 32000-1 §14.8; required by PDF/A-2a, ISO 19005-2 §6.8, and
 * PDF/UA-1, ISO 14289-1 §7.1):
 * <ul>
 *   <li>one {@code Document} element under the structure tree root, the report's blocks under it in the
 *       order they are added, only standard structure types (§14.8.4), so no role map is needed;</li>
 *   <li>every piece of real content drawn on a page is a marked-content sequence with its own MCID that a
 *       structure element refers to ({@link #mark}), and the parent tree maps each back (§14.7.4.4);</li>
 *   <li>everything else (rules, fills, page headers and footers, a watermark, a table header repeated on the
 *       next page) is an artifact ({@link #artifact}, §14.8.2.2), which readers skip.</li>
 * </ul>
 * Not thread-safe: one report is built on one thread.
 */
final class StructureTree {

    /** Drawing on a content stream, wrapped in a marked-content sequence. */
    @FunctionalInterface
    interface Drawing {
        void run() throws IOException;
    }

    /** The kind of an artifact (ISO 32000-1 table 330): page furniture or a watermark, else layout. */
    enum ArtifactKind { LAYOUT, HEADER, FOOTER, WATERMARK }

    private final PDStructureTreeRoot root = new PDStructureTreeRoot();
    private final PDStructureElement document;
    /** Each page's parent tree entry: the element of MCID i at index i. */
    private final Map<PDPage, COSArray> parents = new LinkedHashMap<>();

    StructureTree() {
        document = new PDStructureElement("Document", root);
        root.appendKid(document);
    }

    /** The {@code Document} element every block hangs under. */
    PDStructureElement document() {
        return document;
    }

    /** Adds an element of a standard {@code type} (e.g. "P", "H1", "Table") as the last child of {@code parent}. */
    PDStructureElement add(PDStructureNode parent, String type) {
        PDStructureElement element = new PDStructureElement(type, parent);
        parent.appendKid(element);
        return element;
    }

    /**
     * Draws real content of {@code element} on {@code page}: the drawing becomes a marked-content sequence
     * tagged with the element's type and a new MCID, and the element gains a reference to it. An element may
     * be marked many times and on several pages (a paragraph running onto the next page).
     */
    void mark(PDPageContentStream stream, PDPage page, PDStructureElement element, Drawing drawing)
            throws IOException {
        COSArray onPage = parents.computeIfAbsent(page, p -> new COSArray());
        int mcid = onPage.size();
        onPage.add(element);
        stream.beginMarkedContent(COSName.getPDFName(element.getStructureType()), mcid);
        drawing.run();
        stream.endMarkedContent();
        PDMarkedContentReference reference = new PDMarkedContentReference();
        reference.setMCID(mcid);
        reference.setPage(page);
        element.appendKid(reference);
    }

    /** Draws content that is not part of what the report says (ISO 32000-1 §14.8.2.2.2), so readers skip it. */
    void artifact(PDPageContentStream stream, ArtifactKind kind, Drawing drawing) throws IOException {
        if (kind == ArtifactKind.LAYOUT) {
            stream.beginMarkedContent(COSName.ARTIFACT);
        } else {
            COSDictionary properties = new COSDictionary();
            properties.setName(COSName.TYPE, "Pagination");
            properties.setName(COSName.SUBTYPE, switch (kind) {
                case HEADER -> "Header";
                case FOOTER -> "Footer";
                default -> "Watermark";
            });
            stream.beginMarkedContent(COSName.ARTIFACT, PDPropertyList.create(properties));
        }
        drawing.run();
        stream.endMarkedContent();
    }

    /** Puts the tree into {@code target}'s catalogue with its parent tree and marks the document as tagged. */
    void attach(PDDocument target) {
        Map<Integer, PDParentTreeValue> numbers = new LinkedHashMap<>();
        int key = 0;
        for (Map.Entry<PDPage, COSArray> page : parents.entrySet()) {
            page.getKey().setStructParents(key);
            numbers.put(key, new PDParentTreeValue(page.getValue()));
            key++;
        }
        PDNumberTreeNode tree = new PDNumberTreeNode(PDParentTreeValue.class);
        tree.setNumbers(numbers);
        root.setParentTree(tree);
        root.setParentTreeNextKey(key);
        PDDocumentCatalog catalog = target.getDocumentCatalog();
        catalog.setStructureTreeRoot(root);
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        catalog.setMarkInfo(markInfo);
    }
}
