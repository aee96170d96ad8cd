package io.uptimepage.shares.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * smallrye-jwt's token parsing with one part replaced when the key location is a JWKS: the key is chosen by the
 * token's {@code kid} from {@link JwksKeys} and must be one whose JWK permits the token's {@code alg}
 * ({@link JwkAlgorithms}). Everything else (signature, {@code iss}, {@code aud}, {@code exp}/{@code nbf}/{@code iat}
 * with {@code mp.jwt.verify.clock.skew}, groups) stays smallrye-jwt's {@code DefaultJWTTokenParser}; jose4j's algorithm
 * constraint is the asymmetric set, so {@code none} and HMAC are refused before any key is looked at. With a PEM key
 * this delegates unchanged to smallrye-jwt's default factory ({@code mp.jwt.verify.publickey.algorithm} applies).
 * Quarkus injects this factory in place of the default one because it is an enabled {@code @Alternative}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class OperatorJwtFactory extends JWTCallerPrincipalFactory {

    private static final Set<SignatureAlgorithm> ASYMMETRIC = JwkAlgorithms.ASYMMETRIC.stream()
            .map(SignatureAlgorithm::fromAlgorithm).collect(Collectors.toUnmodifiableSet());

    private final JwksKeys keys;
    private final JWTCallerPrincipalFactory pem = new DefaultJWTCallerPrincipalFactory();
    private final VerificationKeyResolver byKid = this::resolveKey;
    private final DefaultJWTTokenParser jwksParser = new DefaultJWTTokenParser() {
        @Override
        protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info) {
            return byKid;
        }
    };

    public OperatorJwtFactory(JwksKeys keys) {
        this.keys = keys;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
        JWTCallerPrincipal principal;
        if (keys.enabled()) {
            JWTAuthContextInfo jwks = new JWTAuthContextInfo(info);
            jwks.setSignatureAlgorithm(ASYMMETRIC);
            JwtContext context = jwksParser.parse(token, jwks);
            principal = new DefaultJWTCallerPrincipal(context.getJoseObjects().get(0).getHeader("typ"), context.getJwtClaims());
        } else {
            principal = pem.parse(token, info);
        }
        return notIssuedInTheFuture(principal, info.getClockSkew());
    }

    /**
     * jose4j applies the clock skew to {@code exp} and {@code nbf} but, as smallrye-jwt configures it, only requires
     * {@code iat} to be present and not after {@code exp}; a token issued later than now + skew is refused here.
     */
    static JWTCallerPrincipal notIssuedInTheFuture(JWTCallerPrincipal principal, int skewSeconds) throws ParseException {
        if (principal.getIssuedAtTime() > Instant.now().getEpochSecond() + Math.max(0, skewSeconds)) {
            throw new ParseException("the token's iat is in the future beyond the allowed clock skew");
        }
        return principal;
    }

    private Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        JsonWebKey jwk = keys.find(jws.getKeyIdHeaderValue());
        if (jwk == null) {
            throw new UnresolvableKeyException("no published signing key matches the token's kid");
        }
        if (!JwkAlgorithms.of(jwk).contains(jws.getAlgorithmHeaderValue())) {
            throw new UnresolvableKeyException("the token's alg is not one its key permits");
        }
        return ((PublicJsonWebKey) jwk).getPublicKey();
    }
}
