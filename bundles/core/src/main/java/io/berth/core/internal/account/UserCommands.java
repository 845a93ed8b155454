package io.berth.core.internal.account;

import io.berth.api.account.Account;
import io.berth.api.account.AccountChange;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Role;
import io.berth.api.domain.Caller;
import io.berth.api.domain.DomainException;
import io.berth.api.domain.Page;

import java.util.UUID;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands for operators: {@code berth:useradd|users|userdisable|userenable|userpasswd}. */
@Component(service = UserCommands.class, property = {"osgi.command.scope=berth",
    "osgi.command.function=useradd", "osgi.command.function=users", "osgi.command.function=userdisable",
    "osgi.command.function=userenable", "osgi.command.function=userpasswd"})
public final class UserCommands {

    private static final Caller CONSOLE = new Caller(new UUID(0, 0), "console", true, "console");

    private final AccountService accounts;

    @Activate
    public UserCommands(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @Descriptor("creates an account")
    public String useradd(@Descriptor("make it an admin") @Parameter(names = "--admin", presentValue = "true",
            absentValue = "false") boolean admin, @Descriptor("email") String email,
            @Descriptor("password (at least 10 characters)") String password) {
        try {
            Account a = accounts.create(CONSOLE, new NewAccount(email, password, admin ? Role.ADMIN : Role.USER, null));
            return "created " + a.role().wireName() + " " + a.email() + " (" + a.id() + ")";
        } catch (DomainException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Descriptor("lists the accounts")
    public String users() {
        StringBuilder out = new StringBuilder(String.format("%-36s  %-32s  %-5s  %-8s  %s%n", "id", "email", "role",
                "state", "quotas (servers/subdomains)"));
        String cursor = null;
        do {
            Page<Account> page = accounts.list(CONSOLE, cursor, 100);
            for (Account a : page.items()) {
                out.append(String.format("%-36s  %-32s  %-5s  %-8s  %d/%d%n", a.id(), a.email(), a.role().wireName(),
                        a.disabled() ? "disabled" : a.passwordResetRequired() ? "reset" : "active",
                        a.quotas().servers(), a.quotas().subdomains()));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return out.toString();
    }

    @Descriptor("disables an account: it can no longer log in, its tokens stop working")
    public String userdisable(@Descriptor("email") String email) {
        return change(email, new AccountChange(true, null, null, null), "disabled");
    }

    @Descriptor("enables a disabled account")
    public String userenable(@Descriptor("email") String email) {
        return change(email, new AccountChange(false, null, null, null), "enabled");
    }

    @Descriptor("sets a new password (and clears a pending reset)")
    public String userpasswd(@Descriptor("email") String email, @Descriptor("new password") String password) {
        return change(email, new AccountChange(null, null, null, password), "password changed for");
    }

    private String change(String email, AccountChange change, String done) {
        return accounts.findByEmail(email).map(a -> {
            try {
                accounts.updateAsOperator(a.id(), change);
                return done + " " + a.email();
            } catch (DomainException e) {
                return "refused: " + e.getMessage();
            }
        }).orElse("no account " + email);
    }
}
