/**
 * The automatic report: what a pom's {@code <extensions>true</extensions>} or {@code .mvn/extensions.xml} adds to a
 * build — the event spy and lifecycle participant that report a failed build, the interruption hook, the running
 * goals, and the adapters of Maven's build results, logs and settings (the last two are shared with the goals).
 */
package io.github.codepipeline.maven.automatic;
