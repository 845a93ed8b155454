package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.migrator.whmcs.internal.UserMapper.MappedUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserMapperTest {

    private static final String BCRYPT = "$2y$10$abcdefghijklmnopqrstuuJ8VvQk7gq0mZC6tF1V1O0mZ5sYQmI3e";
    private final UserMapper mapper = new UserMapper(TestCatalogue.catalogue(), MappingFile.builtIn());

    @Test
    void loginSuppliesEmailNameAndHash() {
        MappedUser m = mapper.map(client(1, "Active", "", 7, "Alice@Example.COM", BCRYPT,
                Map.of(26, "DE123", 28, "1234")));
        assertThat(m.user().email()).isEqualTo("alice@example.com");
        assertThat(m.user().name()).isEqualTo("Alicia Login");
        assertThat(m.user().password().hash()).isEqualTo(BCRYPT);
        assertThat(m.user().password().resetRequired()).isFalse();
        assertThat(m.user().disabled()).isFalse();
        assertThat(m.user().attributes()).isEqualTo("{\"VAT number\":\"DE123\",\"company\":\"ACME\"}");
        assertThat(m.notes()).anyMatch(n -> n.contains("Phone PIN"));
        assertThat(m.user().createdAt()).isNull();
    }

    @Test
    void clientWithoutLoginUsesItsOwnLegacyHash() {
        MappedUser m = mapper.map(client(5, "Inactive", "c2896ab1ced6a239398f4e90af8010da:e93h2", null, null, null,
                Map.of()));
        assertThat(m.user().email()).isEqualTo("client@example.com");
        assertThat(m.user().name()).isEqualTo("Zoë Ærøskøbing");
        assertThat(m.user().password().hash()).isEqualTo("c2896ab1ced6a239398f4e90af8010da:e93h2");
        assertThat(m.user().password().resetRequired()).isTrue();
        assertThat(m.notes()).anyMatch(n -> n.contains("md5"));
    }

    @Test
    void closedClientsAreDisabledAndBadEmailsSkipped() {
        assertThat(mapper.map(client(4, "Closed", BCRYPT, null, null, null, Map.of())).user().disabled()).isTrue();
        WhmcsClient noMail = new WhmcsClient(9, "A", "B", "", "  ", "Active", "", "2020-01-01", null, null, null, null,
                null, false, null, Map.of());
        assertThat(mapper.map(noMail).skipReason()).isEqualTo("no usable e-mail address");
    }

    private static WhmcsClient client(int id, String status, String legacy, Integer login, String loginEmail,
            String loginHash, Map<Integer, String> values) {
        return new WhmcsClient(id, "Zoë", "Ærøskøbing", "ACME", "Client@Example.com", status, legacy, "0000-00-00",
                login, loginEmail, "Alicia", "Login", loginHash, false, login == null ? null : id, values);
    }
}
