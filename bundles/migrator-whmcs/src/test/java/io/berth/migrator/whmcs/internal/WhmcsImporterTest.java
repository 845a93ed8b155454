package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportRequest;
import io.berth.api.billing.ImportSummary;
import io.berth.testbed.whmcs.WhmcsTestbed;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The DS component path: source settings from the request or the configuration, target from the DataSource. */
class WhmcsImporterTest {

    @Test
    void importsThroughTheDataSourceWithConfiguredSource() throws Exception {
        WhmcsTestbed whmcs = TestDatabases.whmcs();
        String target = TestDatabases.target();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(target);
        WhmcsImporter importer = new WhmcsImporter(ds, config(whmcs.jdbcUrl(), whmcs.user(), whmcs.password()));
        List<String> progress = new ArrayList<>();

        ImportSummary dry = importer.run(new ImportRequest(Map.of(), true, null, null),
                (entity, done, total) -> progress.add(entity + " " + done + "/" + total));
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.counts().get("clients").created()).isEqualTo(40);
        assertThat(progress).contains("clients 40/40");
        try (Connection c = TestDatabases.connect(target)) {
            assertThat(TestDatabases.one(c, "select count(*) from users")).isEqualTo("0");
        }

        ImportSummary real = importer.run(new ImportRequest(Map.of("batch.size", "15"), false, null, null), null);
        assertThat(real.counts().get("services").created()).isPositive();
        assertThat(real.unmapped()).anyMatch(u -> u.startsWith("option 'backups'"));
        try (Connection c = TestDatabases.connect(target)) {
            // 40 clients; two share the login of an earlier client and so its Berth user
            assertThat(TestDatabases.one(c, "select count(*) from users")).isEqualTo("38")
                    .isEqualTo(TestDatabases.one(c, "select count(distinct target_id) from import_mappings "
                            + "where entity = 'client'"));
            // the connection went back to the pool as it came: writable, no transaction open
            assertThat(ds.getConnection().isReadOnly()).isFalse();
        }
    }

    @Test
    void requestSettingsWinAndBadOnesAreNamed() {
        WhmcsImporter importer = new WhmcsImporter(new PGSimpleDataSource(), config("", "", ""));
        assertThatThrownBy(() -> importer.run(new ImportRequest(Map.of(), true, null, null), null))
                .isInstanceOf(ImportException.class).hasMessageContaining("no WHMCS database");
        assertThatThrownBy(() -> importer.run(new ImportRequest(Map.of("url", "jdbc:mysql://x/y"), true, null, null),
                null)).hasMessageContaining("must start with jdbc:mariadb://");
    }

    static WhmcsImporter.Config config(String url, String user, String password) {
        return new WhmcsImporter.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WhmcsImporter.Config.class;
            }

            @Override
            public String source_url() {
                return url;
            }

            @Override
            public String source_user() {
                return user;
            }

            @Override
            public String _source_password() {
                return password;
            }

            @Override
            public int batch_size() {
                return 1000;
            }
        };
    }
}
