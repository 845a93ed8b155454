package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code POST /access/ticket}: log in with the password, or renew with a valid ticket as password. */
final class AccessApi {

    private final SimContext ctx;

    AccessApi(SimContext ctx) {
        this.ctx = ctx;
    }

    ApiResult createTicket(ApiCall call) {
        Params p = call.params();
        String username = p.required("username");
        if (!username.contains("@") && p.has("realm")) {
            username = username + "@" + p.required("realm");
        }
        String password = p.required("password");
        String user = username;
        boolean knownUser = user.equals(ctx.credentials().username());
        boolean passwordOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                ctx.credentials().password().getBytes(StandardCharsets.UTF_8));
        boolean renewal = ctx.tickets().verifyTicket(password).filter(user::equals).isPresent();
        if (!knownUser || !(passwordOk || renewal)) {
            throw PveError.status(401, "authentication failure");
        }
        ObjectNode data = ctx.json().createObjectNode();
        data.put("username", user);
        data.put("ticket", ctx.tickets().issueTicket(user));
        data.put("CSRFPreventionToken", ctx.tickets().csrfToken(user));
        data.put("clustername", ctx.cluster().name());
        return ApiResult.of(data);
    }
}
