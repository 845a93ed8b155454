package io.berth.core.internal.account;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Berth first admin",
        description = "The admin account made at first start when the database has none. The launcher fills it "
                + "from BERTH_ADMIN_EMAIL / BERTH_ADMIN_PASSWORD; without a password one is generated and printed once.")
public @interface BootstrapConfig {

    String PID = "io.berth.core.bootstrap";

    @AttributeDefinition(name = "Email")
    String email() default "admin@berth.local";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";
}
