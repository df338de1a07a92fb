import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.SafeUnzip;
import io.github.codepipeline.maven.artifact.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * bench/hostile-zip.sh's probe: writes a stored zip of COUNT empty entries (the last one LAST, when given), then
 * (in a first run, -Dwrite.only=true) unpacks it with SafeUnzip into an empty folder and prints what happened and how long the unzip took.
 */
public final class HostileZip {
    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]);
        int count = Integer.parseInt(args[1]);
        String last = args.length > 2 ? args[2] : null;
        Path zip = work.resolve("in.zip");
        if (!Files.exists(zip)) { // written by the first, unmeasured run
            Zips.manyEmptyFiles(zip, count, last);
        }
        if (Boolean.getBoolean("write.only")) {
            System.out.println("wrote " + zip + " (" + Files.size(zip) / (1024 * 1024) + " MB)");
            return;
        }
        long start = System.nanoTime();
        try {
            SafeUnzip.Result result = SafeUnzip.unzip(zip, work.resolve("to"), false, 1L << 32, "the archive", "-D");
            System.out.println("unpacked " + result.files + " files");
        } catch (ArtifactException e) {
            System.out.println("refused: " + e.getMessage());
        }
        System.out.println("unzip: " + (System.nanoTime() - start) / 1_000_000 + " ms, heap " + Runtime.getRuntime().maxMemory()
                / (1024 * 1024) + " MB max");
    }
}
