package io.github.codepipeline.maven;

import java.io.File;
import java.util.List;

/**
 * One entry of {@code upload-output}'s {@code <outputs>}: an output artifact of the job and the files that make it,
 * in the shape of maven-assembly-plugin's {@code <fileSet>}.
 *
 * <pre>{@code
 * <output>
 *   <artifact>BuildOutput</artifact>
 *   <directory>${project.build.directory}</directory>
 *   <includes><include>*.jar</include></includes>
 *   <excludes><exclude>*-sources.jar</exclude></excludes>
 * </output>
 * }</pre>
 *
 * @since 0.1.0
 */
public class Output {
    /** The name of the job's output artifact (required). */
    private String artifact;

    /** The directory the files are taken from, their paths in the zip relative to it; default: the module's base directory. */
    private File directory;

    /** Ant-style patterns of the files to take, relative to {@code directory}; default: every file under it. */
    private List<String> includes;

    /** Ant-style patterns of files to leave out. */
    private List<String> excludes;

    public String getArtifact() {
        return artifact;
    }

    public File getDirectory() {
        return directory;
    }

    public List<String> getIncludes() {
        return includes;
    }

    public List<String> getExcludes() {
        return excludes;
    }
}
