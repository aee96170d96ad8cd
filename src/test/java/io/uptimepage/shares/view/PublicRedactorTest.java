package io.uptimepage.shares.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Public redaction (DESIGN §6), one class of field at a time, and the header line derived after it. */
class PublicRedactorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode check(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String redacted(String json) {
        return PublicRedactor.redact(check(json)).toString().replace('"', '\'');
    }

    @Test
    void basicAuthPairIsMaskedAndNullStaysNull() {
        assertEquals("{'type':'http','basic_auth':['***','***']}", redacted("{'type':'http','basic_auth':['alice','s3cret']}"));
        assertEquals("{'type':'http','basic_auth':null}", redacted("{'type':'http','basic_auth':null}"));
    }

    @Test
    void bearerTokenIsMaskedAndNullStaysNull() {
        assertEquals("{'type':'http','bearer_token':'***'}", redacted("{'type':'http','bearer_token':'eyJabc'}"));
        assertEquals("{'type':'http','bearer_token':null}", redacted("{'type':'http','bearer_token':null}"));
    }

    @Test
    void everyHeaderValueIsMaskedAndKeysAreKept() {
        assertEquals("{'type':'http','headers':{'Accept':'***','X-Api-Key':'***','User-Agent':'***'}}",
                redacted("{'type':'http','headers':{'Accept':'application/json','X-Api-Key':'k-123','User-Agent':'probe'}}"));
        assertEquals("{'type':'http','headers':{}}", redacted("{'type':'http','headers':{}}"));
    }

    @Test
    void nonNullBodyIsMaskedWhateverItIs() {
        assertEquals("{'type':'http','body':'***'}", redacted("{'type':'http','body':'{\\'password\\':\\'x\\'}'}"));
        assertEquals("{'type':'http','body':'***'}", redacted("{'type':'http','body':''}"));
        assertEquals("{'type':'http','body':null}", redacted("{'type':'http','body':null}"));
    }

    @Test
    void urlsLoseUserinfoQueryAndFragmentButKeepHostPortAndPath() {
        assertEquals("{'type':'http','url':'https://api.example.com:8443/v1/health'}",
                redacted("{'type':'http','url':'https://user:pa%40ss@api.example.com:8443/v1/health?key=abc&x=1#frag'}"));
        assertEquals("{'type':'http','url':'http://example.com'}", redacted("{'type':'http','url':'http://tok@example.com?q=1'}"));
        assertEquals("https://h.example/p", PublicRedactor.stripUrl("https://a:b@c@h.example/p#x?y"));
        assertEquals("h.example/p", PublicRedactor.stripUrl("u:p@h.example/p?x"), "scheme-less url field");
    }

    @Test
    void flowStartUrlAndGotoUrlsAreStrippedAndFillValuesMasked() {
        String flow = "{'type':'flow','start_url':'https://u:p@app.example.com/login?next=/x#top','steps':["
                + "{'op':'goto','url':'https://app.example.com/a?invite=SECRET'},"
                + "{'op':'fill','selector':'#password','value':'hunter2'},"
                + "{'op':'fill','selector':'#email','value':'me@example.com'},"
                + "{'op':'click','selector':'button'},"
                + "{'op':'assert_text','selector':'h1','text':'Welcome'}],'timeout':60000,'step_timeout':10000,'verify_tls':true}";
        assertEquals("{'type':'flow','start_url':'https://app.example.com/login','steps':["
                + "{'op':'goto','url':'https://app.example.com/a'},"
                + "{'op':'fill','selector':'#password','value':'***'},"
                + "{'op':'fill','selector':'#email','value':'***'},"
                + "{'op':'click','selector':'button'},"
                + "{'op':'assert_text','selector':'h1','text':'Welcome'}],'timeout':60000,'step_timeout':10000,'verify_tls':true}",
                redacted(flow));
    }

    @Test
    void fieldsNamedLikeSecretsAreMaskedInAnyKnownKind() {
        assertEquals("{'type':'dns','domain':'example.com','record_type':'TXT','api_key':'***','resolver_password':'***'}",
                redacted("{'type':'dns','domain':'example.com','record_type':'TXT','api_key':'k','resolver_password':'p'}"));
    }

    @Test
    void aKindTheCodeDoesNotKnowShowsOnlyItsType() {
        assertEquals("{'type':'carrier_pigeon'}", redacted("{'type':'carrier_pigeon','loft':'secret-loft','password':'x'}"));
        assertEquals("{}", redacted("{'loft':'secret-loft'}"));
        assertEquals("{}", PublicRedactor.redact(null).toString());
    }

    @Test
    void harmlessFieldsOfEveryKindAreKept() {
        assertEquals("{'type':'tcp','host':'db.example.com','port':5432,'timeout':5000}",
                redacted("{'type':'tcp','host':'db.example.com','port':5432,'timeout':5000}"));
        assertEquals("{'type':'tls_cert','host':'example.com','port':443,'server_name':'www.example.com','warn_days':14,'critical_days':3,'timeout':5000}",
                redacted("{'type':'tls_cert','host':'example.com','port':443,'server_name':'www.example.com','warn_days':14,'critical_days':3,'timeout':5000}"));
        assertEquals("{'type':'heartbeat','period':300000,'grace':60000,'max_runtime':null}",
                redacted("{'type':'heartbeat','period':300000,'grace':60000,'max_runtime':null}"));
        assertEquals("{'type':'http','url':'https://x.example/','method':'GET','expected_status':{'kind':'exact','value':200},'verify_tls':true}",
                redacted("{'type':'http','url':'https://x.example/','method':'GET','expected_status':{'kind':'exact','value':200},'verify_tls':true}"));
    }

    @Test
    void redactionLeavesTheCoreObjectUntouched() {
        ObjectNode original = check("{'type':'http','bearer_token':'abc','headers':{'A':'b'}}");
        String before = original.toString();
        PublicRedactor.redact(original);
        assertEquals(before, original.toString());
    }

    @Test
    void headerLineIsDerivedAfterRedaction() {
        CheckSummary http = CheckSummary.of(PublicRedactor.redact(check(
                "{'type':'http','url':'https://u:pw@api.example.com/health?token=T#f'}")));
        assertEquals("HTTP", http.label());
        assertEquals("https://api.example.com/health", http.address());
        assertFalse(http.address().contains("pw") || http.address().contains("token"));
        assertEquals("TCP db.example.com:5432", line("{'type':'tcp','host':'db.example.com','port':5432,'timeout':1}"));
        assertEquals("PING 10.0.0.1", line("{'type':'ping','host':'10.0.0.1','timeout':1}"));
        assertEquals("HEARTBEAT ping every 5m (+1m grace)", line("{'type':'heartbeat','period':300000,'grace':60000}"));
        assertEquals("HEARTBEAT ping every 1d (+1h 30m grace)", line("{'type':'heartbeat','period':86400000,'grace':5400000}"));
        assertEquals("TLS example.com:443", line("{'type':'tls_cert','host':'example.com','port':443}"));
        assertEquals("DOMAIN example.com", line("{'type':'domain_expiry','domain':'example.com'}"));
        assertEquals("DNS MX example.com", line("{'type':'dns','domain':'example.com','record_type':'MX'}"));
        assertEquals("FLOW https://app.example.com/login", line("{'type':'flow','start_url':'https://a:b@app.example.com/login?x=1','steps':[]}"));
        assertEquals("CARRIER_PIGEON ", line("{'type':'carrier_pigeon','loft':'x'}"));
    }

    private static String line(String json) {
        CheckSummary s = CheckSummary.of(PublicRedactor.redact(check(json)));
        return s.label() + " " + s.address();
    }
}
