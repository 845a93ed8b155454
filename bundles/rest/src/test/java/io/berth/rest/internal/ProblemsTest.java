package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each failure and the problem document it becomes. */
class ProblemsTest {

    private static Problem problem(Response r) {
        assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
        Problem p = (Problem) r.getEntity();
        assertThat(p.status()).isEqualTo(r.getStatus());
        assertThat(p.type()).isEqualTo("about:blank");
        assertThat(p.title()).isEqualTo(Problem.title(r.getStatus()));
        return p;
    }

    private static Problem map(Throwable t) {
        return problem(Problems.toResponse(t));
    }

    private static Throwable parse(String json, Class<?> type) {
        return catchThrowable(() -> Json.MAPPER.readValue(json, type));
    }

    @Test
    void domainRefusals() {
        assertThat(map(new NotFoundException("server not found"))).satisfies(p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.detail()).isEqualTo("server not found");
            assertThat(p.errors()).isNull();
        });
        assertThat(map(new ConflictException("the server is running")).status()).isEqualTo(409);
        assertThat(map(new ConflictException("the server is running")).detail()).isEqualTo("the server is running");
        assertThat(map(new ForbiddenException("admins only")).status()).isEqualTo(403);
        Problem v = map(new ValidationException(List.of(new ValidationException.FieldError("name", "is required"),
                new ValidationException.FieldError("disk_gb", "must be at least 10"))));
        assertThat(v.status()).isEqualTo(422);
        assertThat(v.errors()).containsExactly(new Problem.FieldError("name", "is required"),
                new Problem.FieldError("disk_gb", "must be at least 10"));
        assertThat(v.detail()).contains("name: is required");
    }

    @Test
    void ownRefusalsKeepTheirHeaders() {
        Response unauthorized = Problems.toResponse(ProblemException.invalidToken("the access token has expired"));
        assertThat(problem(unauthorized).status()).isEqualTo(401);
        assertThat(unauthorized.getHeaderString("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"berth\", error=\"invalid_token\", error_description=\"the access token has expired\"");
        Response slow = Problems.toResponse(ProblemException.tooManyRequests("wait", 42));
        assertThat(problem(slow).status()).isEqualTo(429);
        assertThat(slow.getHeaderString("Retry-After")).isEqualTo("42");
        Problem parameter = map(ProblemException.invalidParameter("status", "must be one of …"));
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.errors()).containsExactly(new Problem.FieldError("status", "must be one of …"));
        assertThat(map(ProblemException.unavailable("no key yet")).status()).isEqualTo(503);
    }

    @Test
    void jerseyFailures() {
        assertThat(map(new jakarta.ws.rs.NotFoundException()).status()).isEqualTo(404);
        Response notAllowed = Problems.toResponse(new NotAllowedException("method not allowed", "GET", new String[] {"POST"}));
        assertThat(problem(notAllowed).status()).isEqualTo(405);
        assertThat(notAllowed.getHeaderString("Allow")).contains("GET").contains("POST");
        assertThat(map(new NotSupportedException()).status()).isEqualTo(415);
        assertThat(map(new NotAcceptableException()).status()).isEqualTo(406);
        assertThat(map(new BadRequestException()).status()).isEqualTo(400);
    }

    @Test
    void jsonThatCannotBeRead() {
        Problem unknown = map(parse("{\"name\":\"x\",\"colour\":\"red\"}", ServersResource.CreateServerBody.class));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errors()).containsExactly(new Problem.FieldError("colour", "unknown field"));

        Problem uuid = map(parse("{\"image_id\":\"nope\"}", ServersResource.CreateServerBody.class));
        assertThat(uuid.errors()).containsExactly(new Problem.FieldError("image_id", "must be a UUID"));

        Problem number = map(parse("{\"cpu_cores\":\"2\"}", ServersResource.CreateServerBody.class));
        assertThat(number.errors()).containsExactly(new Problem.FieldError("cpu_cores", "must be an integer"));
        Problem fraction = map(parse("{\"cpu_cores\":2.5}", ServersResource.CreateServerBody.class));
        assertThat(fraction.errors()).containsExactly(new Problem.FieldError("cpu_cores", "must be an integer"));

        Problem string = map(parse("{\"name\":5}", ServersResource.CreateServerBody.class));
        assertThat(string.errors()).containsExactly(new Problem.FieldError("name", "must be a string"));

        Problem array = map(parse("{\"ssh_keys\":\"one\"}", ServersResource.CreateServerBody.class));
        assertThat(array.errors()).containsExactly(new Problem.FieldError("ssh_keys", "must be an array"));

        Problem nested = map(parse("{\"quotas\":{\"servers\":\"many\"}}", AdminUsersResource.NewUserBody.class));
        assertThat(nested.errors()).containsExactly(new Problem.FieldError("quotas.servers", "must be an integer"));

        Problem bool = map(parse("{\"disabled\":1}", AdminUsersResource.UserChangeBody.class));
        assertThat(bool.errors()).containsExactly(new Problem.FieldError("disabled", "must be true or false"));

        Problem object = map(parse("[1,2]", LoginResource.LoginBody.class));
        assertThat(object.status()).isEqualTo(400);

        Problem malformed = map(parse("{\"name\": }", ServersResource.CreateServerBody.class));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).startsWith("the request body is not valid JSON (line 1, column");
        assertThat(malformed.errors()).isNull();

        Problem trailing = map(parse("{\"action\":\"start\"} {}", ServersResource.ActionBody.class));
        assertThat(trailing.status()).isEqualTo(400);

        Throwable cause = parse("{\"colour\":1}", ServersResource.CreateServerBody.class);
        assertThat(map(new ProcessingException("reading failed", cause)).errors())
                .containsExactly(new Problem.FieldError("colour", "unknown field"));
    }

    @Test
    void everythingElseIs500WithAnErrorIdOnly() {
        Problem p = map(new IllegalStateException("password=hunter2 at db.internal"));
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.errorId()).isNotBlank();
        assertThat(p.detail()).contains(p.errorId()).doesNotContain("hunter2").doesNotContain("db.internal");
        assertThat(map(new InternalServerErrorException("boom")).status()).isEqualTo(500);
        assertThat(map(new ProcessingException("no writer for type X")).status()).isEqualTo(500);
        assertThat(map(new StackOverflowError()).status()).isEqualTo(500);
    }

    @Test
    void problemDocumentsSerializeWithoutAbsentMembers() throws Exception {
        JsonNode n = Json.MAPPER.valueToTree(Problem.of(404, "server not found"));
        assertThat(n.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail");
        JsonNode v = Json.MAPPER.valueToTree(Problem.of(422, "x", List.of(new Problem.FieldError("a", "b"))));
        assertThat(v.path("errors").path(0).path("field").asText()).isEqualTo("a");
        JsonNode e = Json.MAPPER.valueToTree(new Problem("about:blank", "Internal Server Error", 500, "d", null, "id-1"));
        assertThat(e.path("error_id").asText()).isEqualTo("id-1");
    }
}
