package dev.tollgate.war.admin;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.admin.ServiceClients;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A service client with its secret, in the response to its creation or to a rotation: the only time the secret is
 * shown. Member names follow RFC 7591 §3.2.1.
 *
 * @param clientSecretExpiresAt   0: the secret does not expire (RFC 7591)
 * @param previousSecretExpiresAt after a rotation, when the previous secret stops working (epoch seconds); else null
 */
@JsonbPropertyOrder({"client_id", "client_secret", "client_name", "grant_types", "scope", "owner",
        "client_id_issued_at", "client_secret_expires_at", "previous_secret_expires_at"})
public record ServiceClientSecret(@JsonbProperty("client_id") String clientId,
                                  @JsonbProperty("client_secret") String clientSecret,
                                  @JsonbProperty("client_name") String clientName,
                                  @JsonbProperty("grant_types") List<String> grantTypes,
                                  String scope,
                                  String owner,
                                  @JsonbProperty("client_id_issued_at") long clientIdIssuedAt,
                                  @JsonbProperty("client_secret_expires_at") long clientSecretExpiresAt,
                                  @JsonbProperty("previous_secret_expires_at") Long previousSecretExpiresAt) {

    static ServiceClientSecret of(ServiceClients.Issued issued) {
        var client = issued.client();
        return new ServiceClientSecret(client.id().value(), issued.secret().reveal(), client.name(),
                client.grantTypes().stream().map(GrantType::value).sorted().toList(),
                String.join(" ", client.scopes()), client.owner().orElse(null),
                client.createdAt().getEpochSecond(), 0,
                issued.previousSecretExpiresAt().map(at -> at.getEpochSecond()).orElse(null));
    }

    @Override
    public String toString() {
        return "ServiceClientSecret[client_id=" + clientId + ", secret redacted]";
    }
}
