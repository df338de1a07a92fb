import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.message.ModuleResult;
import java.io.File;
import java.util.Collections;
import java.util.List;

/**
 * For bench/big-build.sh: composes the failure message of one module whose tests failed, from the reports in the
 * folder given (none without an argument), in a JVM of its own, so that the smallest -Xmx with which it succeeds
 * says how much heap composing needs. Uses only API that the jars before and after issue 13 share.
 */
public class ComposeHeap {
    public static void main(String[] args) {
        List<File> reports = args.length == 0 ? Collections.<File>emptyList()
                : Collections.singletonList(new File(args[0]));
        ModuleResult module = ModuleResult.failed("big-suite", "maven-surefire-plugin:test",
                new RuntimeException("There are test failures."), null, reports);
        long start = System.nanoTime();
        String message = new FailureMessageComposer(Secrets.none(), null, 0)
                .compose(Collections.singletonList(module), Collections.<Throwable>emptyList());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(message);
        System.out.println("composed in " + millis + " ms");
    }
}
