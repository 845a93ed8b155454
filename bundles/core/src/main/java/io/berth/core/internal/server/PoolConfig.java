package io.berth.core.internal.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Berth address pool",
        description = "The IPv4 addresses handed to new servers, one per server, allocated before the VM is made.")
public @interface PoolConfig {

    String PID = "io.berth.core.pool";

    @AttributeDefinition(name = "Name")
    String name() default "default";

    @AttributeDefinition(name = "First address")
    String first() default "10.10.0.10";

    @AttributeDefinition(name = "Last address")
    String last() default "10.10.0.250";

    @AttributeDefinition(name = "Prefix length", min = "1", max = "32")
    int prefix_length() default 24;

    @AttributeDefinition(name = "Gateway", required = false)
    String gateway() default "10.10.0.1";

    @AttributeDefinition(name = "Name servers", description = "space-separated", required = false)
    String nameservers() default "1.1.1.1 9.9.9.9";
}
