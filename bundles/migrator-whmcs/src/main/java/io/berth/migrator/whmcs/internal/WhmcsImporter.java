package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.BillingImporter;
import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportProgress;
import io.berth.api.billing.ImportRequest;
import io.berth.api.billing.ImportSummary;
import java.io.IOException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The WHMCS {@link BillingImporter}: reads WHMCS (source settings from the request, else from this component's
 * configuration) and writes Berth's own database, the {@code DataSource} core registers with
 * {@code berth.datasource=main} after it has applied the migrations.
 *
 * <p>Request source keys: {@code url}, {@code user}, {@code .password}, {@code batch.size}.
 */
@Component(service = BillingImporter.class, property = BillingImporter.ID + "=" + WhmcsImporter.ID,
        configurationPid = WhmcsImporter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WhmcsImporter.Config.class)
public final class WhmcsImporter implements BillingImporter {

    public static final String ID = "whmcs";
    public static final String PID = "io.berth.migrator.whmcs";

    @ObjectClassDefinition(name = "Berth WHMCS importer",
            description = "Defaults for berth:whmcs-migrate: the WHMCS database to read.")
    public @interface Config {
        @AttributeDefinition(name = "WHMCS database URL", description = "jdbc:mariadb://HOST:3306/DATABASE")
        String source_url() default "";

        @AttributeDefinition(name = "WHMCS database user", description = "A user allowed to SELECT")
        String source_user() default "";

        @AttributeDefinition(name = "WHMCS database password", type = AttributeType.PASSWORD,
                description = "Stored as a private property; WHMCS_DB_PASSWORD in the environment also works")
        String _source_password() default "";

        @AttributeDefinition(name = "Batch size", description = "Records per Berth transaction")
        int batch_size() default MigrationOptions.DEFAULT_BATCH;
    }

    private final DataSource target;
    private final Config config;

    @Activate
    public WhmcsImporter(@Reference(target = "(berth.datasource=main)") DataSource target, Config config) {
        this.target = target;
        this.config = config;
    }

    @Override
    public ImportSummary run(ImportRequest request, ImportProgress progress) throws ImportException {
        String url = value(request.source().get("url"), config.source_url());
        String user = value(request.source().get("user"), config.source_user());
        String password = value(request.source().get(".password"),
                value(config._source_password(), System.getenv(MigrateFlags.SOURCE_PASSWORD_ENV)));
        if (url == null) {
            throw new ImportException("no WHMCS database: give --source-url or configure " + PID);
        }
        int batch = request.source().containsKey("batch.size") ? Integer.parseInt(request.source().get("batch.size"))
                : config.batch_size();
        MappingFile mapping;
        try {
            mapping = request.mapping() == null ? MappingFile.builtIn() : MappingFile.load(request.mapping());
        } catch (IOException e) {
            throw new ImportException(e.getMessage(), e);
        }
        return new Migration(new SourceDatabase(url, user, password), target::getConnection, mapping,
                new MigrationOptions(request.dryRun(), batch, 0), request.report(),
                progress == null ? ImportProgress.none() : progress).run();
    }

    private static String value(String given, String fallback) {
        return given != null && !given.isBlank() ? given : fallback == null || fallback.isBlank() ? null : fallback;
    }
}
