package dev.pillar.storage.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The hexagon's arrows: everything points inwards, and each framework stays inside its adapter. */
@AnalyzeClasses(packages = "dev.pillar.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String DOMAIN = "dev.pillar.storage.domain..";
    private static final String APPLICATION = "dev.pillar.storage.application..";
    private static final String HTTP = "dev.pillar.storage.adapters.http..";
    private static final String POSTGRES = "dev.pillar.storage.adapters.postgres..";
    private static final String S3 = "dev.pillar.storage.adapters.s3..";
    private static final String FILESYSTEM = "dev.pillar.storage.adapters.filesystem..";
    private static final String BOOTSTRAP = "dev.pillar.storage.bootstrap..";

    @ArchTest
    static final ArchRule domain_depends_on_nothing_but_the_jdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.lang..", "java.util..",
                    "java.time..", "java.nio.charset..");

    @ArchTest
    static final ArchRule application_depends_on_the_domain_and_the_jdk_only = classes().that()
            .resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..");

    @ArchTest
    static final ArchRule the_http_adapter_depends_on_no_other_adapter = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage(POSTGRES, S3, FILESYSTEM, BOOTSTRAP);

    @ArchTest
    static final ArchRule the_postgres_adapter_depends_on_no_other_adapter = noClasses().that()
            .resideInAPackage(POSTGRES)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, S3, FILESYSTEM, BOOTSTRAP);

    @ArchTest
    static final ArchRule the_s3_adapter_depends_on_no_other_adapter = noClasses().that().resideInAPackage(S3)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, POSTGRES, FILESYSTEM, BOOTSTRAP);

    @ArchTest
    static final ArchRule the_filesystem_adapter_depends_on_no_other_adapter = noClasses().that()
            .resideInAPackage(FILESYSTEM)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, POSTGRES, S3, BOOTSTRAP);

    @ArchTest
    static final ArchRule helidon_webserver_types_stay_in_the_http_adapter = noClasses().that()
            .resideOutsideOfPackages(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..");

    @ArchTest
    static final ArchRule jdbc_and_database_types_stay_in_the_postgres_adapter = noClasses().that()
            .resideOutsideOfPackages(POSTGRES)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.helidon.dbclient..",
                    "org.postgresql..", "com.zaxxer..", "liquibase..");

    @ArchTest
    static final ArchRule aws_types_stay_in_the_s3_adapter = noClasses().that().resideOutsideOfPackages(S3)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..");

    @ArchTest
    static final ArchRule only_bootstrap_sees_the_adapters_together = noClasses().that()
            .resideOutsideOfPackages(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP);
}
