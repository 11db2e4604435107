package dev.arbiter.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Writes a finished report to its file through a temporary file in the same folder, moved into place at the
 * end, so a failed export leaves no half-written report and an existing one is replaced whole.
 */
final class ReportFile {

    private ReportFile() {
    }

    /**
     * Saves {@code document} to {@code file}, creating its folder if needed, and completes the saved font
     * subsets' ToUnicode maps with {@code ligatures}.
     *
     * @throws IOException as the file system reports it; nothing is left at {@code file} but what was there
     */
    static void write(PDDocument document, LigatureText ligatures, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, ".arbiter-report-", ".pdf");
        try {
            document.save(temp.toFile());
            completeToUnicode(temp, ligatures);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Adds the Unicode text of conjunct glyphs to the saved subsets' ToUnicode maps ({@link LigatureText}):
     * the subsets exist only once saved, so the file is read back, completed and written again in place.
     */
    private static void completeToUnicode(Path saved, LigatureText ligatures) throws IOException {
        Path again = Files.createTempFile(saved.getParent(), ".arbiter-report-", ".pdf");
        try {
            boolean changed;
            try (PDDocument written = Loader.loadPDF(saved.toFile())) {
                changed = ligatures.completeToUnicode(written) > 0;
                if (changed) {
                    written.save(again.toFile());
                }
            }
            if (changed) {
                Files.move(again, saved, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(again);
        }
    }
}
