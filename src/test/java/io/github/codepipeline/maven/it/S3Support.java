package io.github.codepipeline.maven.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The local CodePipeline per test and one real S3 server (s3proxy, in memory) per class, its bucket emptied per test. */
abstract class S3Support extends EndpointSupport {
    protected static S3Server s3;

    @BeforeAll
    static void startS3() {
        s3 = new S3Server(null);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void emptyBucket() {
        s3.reset();
    }
}
