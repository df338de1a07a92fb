package io.github.codepipeline.maven.it;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...} header) the way an AWS service does:
 * it rebuilds the canonical request from the exact bytes and headers received, the string to sign, and the signature
 * with the secret key registered for the request's access key ID. For the test stand-ins of AWS services.
 */
public final class SigV4 {
    /** The keys the service knows: access key ID to secret key and, for temporary credentials, session token. */
    private final Map<String, String[]> keys = new ConcurrentHashMap<>();
    private final String service;

    /** A verifier for requests signed for {@code service} (the signing name: {@code codepipeline}, {@code sts}...). */
    public SigV4(String service) {
        this.service = service;
    }

    /**
     * Accepts requests signed with {@code secretKey} for {@code accessKeyId}; with a session token, only requests that
     * carry it in {@code X-Amz-Security-Token} (temporary credentials), else only requests that carry none.
     */
    public SigV4 acceptKeys(String accessKeyId, String secretKey, String sessionTokenOrNull) {
        keys.put(accessKeyId, new String[] {secretKey, sessionTokenOrNull});
        return this;
    }

    /** Why the service would refuse {@code request}: {@code {__type, message}}, or null when it is signed right. */
    public String[] refusal(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return new String[] {"MissingAuthenticationTokenException", "Missing Authentication Token"};
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return new String[] {"IncompleteSignatureException", "Unsupported authorization type"};
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2) {
                switch (pair[0]) {
                    case "Credential": credential = pair[1]; break;
                    case "SignedHeaders": signedHeaders = pair[1]; break;
                    case "Signature": signature = pair[1]; break;
                    default: break;
                }
            }
        }
        String amzDate = request.getHeader("X-Amz-Date");
        if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
            return new String[] {"IncompleteSignatureException",
                    "Authorization header requires Credential, SignedHeaders, Signature and an X-Amz-Date header"};
        }
        String[] scope = credential.split("/");
        if (scope.length != 5) {
            return new String[] {"IncompleteSignatureException", "Credential must have exactly 5 slash-delimited elements"};
        }
        String[] key = keys.get(scope[0]);
        if (key == null) {
            return new String[] {"UnrecognizedClientException", "The security token included in the request is invalid."};
        }
        String token = request.getHeader("X-Amz-Security-Token");
        if (key[1] == null ? token != null : !key[1].equals(token)) {
            return new String[] {"UnrecognizedClientException", "The security token included in the request is invalid."};
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(amzDate));
        } catch (DateTimeParseException e) {
            return new String[] {"IncompleteSignatureException", "X-Amz-Date must be in the ISO8601 basic format"};
        }
        if (!amzDate.startsWith(scope[1]) || !scope[3].equals(service) || !scope[4].equals("aws4_request")) {
            return new String[] {"InvalidSignatureException", "Credential should be scoped to a valid date, region and service "
                    + service + ": " + credential.substring(credential.indexOf('/') + 1)};
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return new String[] {"InvalidSignatureException", "Signature expired: " + amzDate + " is now more than 15 minutes away"};
        }
        List<String> headerNames = List.of(signedHeaders.split(";"));
        if (!headerNames.contains("host")) {
            return new String[] {"InvalidSignatureException", "'Host' must be a signed header"};
        }
        String canonicalRequest = canonicalRequest(request, headerNames, signedHeaders);
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + String.join("/", scope[1], scope[2], scope[3], scope[4])
                + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = hmac(("AWS4" + key[0]).getBytes(StandardCharsets.UTF_8), scope[1]);
        signingKey = hmac(signingKey, scope[2]);
        signingKey = hmac(signingKey, scope[3]);
        signingKey = hmac(signingKey, "aws4_request");
        if (!hex(hmac(signingKey, stringToSign)).equals(signature)) {
            return new String[] {"InvalidSignatureException", "The request signature we calculated does not match the signature"
                    + " you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
                    + " for details."};
        }
        return null;
    }

    private static String canonicalRequest(Request request, List<String> headerNames, String signedHeaders) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? "" : url.substring(question + 1);
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.getMethod().getName()).append('\n');
        canonical.append(path.isEmpty() ? "/" : path).append('\n');
        canonical.append(canonicalQuery(query)).append('\n');
        for (String name : headerNames) {
            HttpHeader header = request.header(name);
            List<String> values = new ArrayList<>();
            if (header.isPresent()) {
                for (String value : header.values()) {
                    values.add(value.trim().replaceAll(" +", " "));
                }
            }
            canonical.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n');
        canonical.append(hex(sha256(request.getBody() == null ? new byte[0] : request.getBody())));
        return canonical.toString();
    }

    private static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            pairs.add(encode(decode(nameValue[0])) + "=" + (nameValue.length == 2 ? encode(decode(nameValue[1])) : ""));
        }
        Collections.sort(pairs);
        return String.join("&", pairs);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 wants. */
    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
