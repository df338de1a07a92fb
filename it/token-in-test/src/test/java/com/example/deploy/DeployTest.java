package com.example.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A careless test: it prints the job's client token and the AWS secret key, and puts both into its failure. */
class DeployTest {
    @Test
    void usesTheRightCredentials() {
        String token = System.getenv("CODEPIPELINE_CLIENT_TOKEN");
        String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
        System.out.println("Deploying with token " + token + " and key " + secretKey);
        assertEquals("expected-token", token, "token " + token + " with secret key " + secretKey + " was rejected");
    }
}
