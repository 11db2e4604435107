package dev.arbiter.core.playbook;

import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workspace's playbooks: YAML files in {@code <data dir>/playbooks}. The first time the folder is
 * needed it is created with the shipped defaults (runaway cost loop, data exfiltration, unauthorized
 * action, hallucinated decision, cascading failure, compromised agent token), which the user may then
 * edit, delete or add to; Arbiter never overwrites the folder's files.
 */
public final class PlaybookLibrary {

    /** The shipped defaults, in the order the guide's risk categories list them. */
    public static final List<String> DEFAULTS = List.of("runaway-cost-loop", "data-exfiltration",
            "unauthorized-action", "hallucinated-decision", "cascading-failure", "compromised-agent-token");

    /** Every playbook that reads cleanly, and the problems of those that do not. */
    public record Loaded(List<Playbook> playbooks, List<PlaybookProblem> problems) {
    }

    private final Path folder;

    public PlaybookLibrary(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Reads every {@code *.yaml} in the folder (creating it with the defaults first if it does not exist).
     *
     * @throws StoreException naming the folder when it cannot be created or read
     */
    public Loaded load() {
        seedIfAbsent();
        List<Playbook> playbooks = new ArrayList<>();
        List<PlaybookProblem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                PlaybookCodec.Result r = PlaybookCodec.parse(f.getFileName().toString(), read(f));
                r.playbook().ifPresent(playbooks::add);
                problems.addAll(r.problems());
            }
        } catch (IOException e) {
            throw new StoreException("Cannot read the playbooks in " + folder + ": " + e.getMessage(), e);
        }
        return new Loaded(List.copyOf(playbooks), List.copyOf(problems));
    }

    /**
     * The playbook with {@code id}.
     *
     * @throws IllegalArgumentException listing the ids there are
     */
    public Playbook get(String id) {
        Loaded loaded = load();
        Optional<Playbook> found = loaded.playbooks().stream().filter(p -> p.id().equals(id)).findFirst();
        return found.orElseThrow(() -> new IllegalArgumentException("playbook: there is no playbook '" + id
                + "'; there are " + String.join(", ", loaded.playbooks().stream().map(Playbook::id).toList())));
    }

    /** A playbook and the text of its file (a tabletop exercise keeps a copy of the text). */
    public record Source(Playbook playbook, String file, String yaml) {
    }

    /**
     * The playbook with {@code id} and its file's text, read once (so the two always agree).
     *
     * @throws IllegalArgumentException listing the ids there are
     */
    public Source source(String id) {
        Loaded loaded = load();
        for (Playbook p : loaded.playbooks()) {
            if (p.id().equals(id)) {
                try {
                    String text = read(folder.resolve(p.source()));
                    PlaybookCodec.Result again = PlaybookCodec.parse(p.source(), text);
                    if (again.playbook().isPresent()) {
                        return new Source(again.playbook().get(), p.source(), text);
                    }
                } catch (IOException e) {
                    throw new StoreException("Cannot read the playbook " + folder.resolve(p.source()) + ": "
                            + e.getMessage(), e);
                }
            }
        }
        get(id); // throws, listing the ids there are
        throw new IllegalArgumentException("playbook: " + id + " changed while it was read and no longer reads;"
                + " run arbiter playbook validate");
    }

    private static String read(Path f) throws IOException {
        if (Files.size(f) > PlaybookCodec.MAX_CHARS * 4L) {
            return "x".repeat(PlaybookCodec.MAX_CHARS + 1);
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    private void seedIfAbsent() {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
            for (String id : DEFAULTS) {
                try (InputStream in = PlaybookLibrary.class.getResourceAsStream("/playbooks/" + id + ".yaml")) {
                    if (in == null) {
                        throw new IOException("the shipped playbook " + id + " is missing from Arbiter");
                    }
                    Files.write(folder.resolve(id + ".yaml"), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot create the playbooks folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
