package io.uptimepage.shares.view;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.support.PostgresResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Share links minted, revoked and inspected the way operators do it (the API), plus direct SQL where no API exists. */
final class PublicLinks {

    /** A minted link: the share id and its token. */
    record Link(String org, String targetId, String id, String token) {

        String path() {
            return "/m/" + token;
        }
    }

    private PublicLinks() {
    }

    static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Mints through {@code POST /api/v1/targets/{id}/shares} (the core stub must know the target). */
    static Link mint(String org, String targetId) {
        Response r = given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/targets/{id}/shares", targetId);
        if (r.statusCode() != 201) {
            throw new AssertionError("mint failed: " + r.statusCode() + " " + r.asString());
        }
        return new Link(org, targetId, r.path("id"), r.path("token"));
    }

    static void revoke(Link link) {
        int status = given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().delete("/api/v1/targets/{id}/shares/{sid}", link.targetId(), link.id()).statusCode();
        if (status != 204) {
            throw new AssertionError("revoke failed: " + status);
        }
    }

    /** Runs one statement against the test database (e.g. to expire a link, which the API cannot do). */
    static int sql(String statement, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One column of the share's row, as text. */
    static String column(Link link, String column) {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement("select " + column + "::text from shares where id = ?::uuid")) {
            ps.setString(1, link.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
