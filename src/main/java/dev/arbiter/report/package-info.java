/**
 * PDF reports: building blocks every report uses, and the reports themselves.
 *
 * <h2>Building blocks</h2>
 * <ul>
 *   <li>{@link dev.arbiter.report.ReportDocument}: A4 pages that fill top to bottom, a header and a
 *       "Page X of Y" footer on every page, an optional diagonal watermark (e.g. "DRAFT"), and an
 *       atomic {@code save} (a failed export leaves no half-written file). Flow methods:
 *       {@code heading}, {@code paragraph}, {@code facts}, {@code table}, {@code chart},
 *       {@code callout}, {@code spacer}, {@code keepTogether}.</li>
 *   <li>{@link dev.arbiter.report.ReportFonts}: DejaVu Sans (regular, bold), Noto Sans for
 *       Hebrew, Arabic, Thai and Devanagari, and Droid Sans Fallback for CJK, embedded as subsets
 *       and chosen per character, so names such as "Zoë Ñúñez", "山田", "דנה" or "دانة" render
 *       and can be searched and copied. Right-to-left lines are reordered and Arabic shaped
 *       first ({@code VisualOrder}, ICU4J).</li>
 *   <li>{@link dev.arbiter.report.ReportTime}: every time of day printed with its UTC offset.</li>
 *   <li>{@link dev.arbiter.report.TextStyle}: size, weight and colour of a run of text.</li>
 *   <li>{@link dev.arbiter.report.Table}: columns with relative widths, wrapped cells, per-cell
 *       styles and fills, the header repeated when the table runs onto the next page.</li>
 *   <li>{@link dev.arbiter.report.Charts}: JFreeChart charts (radar, trend line) in the report's
 *       fonts and colours, drawn as vectors with PdfBoxGraphics2D.</li>
 *   <li>{@code StructureTree} and {@link dev.arbiter.report.ChartDescription}: every report is tagged
 *       (PDF/A-2a, PDF/UA-1): each flow method adds its structure element (H1–H3, P, L, Table, Figure with
 *       the chart's figures as alternate text) and marks what it draws; rules, fills, headers and footers
 *       are artifacts.</li>
 *   <li>{@link dev.arbiter.report.ReportException}: an export that failed, naming the file and why.</li>
 * </ul>
 *
 * <h2>Writing a report</h2>
 * <pre>{@code
 * ReportDocument.Setup setup = new ReportDocument.Setup(
 *         "Agentic AI Risk Assessment",                 // page header, left; PDF title
 *         "Refunds agent · 2026-03-16",                 // page header, right; PDF subject
 *         "Arbiter " + Version.current() + " · generated 2026-03-17 09:00",   // footer, left
 *         Optional.of("DRAFT"),                         // watermark, or Optional.empty()
 *         "山田 太郎");                                   // PDF author
 * try (ReportDocument doc = ReportDocument.create(setup)) {
 *     doc.titlePage("Agentic AI governance · Risk assessment", "Risk Assessment", "Refunds agent",
 *             Optional.of(new Callout("APPROVED", "All three reviews passed.", TextStyle.GOOD)),
 *             List.of(new Fact("Assessor", "Zoë Ñúñez"), new Fact("Date", "2026-03-16")));
 *     doc.newPage();
 *     doc.heading("1. Risk evaluation", 1);            // levels 1-3; kept with what follows
 *     doc.paragraph("Six risk categories, likelihood and impact 1 to 5.", TextStyle.SMALL);
 *     doc.table(Table.of(Table.column("Risk", 3), Table.column("Likelihood", 1, Table.Align.CENTER))
 *             .row("Data exfiltration", Table.Cell.of("4").style(TextStyle.BODY_BOLD.withColor(TextStyle.BAD))));
 *     doc.chart(myJFreeChart, doc.contentWidth(), 220);  // any JFreeChart; Charts.theme(...) gives the house look
 *     doc.callout(new Callout("Warning", "Cost overruns are rated 5 × 5.", TextStyle.WARN));
 *     doc.keepTogether(150);                            // a sign-off block that must not split
 *     doc.facts(List.of(new Fact("Approved by", "Priya Raman")));
 *     doc.save(path);                                   // throws ReportException naming the file
 * }
 * }</pre>
 * Reports take a core model (e.g. {@code ReadinessSnapshot}) and no database: the desktop's
 * Export button and {@code arbiter report ...} call the same report class with the same model
 * (see {@code dev.arbiter.report.readiness.ReadinessReport#export}).
 */
package dev.arbiter.report;
