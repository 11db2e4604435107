package dev.arbiter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of ARCHITECTURE.md, enforced. */
@AnalyzeClasses(packages = "dev.arbiter", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoFace = noClasses().that().resideInAPackage("dev.arbiter.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "com.sun.net.httpserver..", "org.eclipse.jetty..",
                    "dev.arbiter.desktop..", "dev.arbiter.gateway..", "dev.arbiter.cli..", "dev.arbiter.report..",
                    "org.apache.pdfbox..", "org.apache.fontbox..", "org.controlsfx..", "atlantafx..", "dev.arbiter.mcp..",
                    "io.modelcontextprotocol..", "reactor..", "tools.jackson..")
            .because("core is plain Java that every face calls (the MCP SDK belongs to the mcp face and the bench)");

    /** Telemetry out (issue 16): the OpenTelemetry SDK lives in dev.arbiter.telemetry; core knows only its seam. */
    @ArchTest
    static final ArchRule onlyTelemetryKnowsOpenTelemetry = noClasses().that()
            .resideOutsideOfPackages("dev.arbiter.telemetry..", "dev.arbiter.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..");

    @ArchTest
    static final ArchRule facesDoNotTalkSql = noClasses().that().resideInAnyPackage("dev.arbiter.desktop..",
                    "dev.arbiter.gateway..", "dev.arbiter.cli..", "dev.arbiter.report..", "dev.arbiter.mcp..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("SQL lives in core's store classes only");

    @ArchTest
    static final ArchRule mcpProxyIsAFaceOfCoreOnly = noClasses().that().resideInAPackage("dev.arbiter.mcp..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "dev.arbiter.desktop..",
                    "dev.arbiter.gateway..", "dev.arbiter.cli..")
            .because("the MCP proxy, like the gateway, turns protocol into core calls and holds no decision logic");

    @ArchTest
    static final ArchRule databaseVendorsStayInTheStore = noClasses().that()
            .resideOutsideOfPackage("dev.arbiter.core.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..", "com.zaxxer..",
                    "org.flywaydb..")
            .because("core services and faces must not know which database they run on (the store seam)");

    @ArchTest
    static final ArchRule onlyTheGatewayKnowsTheHttpServer = noClasses().that().resideOutsideOfPackage(
                    "dev.arbiter.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "com.sun.net.httpserver..")
            .because("the HTTP front is the gateway's: swapping the server library touches one package");

    @ArchTest
    static final ArchRule desktopHasNoHttpOrCli = noClasses().that().resideInAPackage("dev.arbiter.desktop..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.arbiter.cli..")
            .because("the desktop is a face of core, not of the CLI");

    @ArchTest
    static final ArchRule namesAreReadBelowDecisions = noClasses().that().resideInAPackage("dev.arbiter.core.policy..")
            .should().dependOnClassesThat().resideInAPackage("dev.arbiter.core.decision..")
            .because("the canonical forms (ActionName, HostPort) belong to the policy model that every decision "
                    + "path reads, not to one of those paths");

    @ArchTest
    static final ArchRule onlyTheCliPrints = noClasses().that().resideOutsideOfPackages("dev.arbiter.cli..",
                    "dev.arbiter.bench..")
            .and().doNotHaveFullyQualifiedName("dev.arbiter.Logging")
            .should().accessField(System.class, "out")
            .because("output goes to the log; only the command line talks to the terminal");

    @ArchTest
    static final ArchRule demoAndBenchStayOutOfDecisions = noClasses().that().resideInAPackage("dev.arbiter.core..")
            .and().resideOutsideOfPackage("dev.arbiter.core.demo..")
            .or().resideInAPackage("dev.arbiter.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.arbiter.core.demo..", "dev.arbiter.bench..")
            .because("demo data and simulated traffic must never take part in a real decision, review or kill "
                    + "switch (issue 12 §5): only faces may start them");

    @ArchTest
    static final ArchRule coreFeaturesHaveNoCycles = slices().matching("dev.arbiter.core.(*)..")
            .should().beFreeOfCycles()
            .because("a feature package depends on the ones below it, never back (issue 14: the queue depends on "
                    + "decisions through the Escalations port, not the engine on the queue)");

    // The shell knows every screen; a screen knows only the pieces below it (common), never the shell.
    @ArchTest
    static final ArchRule desktopScreensHaveNoCycles = slices().matching("dev.arbiter.desktop.(*)..")
            .should().beFreeOfCycles()
            .because("each screen is a package of its own; shared pieces live below them (issue 14)");

    // issue 20: a ViewModel is driven by plain JUnit; the UI thread and its clock come in as a UiThread
    @ArchTest
    static final ArchRule viewModelsNeedNoToolkit = noClasses().that().resideInAPackage("dev.arbiter.desktop..")
            .and().haveSimpleNameEndingWith("Model")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.application..", "javafx.animation..",
                    "javafx.scene..", "javafx.stage..")
            .because("a ViewModel takes its UI executor and clock (UiThread) and holds no animation or node, "
                    + "so plain JUnit tests drive it without a toolkit; animations live in Views (issue 20)");
}
