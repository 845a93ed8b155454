package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.BillingImporter;
import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportRequest;
import io.berth.api.billing.ImportSummary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo command {@code berth:whmcs-migrate}, with the CLI's flags except the target ones: inside the runtime the
 * target is Berth's own database (and core has applied its migrations). Prints progress to the console and
 * returns the summary.
 *
 * <pre>
 * g! berth:whmcs-migrate --source-url jdbc:mariadb://whmcs-db:3306/whmcs --source-user reader --dry-run
 * </pre>
 *
 * Gogo calls {@code _main} for a function name that is no Java identifier, with the name as first argument.
 */
@Component(service = WhmcsMigrateCommand.class, property = {"osgi.command.scope=berth",
    "osgi.command.function=whmcs-migrate"})
public final class WhmcsMigrateCommand {

    private final BillingImporter importer;

    @Activate
    public WhmcsMigrateCommand(
            @Reference(target = "(" + BillingImporter.ID + "=" + WhmcsImporter.ID + ")") BillingImporter importer) {
        this.importer = importer;
    }

    public String _main(String[] args) {
        String[] flags = args.length > 0 && "whmcs-migrate".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length)
                : args;
        MigrateFlags f;
        try {
            f = MigrateFlags.parse(flags, System::getenv);
        } catch (IllegalArgumentException e) {
            return "whmcs-migrate: " + e.getMessage() + "\n" + usage();
        }
        if (f.help()) {
            return usage();
        }
        if (f.targetUrl() != null || f.targetUser() != null || f.migrateOnly()) {
            return "whmcs-migrate: inside Berth the target is Berth's own database; --target-* and --migrate-only "
                    + "belong to the standalone CLI";
        }
        Map<String, String> source = new HashMap<>();
        put(source, "url", f.sourceUrl());
        put(source, "user", f.sourceUser());
        put(source, ".password", f.sourcePassword());
        source.put("batch.size", String.valueOf(f.batchSize()));
        try {
            ImportSummary summary = importer.run(new ImportRequest(source, f.dryRun(), f.report(), f.mapping()),
                    new ProgressPrinter(System.out, 2000));
            return SummaryText.render(summary);
        } catch (ImportException e) {
            return "whmcs-migrate failed: " + e.getMessage();
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String usage() {
        return MigrateFlags.USAGE.replace("berth-whmcs-migrate", "berth:whmcs-migrate");
    }
}
