package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.mojo.animal_sniffer.ClassListBuilder;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.PrintWriterLogger;
import org.junit.jupiter.api.Test;

/**
 * The artifact users download: one jar with the AWS SDK inside (relocated), a POM without runtime dependencies,
 * Java 8 bytecode and Java 8 API throughout (the bundled SDK included), within the size budget.
 */
class PackagingIT {
    static final Path JAR = Paths.get(System.getProperty("it.pluginJar"));
    static final Path POM = Paths.get(System.getProperty("it.localRepository"), "io", "github", "codepipeline", "maven",
            "codepipeline-maven-plugin", System.getProperty("plugin.version"),
            "codepipeline-maven-plugin-" + System.getProperty("plugin.version") + ".pom");
    static final String OWN_PACKAGE = "io/github/codepipeline/maven/";
    /**
     * Issue 15's budget for the plugin and everything it downloads (issue 6's was 6.5 MB, before S3): the S3 client
     * alone brings about 3.3 MB, 2.7 MB of it the model classes of S3's ~100 operations, which minimizeJar keeps because
     * the S3Client interface names them all. Measured 9.7 MB with S3.
     */
    static final long MAX_BYTES = 10_000_000;
    /** Provided by Maven at run time: not the JDK's API, so not the signature's business. */
    static final List<String> PROVIDED = Arrays.asList("org.apache.maven.*", "org.codehaus.plexus.*",
            "org.eclipse.aether.*", "org.slf4j.*", "javax.inject.*");

    @Test
    void everyClassIsJava8Bytecode() throws IOException {
        List<String> newer = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
                        in.readInt();
                        in.readUnsignedShort();
                        int major = in.readUnsignedShort();
                        if (major > 52) {
                            newer.add(entry.getName() + " (class file version " + major + ")");
                        }
                    }
                }
            }
        }
        assertThat(newer).as("classes newer than Java 8 in " + JAR).isEmpty();
    }

    /** {@code --release 8} checks our sources; this checks every class in the jar, the bundled SDK's included. */
    @Test
    void usesNoJdkApiNewerThanJava8() throws IOException {
        ClassListBuilder ownClasses = new ClassListBuilder(new PrintWriterLogger(new PrintStream(new ByteArrayOutputStream())));
        ownClasses.process(JAR.toFile());
        Set<String> ignored = new HashSet<>(ownClasses.getPackages());
        ignored.addAll(PROVIDED);
        // The SDK refers to optional modules that are not bundled (CRT, STS, SSO...); they are loaded only when present.
        ignored.add(OWN_PACKAGE.replace('/', '.') + "shaded.*");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        SignatureChecker checker;
        try (InputStream signature = new FileInputStream(System.getProperty("it.java8Signature"))) {
            checker = new SignatureChecker(signature, ignored, new PrintWriterLogger(new PrintStream(errors, true, "UTF-8")));
        }
        checker.setSourcePath(Collections.emptyList());
        checker.setAnnotationTypes(Collections.emptyList());
        checker.process(JAR.toFile());
        assertThat(errors.toString("UTF-8")).as("references to API that Java 8 lacks").isEmpty();
        assertThat(checker.isSignatureBroken()).isFalse();
    }

    @Test
    void carriesEveryClassUnderThePluginsOwnPackage() throws IOException {
        List<String> outside = new ArrayList<>();
        int sdkClasses = 0;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith(OWN_PACKAGE)) {
                    outside.add(name);
                }
                if (name.equals(OWN_PACKAGE + "shaded/awssdk/services/codepipeline/CodePipelineClient.class")) {
                    sdkClasses++;
                }
            }
        }
        assertThat(outside).as("classes that escaped relocation").isEmpty();
        assertThat(sdkClasses).as("the relocated SDK client").isEqualTo(1);
    }

    @Test
    void staysWithinTheDownloadBudget() throws IOException {
        assertThat(Files.size(JAR)).as("size of " + JAR).isLessThanOrEqualTo(MAX_BYTES);
    }

    /** The installed POM is the one users' Maven reads: with no runtime dependency, Maven resolves one jar. */
    @Test
    void installedPomHasNoRuntimeDependencies() throws IOException {
        String pom = new String(Files.readAllBytes(POM), "UTF-8");
        assertThat(pom).doesNotContain("<dependencyManagement>");
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        List<String> runtime = new ArrayList<>();
        while (dependency.find()) {
            Matcher scope = Pattern.compile("<scope>(\\w+)</scope>").matcher(dependency.group(1));
            String s = scope.find() ? scope.group(1) : "compile";
            if (!s.equals("provided") && !s.equals("test")) {
                runtime.add(dependency.group(1).replaceAll("\\s+", " ").trim());
            }
        }
        assertThat(runtime).as("runtime dependencies in " + POM).isEmpty();
    }
}
