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

    /**
     * The text of the playbook file {@code file} (a name in the folder, e.g. {@code runaway-cost-loop.yaml}).
     *
     * @throws IllegalArgumentException when {@code file} is not a plain {@code .yaml} name in the folder
     * @throws StoreException naming the file when it cannot be read
     */
    public String text(String file) {
        Path f = fileIn(file);
        try {
            return read(f);
        } catch (IOException e) {
            throw new StoreException("Cannot read the playbook " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code yaml} to the playbook file {@code file} (a new name adds a playbook), only when it reads
     * cleanly and its id is not another file's; the file is replaced whole (written aside, then moved over
     * it), so a crash leaves the old text or the new, never half of each. Past exercises keep their own copy.
     *
     * @return the saved playbook
     * @throws IllegalArgumentException with file:line:col for each problem, or naming the file that has the id
     * @throws StoreException naming the file when it cannot be written
     */
    public Playbook save(String file, String yaml) {
        Path f = fileIn(file);
        PlaybookCodec.Result r = PlaybookCodec.parse(file, yaml);
        if (r.playbook().isEmpty()) {
            throw new IllegalArgumentException(r.problems().stream().map(PlaybookProblem::toString)
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        Playbook p = r.playbook().get();
        load().playbooks().stream().filter(other -> other.id().equals(p.id()) && !other.source().equals(file))
                .findFirst().ifPresent(other -> {
                    throw new IllegalArgumentException(file + ": id '" + p.id() + "' is the id of " + other.source()
                            + " already; give this playbook another id");
                });
        try {
            Path aside = Files.createTempFile(folder, ".saving-", ".tmp");
            try {
                Files.writeString(aside, yaml, StandardCharsets.UTF_8);
                Files.move(aside, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(aside);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot write the playbook " + f + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** The text Arbiter ships for default playbook {@code id}, empty when {@code id} is not a shipped default. */
    public static Optional<String> shipped(String id) {
        if (!DEFAULTS.contains(id)) {
            return Optional.empty();
        }
        try (InputStream in = PlaybookLibrary.class.getResourceAsStream("/playbooks/" + id + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("Cannot read the shipped playbook " + id + ": " + e.getMessage(), e);
        }
    }

    /** {@code file} resolved in the folder; only a plain name ending in {@code .yaml}, never a path. */
    private Path fileIn(String file) {
        if (file == null || !file.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,95}\\.yaml") || file.contains("..")) {
            throw new IllegalArgumentException("file: '" + file + "' is not a playbook file name; use letters, digits,"
                    + " '-' and '_', ending in .yaml (e.g. my-playbook.yaml)");
        }
        seedIfAbsent();
        return folder.resolve(file);
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
