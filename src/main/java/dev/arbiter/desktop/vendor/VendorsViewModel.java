package dev.arbiter.desktop.vendor;

import dev.arbiter.core.agent.ModelChangeRequest;
import dev.arbiter.core.agent.ModelChanges;
import dev.arbiter.core.agent.ModelRole;
import dev.arbiter.core.agent.TestEvidence;
import dev.arbiter.core.vendor.AgentProviderPlan;
import dev.arbiter.core.vendor.FallbackBehaviour;
import dev.arbiter.core.vendor.ProviderPlans;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorOverview;
import dev.arbiter.core.vendor.VendorRegister;
import dev.arbiter.core.agent.AgentChanged;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.vendor.VendorsChanged;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.FxTicker;
import java.util.concurrent.Executor;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Vendors screen (issue 17, the guide's Pillar 5 "Vendor Risk Management"): the vendor register,
 * each agent's provider plan, and model change requests from request to applied; the due-diligence PDF.
 * The same core calls as {@code arbiter vendor}, {@code arbiter agent model} and {@code arbiter report
 * vendors}. Every call runs on the {@link TaskRunner}; no scene-graph types, so plain JUnit drives it.
 */
public final class VendorsViewModel {

    private final VendorRegister vendors;
    private final ProviderPlans plans;
    private final ModelChanges changes;
    private final Supplier<VendorOverview> overview;
    private final BiConsumer<VendorOverview, Path> report;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final StatusMessage status;
    private final ObservableList<VendorRow> vendorRows = FXCollections.observableArrayList();
    private final ObservableList<AgentProviderPlan> planRows = FXCollections.observableArrayList();
    private final ObservableList<ModelChangeRequest> changeRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper evidence = new ReadOnlyStringWrapper("");
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final VendorForm form = new VendorForm();

    /**
     * @param overview reads the register, plans and open changes at one moment (the workspace's)
     * @param report   writes the due-diligence PDF of an overview to a file (slow: runs on the worker)
     */
    public VendorsViewModel(VendorRegister vendors, ProviderPlans plans, ModelChanges changes,
                            Supplier<VendorOverview> overview, BiConsumer<VendorOverview, Path> report,
                            Supplier<String> actor, TaskRunner runner, StatusMessage status) {
        this.vendors = vendors;
        this.plans = plans;
        this.changes = changes;
        this.overview = overview;
        this.report = report;
        this.actor = actor;
        this.runner = runner;
        this.status = status;
    }

    // ---- state

    /** The register, by name. */
    public ObservableList<VendorRow> vendorRows() { return vendorRows; }
    /** One provider plan per active agent, by id. */
    public ObservableList<AgentProviderPlan> planRows() { return planRows; }
    /** Every model change request, newest first. */
    public ObservableList<ModelChangeRequest> changeRows() { return changeRows; }
    /** The readiness "Vendor Management" evidence line, e.g. "3 vendors, 1 without DPA, …". */
    public javafx.beans.property.ReadOnlyStringProperty evidenceProperty() { return evidence.getReadOnlyProperty(); }
    /** True while the PDF is being written. */
    public BooleanProperty exportingProperty() { return exporting; }
    public StatusMessage status() { return status; }

    // ---- commands

    /**
     * Reloads whenever vendors, fallbacks, agents or model changes change, here, by the CLI or in another
     * process; a burst of changes is one reload, started on {@code ui}.
     */
    public void follow(Events events, Executor ui) {
        FxTicker ticker = new FxTicker(this::refresh, ui);
        events.subscribe(VendorsChanged.class, e -> ticker.mark());
        events.subscribe(AgentChanged.class, e -> ticker.mark());
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("vendor", "agent_fallback", "model_change", "agent")) {
                ticker.mark();
            }
        });
    }

    /** Reloads everything (after an own change, and when another process changed vendors or agents). */
    public void refresh() {
        runner.run(() -> new Loaded(overview.get(), changes.list(null)), loaded -> {
            VendorOverview o = loaded.overview();
            vendorRows.setAll(o.dossiers().stream().map(VendorRow::new).toList());
            planRows.setAll(o.plans());
            changeRows.setAll(loaded.changes());
            evidence.set(o.evidenceLine() + (o.unregistered().isEmpty() ? "" : "; " + o.unregistered().size()
                    + " agent(s) name a vendor not in the register: "
                    + String.join(", ", o.unregistered().stream().map(p -> p.agent().id()).toList())));
        }, failure -> status.error("Could not read the vendors: " + Dialogs.messageOf(failure)));
    }

    private record Loaded(VendorOverview overview, List<ModelChangeRequest> changes) {
    }

    /** The vendor being added or edited. */
    public VendorForm form() { return form; }

    /** Empties the form for a new vendor. */
    public void newVendor() {
        form.clear();
    }

    /** Loads {@code row}'s vendor into the form for editing. */
    public void edit(VendorRow row) {
        if (row != null) {
            form.edit(row.details());
        }
    }

    /**
     * Adds the vendor in the form, or saves the one being edited (its key names it); the problems, per
     * field, go to the status line and the form keeps what was typed.
     */
    public void save() {
        VendorDetails details;
        try {
            details = form.toDetails();
        } catch (IllegalArgumentException e) {
            status.error("Not saved: " + e.getMessage());
            return;
        }
        boolean adding = form.isAdding();
        runner.run(() -> adding ? vendors.add(details, actor.get()) : vendors.update(details, actor.get()), saved -> {
            status.info((adding ? "Added " : "Saved ") + saved.name() + " (" + saved.id() + ").");
            form.edit(saved.details());
            refresh();
        }, failure -> status.error("Not saved: " + Dialogs.messageOf(failure)));
    }

    /** Removes a vendor with a reason; refused, naming them, while agents still name it. */
    public void remove(VendorRow row, String reason) {
        String id = row.details().id();
        runner.run(() -> {
            vendors.remove(id, reason, actor.get());
            return id;
        }, removed -> {
            status.info("Removed " + row.details().name() + " from the register.");
            if (!form.isAdding() && form.id.get().equals(id)) {
                form.clear();
            }
            refresh();
        }, failure -> status.error("Not removed: " + Dialogs.messageOf(failure)));
    }

    /**
     * Records what {@code agentId} does while its provider is down.
     *
     * @param behaviour queue, notify or rules; {@code detail} says whom to notify or which rules
     * @param fallbackVendor the fallback model's vendor in the register, or blank for the agent's own
     */
    public void setFallback(String agentId, String behaviour, String detail, String fallbackVendor) {
        runner.run(() -> plans.setFallback(agentId, FallbackBehaviour.of(behaviour, detail), fallbackVendor,
                actor.get()), plan -> {
            status.info(agentId + ": " + plan.fallbackDescription() + " (" + plan.strategy().label() + ").");
            refresh();
        }, failure -> status.error("Fallback not saved: " + Dialogs.messageOf(failure)));
    }

    /**
     * Requests a model change with its test evidence: a JUnit XML report ({@code junitFile} true:
     * {@code evidence} is its path, read now) or a reference to a test run.
     */
    public void request(String agentId, ModelRole role, String toModel, String reason, String evidence,
                        boolean junitFile, Runnable onRequested) {
        runner.run(() -> {
            String e = evidence == null ? "" : evidence.strip();
            TestEvidence proof = junitFile && !e.isEmpty() ? ModelChanges.junitReport(Path.of(e))
                    : new TestEvidence.Reference(e);
            return changes.request(agentId, role, toModel, reason, proof, actor.get());
        }, r -> {
            status.info("Requested #" + r.id() + ": " + r.summary() + ". It waits for approval.");
            onRequested.run();
            refresh();
        }, failure -> status.error("Not requested: " + Dialogs.messageOf(failure)));
    }

    public void approve(ModelChangeRequest r, String note) {
        decide(r, () -> changes.approve(r.id(), note, actor.get()), "Approved");
    }

    /** Rejects a requested or approved change; a reason is required. */
    public void reject(ModelChangeRequest r, String reason) {
        decide(r, () -> changes.reject(r.id(), reason, actor.get()), "Rejected");
    }

    /** Applies an approved change: only now does the agent's model change. */
    public void apply(ModelChangeRequest r) {
        decide(r, () -> changes.apply(r.id(), actor.get()), "Applied");
    }

    private void decide(ModelChangeRequest r, java.util.concurrent.Callable<ModelChangeRequest> step, String done) {
        runner.run(step, after -> {
            status.info(done + " #" + after.id() + ": " + after.summary()
                    + (after.selfApproved() ? " (self-approved)" : "") + ".");
            refresh();
        }, failure -> status.error("#" + r.id() + ": " + Dialogs.messageOf(failure)));
    }

    /** Writes the vendor due-diligence PDF to {@code file} on the worker; progress while it runs. */
    public void export(Path file) {
        if (exporting.get()) {
            return;
        }
        exporting.set(true);
        status.info("Writing the vendor due-diligence report…");
        runner.run(() -> {
            report.accept(overview.get(), file);
            return file;
        }, written -> {
            exporting.set(false);
            status.info("Wrote the vendor due-diligence report to " + written.toAbsolutePath() + ".");
        }, failure -> {
            exporting.set(false);
            status.error("Report not written to " + file + ": " + Dialogs.messageOf(failure));
        });
    }

    /** The statuses' words as the table shows them, with "self-approved" where it applies. */
    public static String state(ModelChangeRequest r) {
        return r.status().label() + (r.selfApproved() ? " · self-approved" : "");
    }
}
