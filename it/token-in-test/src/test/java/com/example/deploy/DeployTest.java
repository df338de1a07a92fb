package com.example.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A careless test: it prints the job's client token and the AWS credentials, and puts them into its failure. */
class DeployTest {
    @Test
    void usesTheRightCredentials() {
        String token = System.getenv("CODEPIPELINE_CLIENT_TOKEN");
        String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
        String sessionToken = System.getenv("AWS_SESSION_TOKEN");
        System.out.println("Deploying with token " + token + ", key " + secretKey + " and session " + sessionToken);
        assertEquals("expected-token", token,
                "token " + token + " with secret key " + secretKey + " and session " + sessionToken + " was rejected");
    }
}
