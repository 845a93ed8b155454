package io.berth.core.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Berth database",
        description = "The PostgreSQL database holding Berth's state. Migrations run at activation.")
public @interface DatabaseConfig {

    String PID = "io.berth.core.database";

    @AttributeDefinition(name = "JDBC URL", description = "jdbc:postgresql://host:port/database")
    String url();

    @AttributeDefinition(name = "User")
    String user() default "berth";

    @AttributeDefinition(name = "Password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(name = "Pool size", description = "Maximum open connections", min = "1", max = "200")
    int pool_size() default 20;

    @AttributeDefinition(name = "Connection timeout (ms)", min = "250")
    long connection_timeout_ms() default 5000;
}
