package dev.tollgate.war.registration;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the JSON shapes of client registration and listing, which impl's
 * {@code ClientRegistrationService} and {@link ClientsResource} build as maps. Referenced from the resources'
 * OpenAPI annotations; never instantiated.
 */
final class RegistrationSchemas {

    private RegistrationSchemas() {
    }

    @Schema(name = "ClientMetadata", description = """
            RFC 7591 §2 client metadata. Redirect URIs are absolute, without a fragment, `https` except on loopback; \
            `authorization_code` goes with the response type `code`; registered scopes come from \
            `tollgate.registration.allowed-scopes`.""")
    record ClientMetadata(
            @JsonbProperty("client_name") String clientName,
            @JsonbProperty("redirect_uris") @Schema(description = "Matched exactly.") List<String> redirectUris,
            @JsonbProperty("grant_types")
            @Schema(description = "`authorization_code` (default), `refresh_token`, `client_credentials`.")
            List<String> grantTypes,
            @JsonbProperty("response_types") @Schema(description = "`code`, or none.") List<String> responseTypes,
            @JsonbProperty("token_endpoint_auth_method")
            @Schema(enumeration = {"client_secret_basic", "client_secret_post", "none"},
                    defaultValue = "client_secret_basic")
            String tokenEndpointAuthMethod,
            @Schema(description = "Space-separated scopes.") String scope,
            @JsonbProperty("client_uri") @Schema(format = "uri") String clientUri,
            @JsonbProperty("logo_uri") @Schema(format = "uri") String logoUri,
            @JsonbProperty("tos_uri") @Schema(format = "uri") String tosUri,
            @JsonbProperty("policy_uri") @Schema(format = "uri") String policyUri) {
    }

    @Schema(name = "ClientMetadataUpdate", requiredProperties = "client_id", description = """
            RFC 7592 §2.2: the whole metadata, replacing the registered one, with the client's `client_id`.""",
            allOf = ClientMetadata.class)
    record ClientMetadataUpdate(@JsonbProperty("client_id") String clientId) {
    }

    @Schema(name = "ClientInformation", requiredProperties = {"client_id", "registration_access_token",
            "registration_client_uri"}, allOf = ClientMetadata.class, description = """
            RFC 7591 §3.2.1 / RFC 7592 §3: the metadata as registered, with the client's credentials and its \
            management endpoint. Sent with `Cache-Control: no-store`.""")
    record ClientInformation(
            @JsonbProperty("client_id") String clientId,
            @JsonbProperty("client_secret")
            @Schema(description = "Confidential clients, when issued (registration, or a turn to confidential).")
            String clientSecret,
            @JsonbProperty("client_secret_expires_at") @Schema(description = "0: the secret does not expire.")
            Long clientSecretExpiresAt,
            @JsonbProperty("client_id_issued_at") @Schema(description = "Seconds since the epoch.")
            long clientIdIssuedAt,
            @JsonbProperty("registration_access_token")
            @Schema(description = "For `GET`/`PUT`/`DELETE` at `registration_client_uri`; rotated by every `PUT`.")
            String registrationAccessToken,
            @JsonbProperty("registration_client_uri") @Schema(format = "uri") String registrationClientUri) {
    }

    @Schema(name = "ClientPage", requiredProperties = {"items", "pagination"},
            description = "One page of clients, oldest first, and where it sits in the whole.")
    record ClientPage(List<ClientSummary> items, ClientPagination pagination) {
    }

    @Schema(name = "ClientSummary", description = "A client as listed: no secret, no hash.")
    record ClientSummary(
            @JsonbProperty("client_id") String clientId,
            @JsonbProperty("client_name") String clientName,
            @JsonbProperty("redirect_uris") List<String> redirectUris,
            @JsonbProperty("grant_types") List<String> grantTypes,
            String scope,
            boolean confidential,
            @Schema(description = "The login email of the user who registered it (with either credential); absent"
                    + " for declared clients.")
            String owner,
            @JsonbProperty("client_id_issued_at") @Schema(description = "Seconds since the epoch.")
            long clientIdIssuedAt) {
    }

    @Schema(name = "ClientPagination", requiredProperties = {"total_count", "max_page"})
    record ClientPagination(
            @JsonbProperty("total_count") long totalCount,
            @JsonbProperty("max_page") @Schema(description = "The last page with items at this size; 0 when none.")
            long maxPage) {
    }
}
