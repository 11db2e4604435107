package dev.arbiter.desktop.vendor;

import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.vendor.InvalidVendorException;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.TrainingUse;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The vendor being added or edited, as the person types it: text fields and choices, turned into
 * {@link VendorDetails} only on save, with a problem per field for a date that is not YYYY-MM-DD.
 * The register itself checks the rest ({@code VendorRegister#problemsWith}).
 */
public final class VendorForm {

    final StringProperty id = new SimpleStringProperty("");
    final StringProperty name = new SimpleStringProperty("");
    final ObjectProperty<VendorKind> kind = new SimpleObjectProperty<>(VendorKind.LLM);
    final StringProperty dpaSigned = new SimpleStringProperty("");
    final StringProperty dpaFile = new SimpleStringProperty("");
    final ObjectProperty<TrainingUse> training = new SimpleObjectProperty<>(TrainingUse.UNKNOWN);
    final StringProperty residency = new SimpleStringProperty("");
    final StringProperty certifications = new SimpleStringProperty("");
    final StringProperty contact = new SimpleStringProperty("");
    final StringProperty reviewDue = new SimpleStringProperty("");
    /** The person's rating; null: the rule's stands. */
    final ObjectProperty<RiskRating> rating = new SimpleObjectProperty<>();
    final StringProperty notes = new SimpleStringProperty("");
    /** True while the form holds a new vendor (its key may be typed); false while editing one. */
    final BooleanProperty adding = new SimpleBooleanProperty(true);

    /** Empties the form for a new vendor. */
    public void clear() {
        load(VendorDetails.named("", "", VendorKind.LLM));
        adding.set(true);
    }

    /** Fills the form with {@code d} for editing; its key cannot change. */
    public void edit(VendorDetails d) {
        load(d);
        adding.set(false);
    }

    private void load(VendorDetails d) {
        id.set(d.id());
        name.set(d.name());
        kind.set(d.kind());
        dpaSigned.set(d.dpaSigned() == null ? "" : d.dpaSigned().toString());
        dpaFile.set(d.dpaFile());
        training.set(d.training());
        residency.set(d.residency());
        certifications.set(String.join(", ", d.certifications()));
        contact.set(d.contact());
        reviewDue.set(d.reviewDue() == null ? "" : d.reviewDue().toString());
        rating.set(d.assessedRisk());
        notes.set(d.notes());
    }

    public boolean isAdding() {
        return adding.get();
    }

    /**
     * The details typed; certifications are separated by commas.
     *
     * @throws InvalidVendorException naming each date field that is not a date (YYYY-MM-DD)
     */
    public VendorDetails toDetails() {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate signed = date("dpaSigned", dpaSigned.get(), problems);
        LocalDate review = date("reviewDue", reviewDue.get(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidVendorException(problems);
        }
        List<String> certs = Arrays.stream((certifications.get() == null ? "" : certifications.get()).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new VendorDetails(id.get(), name.get(), kind.get(), signed, dpaFile.get(), training.get(),
                residency.get(), certs, contact.get(), review, rating.get(), notes.get());
    }

    private static LocalDate date(String field, String text, List<FieldProblem> problems) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "\"" + t + "\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"));
            return null;
        }
    }
}
