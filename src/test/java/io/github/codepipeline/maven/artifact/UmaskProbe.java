package io.github.codepipeline.maven.artifact;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Run by {@link UmaskTest} in a JVM started under a chosen umask: unpacks the zip, prints each file's mode. */
public final class UmaskProbe {
    private UmaskProbe() {}

    public static void main(String[] args) throws Exception {
        Path target = Paths.get(args[1]);
        SafeUnzip.unzip(Paths.get(args[0]), target, false, 1 << 20, "the probe", "-D");
        for (int i = 2; i < args.length; i++) {
            int mode = (Integer) Files.getAttribute(target.resolve(args[i]), "unix:mode", LinkOption.NOFOLLOW_LINKS);
            System.out.println(args[i] + " " + Integer.toOctalString(mode & 07777));
        }
    }
}
