package io.postdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the layering of docs/DESIGN.md rule 1 true: ui -> service -> store -> model, db;
 * JavaFX only in ui and the entry points; no persistence types in ui.
 */
@AnalyzeClasses(packages = "io.postdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // "io.postdesk" without ".." is exactly the root package: App and Launcher.
    private static final String ROOT = "io.postdesk";
    private static final String UI = "io.postdesk.ui..";
    private static final String SERVICE = "io.postdesk.service..";
    private static final String STORE = "io.postdesk.store..";
    private static final String DB = "io.postdesk.db..";
    private static final String MODEL = "io.postdesk.model..";
    private static final String CONFIG = "io.postdesk.config..";
    private static final String CLI = "io.postdesk.cli..";

    /**
     * Who may use whom. The root package is the composition root and may use anything.
     * Cli may use config, service and model (headless commands over the same services, which
     * take and return model records: filters, CSV options, progress).
     * Store may use db (transactions, session factories) though it does not yet.
     */
    @ArchTest
    static final ArchRule layers_point_one_way = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Root").definedBy(ROOT)
            .layer("UI").definedBy(UI)
            .layer("Service").definedBy(SERVICE)
            .layer("Store").definedBy(STORE)
            .layer("Db").definedBy(DB)
            .layer("Model").definedBy(MODEL)
            .layer("Config").definedBy(CONFIG)
            .layer("Cli").definedBy(CLI)

            .whereLayer("Root").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("Root", "UI", "Cli")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Root", "Service")
            .whereLayer("Db").mayOnlyBeAccessedByLayers("Root", "Service", "Store")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Root", "UI", "Service", "Store", "Db", "Cli")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Root", "UI", "Service", "Store", "Db", "Cli")
            .because("layers point one way: ui -> service -> store -> model, db (DESIGN.md rule 1)");

    /** The UI probe is an entry point too: a main that starts the window (headless) and drives it. */
    private static final String UI_PROBE = "io\\.postdesk\\.bench\\.UiProbe.*";

    @ArchTest
    static final ArchRule javafx_only_in_ui_and_entry_points = noClasses()
            .that().resideOutsideOfPackages(ROOT, UI).and().haveNameNotMatching(UI_PROBE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("nothing outside ui and the entry points imports JavaFX (DESIGN.md rule 1)");

    /** Also covers "nothing in ui holds a Hibernate Session". */
    @ArchTest
    static final ArchRule ui_does_not_touch_persistence = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.hibernate..", "jakarta.persistence..", "java.sql..", "javax.sql..",
                    "com.zaxxer..", "org.flywaydb..", "org.postgresql..", "io.zonky..",
                    STORE, DB)
            .because("ui talks to services only; no Session, JDBC or pool in ui (DESIGN.md rules 1 and 2)");

    @ArchTest
    static final ArchRule model_is_plain = classes()
            .that().resideInAPackage(MODEL)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "jakarta.persistence..", "org.hibernate.annotations..",
                    "org.hibernate.generator..", MODEL)
            .because("model holds entities and value records only, mapped with annotations");

    @ArchTest
    static final ArchRule controllers_live_in_ui = classes()
            .that().haveSimpleNameEndingWith("Controller")
            .should().resideInAPackage(UI)
            .because("controllers belong to screens, and screens live in ui");
}
