package dev.arbiter.desktop.exercise;

import dev.arbiter.core.exercise.ElapsedText;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookCodec;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.core.playbook.PlaybookProblem;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Playbooks tab's state (issue 17: "playbooks as data, YAML shipped with editable defaults"): the files
 * in the workspace's playbooks folder (also those that do not read, so they can be mended here), the
 * selected one readable (trigger, roles, steps with their Arbiter action and target time, injects) and
 * its YAML in an editor checked on every edit, each problem with line:col. Saving writes the file only
 * when it reads cleanly ({@link PlaybookLibrary#save}). Unsaved edits of a file are kept while another
 * file is looked at, and a shipped default's text can be brought back into the editor.
 */
public final class PlaybooksViewModel {

    private final Supplier<PlaybookLibrary> library;
    private final TaskRunner runner;
    private final StatusMessage outcome;
    private final Map<String, String> saved = new HashMap<>();
    private final Map<String, String> drafts = new HashMap<>();

    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final StringProperty selected = new SimpleStringProperty();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty readable = new SimpleStringProperty("");
    private final StringProperty problems = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final StringProperty folder = new SimpleStringProperty("");
    private boolean loading;

    public PlaybooksViewModel(Supplier<PlaybookLibrary> library, TaskRunner runner, StatusMessage outcome) {
        this.library = library;
        this.runner = runner;
        this.outcome = outcome;
        text.addListener((o, was, now) -> {
            check(now);
            String file = selected.get();
            if (file != null && !loading) {
                if (now.equals(saved.get(file))) {
                    drafts.remove(file);
                } else {
                    drafts.put(file, now);
                }
            }
            dirty.set(file != null && drafts.containsKey(file));
        });
        selected.addListener((o, was, now) -> open(now));
    }

    /** The playbook files in the folder, by name. */
    public ObservableList<String> files() { return files; }
    /** The file on show (a name from {@link #files()} without the unsaved mark), null for none. */
    public StringProperty selectedProperty() { return selected; }
    /** The editor's YAML. */
    public StringProperty textProperty() { return text; }
    /** The playbook as a person reads it, from the editor's text when it reads cleanly. */
    public StringProperty readableProperty() { return readable; }
    /** One "line:col: message" per problem of the editor's text, or "" when it reads cleanly. */
    public StringProperty problemsProperty() { return problems; }
    public BooleanProperty validProperty() { return valid; }
    /** True when the editor holds text not yet saved. */
    public BooleanProperty dirtyProperty() { return dirty; }
    public StringProperty folderProperty() { return folder; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }

    /** Re-reads the folder's file names (creating it with the defaults on first use). */
    public void refresh() {
        runner.run(() -> {
            PlaybookLibrary lib = library.get();
            PlaybookLibrary.Loaded loaded = lib.load();
            TreeSet<String> names = new TreeSet<>();
            loaded.playbooks().forEach(p -> names.add(p.source()));
            loaded.problems().forEach(p -> names.add(p.file()));
            return new Listing(lib.folder().toString(), List.copyOf(names));
        }, listing -> {
            folder.set(listing.folder());
            files.setAll(listing.names());
            if (selected.get() == null || !listing.names().contains(selected.get())) {
                selected.set(listing.names().isEmpty() ? null : listing.names().get(0));
            }
        }, x -> outcome.error(Dialogs.messageOf(x)));
    }

    private record Listing(String folder, List<String> names) {
    }

    /** Saves the editor's text to the selected file; refused (with line:col) while it does not read. */
    public void save() {
        String file = selected.get();
        String yaml = text.get();
        if (file == null) {
            outcome.error("Select a playbook first.");
            return;
        }
        if (!valid.get()) {
            outcome.error("Not saved: " + file + " has problems (" + problems.get().lines().findFirst().orElse("")
                    + "); fix them first");
            return;
        }
        runner.run(() -> library.get().save(file, yaml), p -> {
            saved.put(file, yaml);
            if (yaml.equals(text.get())) {
                drafts.remove(file);
                dirty.set(false);
            }
            outcome.info("Saved " + file + " (" + p.name() + ", " + p.steps().size() + " steps). New exercises use"
                    + " it; past exercises keep the text they were planned with.");
        }, x -> outcome.error("Not saved: " + Dialogs.messageOf(x)));
    }

    /** Puts the last saved text back in the editor (the unsaved edit is dropped). */
    public void revert() {
        String file = selected.get();
        if (file != null && saved.containsKey(file)) {
            drafts.remove(file);
            text.set(saved.get(file));
            outcome.info("Back to the saved text of " + file + ".");
        }
    }

    /** Puts Arbiter's shipped text of the selected default playbook in the editor (saved only with {@link #save}). */
    public void restoreShipped() {
        String file = selected.get();
        String id = file == null ? "" : file.replaceFirst("\\.yaml$", "");
        PlaybookLibrary.shipped(id).ifPresentOrElse(t -> {
            text.set(t);
            outcome.info("The shipped text of " + id + " is in the editor; save (Ctrl+S) to keep it.");
        }, () -> outcome.error(file + " is not one of the shipped defaults (" + String.join(", ",
                PlaybookLibrary.DEFAULTS) + ")"));
    }

    private void open(String file) {
        if (file == null) {
            setText("");
            return;
        }
        if (drafts.containsKey(file)) {
            setText(drafts.get(file));
            return;
        }
        runner.run(() -> library.get().text(file), t -> {
            saved.put(file, t);
            if (file.equals(selected.get()) && !drafts.containsKey(file)) {
                setText(t);
            }
        }, x -> outcome.error(Dialogs.messageOf(x)));
    }

    private void setText(String t) {
        loading = true;
        try {
            text.set(t);
        } finally {
            loading = false;
        }
        dirty.set(selected.get() != null && drafts.containsKey(selected.get()));
    }

    private void check(String yaml) {
        String file = selected.get() == null ? "playbook.yaml" : selected.get();
        PlaybookCodec.Result r = PlaybookCodec.parse(file, yaml == null ? "" : yaml);
        valid.set(r.playbook().isPresent());
        List<String> lines = new ArrayList<>();
        for (PlaybookProblem p : r.problems()) {
            lines.add("line " + p.line() + ", column " + p.column() + ": " + p.message());
        }
        problems.set(String.join("\n", lines));
        r.playbook().ifPresentOrElse(p -> readable.set(readable(p)),
                () -> readable.set("The text has problems (below); fix them to read the playbook here."));
    }

    /** Trigger, roles, the numbered steps with role, target time and Arbiter action, and the injects. */
    static String readable(Playbook p) {
        StringBuilder b = new StringBuilder();
        b.append(p.name()).append(" (").append(p.id()).append(")\n\n");
        b.append("Trigger: ").append(p.trigger()).append("\n");
        b.append("Roles: ").append(String.join(", ", p.roles())).append("\n\nSteps\n");
        for (int n = 0; n < p.steps().size(); n++) {
            Playbook.Step s = p.steps().get(n);
            b.append(n + 1).append(". ").append(s.text()).append("\n     ").append(s.role())
                    .append(s.within().map(w -> " · within " + ElapsedText.of(w)).orElse(" · no target time"))
                    .append(s.action().map(a -> " · in Arbiter: " + a.how()).orElse("")).append("\n");
        }
        b.append("\nScenario injects (tabletop exercises)\n");
        if (p.injects().isEmpty()) {
            b.append("none\n");
        }
        for (Playbook.Inject i : p.injects()) {
            b.append(ElapsedText.of(i.at())).append("  ").append(i.event()).append("\n");
        }
        return b.toString().stripTrailing();
    }
}
