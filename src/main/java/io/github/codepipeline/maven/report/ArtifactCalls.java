package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.artifact.ArchiveFormat;
import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.ArtifactTar;
import io.github.codepipeline.maven.artifact.ArtifactZip;
import io.github.codepipeline.maven.artifact.EntryNames;
import io.github.codepipeline.maven.artifact.FileSet;
import io.github.codepipeline.maven.artifact.Progress;
import io.github.codepipeline.maven.artifact.SafeUnzip;
import io.github.codepipeline.maven.artifact.Staging;
import io.github.codepipeline.maven.client.ArtifactLocation;
import io.github.codepipeline.maven.client.ArtifactStore;
import io.github.codepipeline.maven.client.JobDetails;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A job's artifacts: zips and uploads the outputs ({@code upload-output}), downloads and unpacks the inputs
 * ({@code download-input}), or in a dry run says what it would transfer. Reads the job's details first for the
 * artifacts' locations and the artifact credentials; when those expire during a transfer, reads them once more.
 * The credentials live only as long as one call here.
 */
public final class ArtifactCalls {
    private static final String PREFIX = JobCalls.PREFIX;

    private final JobCalls jobs;
    private final ReportLog log;
    private final Secrets secrets;

    /** One output artifact to make: the artifact's name ({@code null}: the job's only one) and its files. */
    public static final class Output {
        private final String artifact;
        private final FileSet files;

        public Output(String artifact, FileSet files) {
            this.artifact = artifact;
            this.files = files;
        }
    }

    public ArtifactCalls(JobCalls jobs, ReportLog log, Secrets secrets) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.log = new RedactingLog(log, secrets);
    }

    /**
     * Zips and uploads each output; see {@code UploadOutputMojo}.
     *
     * @param workDirectory where the zips are written before they are uploaded (the module's build directory: on the
     *     build's disk, not in a possibly small {@code /tmp}); each is deleted after its upload
     */
    public void upload(ReportSettings settings, ArtifactSettings artifacts, List<Output> outputs, Path workDirectory)
            throws ReportException, ArtifactException, IOException {
        Map<Output, List<FileSet.Entry>> files = new LinkedHashMap<>();
        for (Output output : outputs) {
            files.put(output, output.files.collect());
            warnIfTooLargeForDownload(output, files.get(output));
        }
        if (settings.dryRun()) {
            log.info(PREFIX + "dry run (codepipeline.dryRun=true): nothing is read from or written to CodePipeline or S3."
                    + " upload-output would upload:");
            for (Output output : outputs) {
                long total = 0;
                for (FileSet.Entry entry : files.get(output)) {
                    total += Files.size(entry.file());
                }
                log.info("  output artifact " + (output.artifact == null ? "(the job's only one)" : output.artifact)
                        + ": " + (artifacts.outputFormat() == ArtifactSettings.OutputFormat.ZIP ? "a zip"
                                : artifacts.outputFormat() == ArtifactSettings.OutputFormat.TAR ? "a tar" : "a gzipped tar")
                        + " of " + count(files.get(output).size()) + " (" + Progress.megabytes(total) + ") from "
                        + output.files.directory() + ", to the bucket and key " + settings.actionOwner().detailsCall()
                        + " names, encrypted"
                        + " with aws:kms (the job's KMS key, else S3's default KMS key):");
                for (FileSet.Entry entry : files.get(output)) {
                    log.info("    " + EntryNames.shown(entry.name()) + " (" + Files.size(entry.file()) + " bytes)");
                }
            }
            return;
        }
        JobDetails job = jobs.jobDetails(settings);
        if (job.outputArtifacts().isEmpty()) {
            for (Output output : outputs) {
                if (output.artifact != null) { // named, so expected: saying nothing would lose it quietly
                    pick(job.outputArtifacts(), output.artifact, "output", Setting.OUTPUT_ARTIFACT);
                }
            }
            log.info(PREFIX + "job " + settings.jobId() + " has no output artifact: nothing to upload.");
            return;
        }
        List<ArtifactLocation> targets = new ArrayList<>();
        for (Output output : outputs) {
            targets.add(pick(job.outputArtifacts(), output.artifact, "output", Setting.OUTPUT_ARTIFACT));
        }
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            ArtifactLocation target = targets.get(i);
            List<FileSet.Entry> entries = files.get(output);
            ArtifactSettings.OutputFormat format = artifacts.outputFormat();
            boolean zipFormat = format == ArtifactSettings.OutputFormat.ZIP;
            long maxSize = zipFormat ? ArtifactZip.maxSize(entries)
                    : ArtifactTar.maxSize(entries, format == ArtifactSettings.OutputFormat.TGZ);
            Files.createDirectories(workDirectory);
            // The archive is spooled here while its parts are sent (see ArtifactStore.upload); deleted in any case.
            Path zip = Files.createTempFile(workDirectory, "codepipeline-" + safe(target.name()) + "-", format.extension());
            try {
                ArtifactZip.Result[] zipped = new ArtifactZip.Result[1];
                ArtifactStore.Sent[] sent = new ArtifactStore.Sent[1];
                job = transfer(settings, artifacts, job, target, "Uploading " + target.name(), -1, (store, location, p) ->
                        sent[0] = store.upload(location, zip, maxSize, artifacts.uploadConcurrency(), format.contentType(), out -> {
                            ArtifactZip.Result result = zipFormat ? ArtifactZip.write(entries, out, bytes -> {})
                                    : ArtifactTar.write(entries, out, format == ArtifactSettings.OutputFormat.TGZ, bytes -> {});
                            zipped[0] = result;
                            p.total(result.bytes);
                            log.info(PREFIX + (zipFormat ? "zipped " : "packed ") + count(entries.size()) + " from " + output.files.directory()
                                    + " for the output artifact " + target.name() + " (" + Progress.megabytes(result.bytes)
                                    + ", " + result.methods() + ") in " + result.nanos / 1_000_000 + " ms.");
                        }, p::add),
                        () -> (zipFormat ? "; zipped " : "; packed ") + Progress.megabytes(zipped[0].inputBytes) + " at "
                                + Progress.rate(zipped[0].inputBytes, zipped[0].nanos) + " (" + zipped[0].methods() + "), sent at "
                                + Progress.rate(sent[0].bytes, sent[0].sendingNanos) + (sent[0].parts == 1 ? " in one PutObject"
                                        : " in " + sent[0].parts + " parts, " + sent[0].concurrency + " at a time"));
                log.info(PREFIX + "uploaded the output artifact " + target.name() + " to " + target.url() + " ("
                        + ArtifactStore.encryptionText(job.encryptionKeyId()) + ").");
                jobs.recordOutput(target.name());
            } finally {
                Files.deleteIfExists(zip);
            }
        }
    }

    /**
     * One warning when the zip expands past what {@code download-input} accepts by default: the next action's download
     * would be refused unless it raises {@code codepipeline.maxInputSize}. Not a refusal: that action may well.
     */
    private void warnIfTooLargeForDownload(Output output, List<FileSet.Entry> entries) throws IOException {
        long total = FileSet.totalBytes(entries);
        long mb = 1024L * 1024L;
        if (total > ArtifactSettings.DEFAULT_MAX_INPUT_SIZE_MB * mb) {
            log.warn(PREFIX + "the output artifact " + (output.artifact == null ? "" : output.artifact + " ") + "from "
                    + output.files.directory() + " expands to " + Progress.megabytes(total) + ", past the "
                    + ArtifactSettings.DEFAULT_MAX_INPUT_SIZE_MB + " MB download-input accepts by default: where it is"
                    + " downloaded, set -D" + Setting.MAX_INPUT_SIZE.property() + "=" + (total + mb - 1) / mb
                    + " or more.");
        }
    }

    /** What {@link #download} unpacked: each artifact with its revision. */
    public static final class Downloaded {
        public final String artifact;
        public final String revision;

        Downloaded(String artifact, String revision) {
            this.artifact = artifact;
            this.revision = revision;
        }
    }

    /** Downloads and unpacks each input artifact (or the one named) into {@code directory}; see {@code DownloadInputMojo}. */
    public List<Downloaded> download(ReportSettings settings, ArtifactSettings artifacts, Path directory)
            throws ReportException, ArtifactException, IOException {
        List<Downloaded> downloaded = new ArrayList<>();
        if (settings.dryRun()) {
            log.info(PREFIX + "dry run (codepipeline.dryRun=true): nothing is read from CodePipeline or S3, nothing is"
                    + " written. download-input would download "
                    + (artifacts.inputArtifact() == null ? "every input artifact of the job" : "the input artifact "
                            + artifacts.inputArtifact())
                    + " (locations from " + settings.actionOwner().detailsCall() + ") and unpack it into " + directory
                    + (artifacts.inputArtifact() == null ? " (several: each into " + directory.resolve("<artifact name>") + ")" : "")
                    + ", " + (artifacts.overwrite() ? "replacing" : "refusing to replace") + " existing files, refusing"
                    + " archives that expand past " + artifacts.maxInputBytes() / (1024 * 1024) + " MB.");
            return downloaded;
        }
        JobDetails job = jobs.jobDetails(settings);
        List<ArtifactLocation> inputs = new ArrayList<>();
        if (artifacts.inputArtifact() != null) {
            inputs.add(pick(job.inputArtifacts(), artifacts.inputArtifact(), "input", Setting.INPUT_ARTIFACT));
        } else {
            inputs.addAll(job.inputArtifacts());
        }
        if (inputs.isEmpty()) {
            log.info(PREFIX + "job " + settings.jobId() + " has no input artifact: nothing to download.");
            return downloaded;
        }
        Files.createDirectories(directory);
        List<String> leftovers = Staging.removeLeftovers(directory);
        if (!leftovers.isEmpty()) {
            log.info(PREFIX + "removed what an interrupted download-input left in " + directory + ": "
                    + EntryNames.shown(String.join(", ", leftovers)) + ".");
        }
        // Every target checked before the first download: a refusal leaves every artifact as it was.
        for (ArtifactLocation input : inputs) {
            if (!input.hasLocation()) {
                throw new ReportException("CodePipeline gave no S3 location for the input artifact " + input.name() + ".", false);
            }
            if (inputs.size() > 1) {
                checkTarget(input, directory, "nothing was downloaded");
            }
        }
        for (ArtifactLocation input : inputs) {
            Path target = inputs.size() > 1 ? directory.resolve(input.name()) : directory;
            // Beside the files it becomes: same file system (a non-zip is moved, not copied), deleted in any case.
            Path file = Files.createTempFile(directory, Staging.PREFIX + safe(input.name()) + "-", Staging.DOWNLOAD);
            try {
                job = transfer(settings, artifacts, job, input, "Downloading " + input.name(), -1, (store, location, p) ->
                        store.download(location, file, artifacts.maxInputBytes(), p::add));
                long size = Files.size(file);
                if (inputs.size() > 1) {
                    // Again, after a download that may have taken minutes: SafeUnzip takes its directory as the
                    // caller's own and goes where a link there leads, so no link may have appeared meanwhile.
                    checkTarget(input, directory, "nothing was unpacked");
                }
                ArchiveFormat format = ArchiveFormat.of(file);
                if (format.unpacked()) {
                    long start = System.nanoTime();
                    SafeUnzip.Result result = format.unpack(file, target, artifacts.overwrite(), artifacts.maxInputBytes(),
                            "the input artifact " + input.name() + " (" + EntryNames.shown(input.url()) + ")", "-D" + Setting.MAX_INPUT_SIZE.property()
                                    + " (in MB, now " + artifacts.maxInputBytes() / (1024 * 1024) + ")");
                    log.info(PREFIX + "unpacked the input artifact " + input.name() + " (" + count(result.files) + ", "
                            + Progress.megabytes(result.bytes) + " unpacked, from " + format.description() + " of "
                            + Progress.megabytes(size) + ") into " + target
                            + (input.revision() == null ? "" : ", revision " + input.revision()) + ", in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms.");
                } else {
                    Path saved = target.resolve(savedName(input));
                    Files.createDirectories(target);
                    if (Files.isDirectory(saved, LinkOption.NOFOLLOW_LINKS)) {
                        throw new ArtifactException("Not saving the input artifact " + input.name() + ": " + saved
                                + " is a directory.");
                    }
                    if (!artifacts.overwrite() && Files.exists(saved, LinkOption.NOFOLLOW_LINKS)) {
                        throw new ArtifactException("Not saving the input artifact " + input.name() + ": " + saved
                                + " already exists. Set -D" + Setting.OVERWRITE.property() + "=true to replace existing files.");
                    }
                    Files.move(file, saved, StandardCopyOption.REPLACE_EXISTING); // a link there is replaced, not followed
                    log.warn(PREFIX + "the input artifact " + input.name() + " (" + input.url() + ") is not a zip or tar file"
                            + (format == ArchiveFormat.OTHER ? "" : " (it is " + format.description() + ")") + ";"
                            + " saved it as it is, as " + saved + " (" + Progress.megabytes(size) + ").");
                }
            } finally {
                Files.deleteIfExists(file);
            }
            downloaded.add(new Downloaded(input.name(), input.revision()));
        }
        return downloaded;
    }

    /**
     * With several input artifacts each goes to {@code <inputDirectory>/<artifact>}: a plain directory name, and no
     * link there ({@code <inputDirectory>} is the user's own and may be one; what is below it is never followed).
     */
    private static void checkTarget(ArtifactLocation input, Path directory, String nothing) throws ArtifactException {
        Path target = directory.resolve(input.name());
        if (input.name().isEmpty() || !target.normalize().getParent().equals(directory.normalize())
                || input.name().equals(".") || input.name().startsWith(Staging.PREFIX)) {
            throw new ArtifactException("The input artifact name '" + EntryNames.shown(input.name())
                    + "' cannot be a directory name.");
        }
        if (Files.isSymbolicLink(target)) {
            String to;
            try {
                to = String.valueOf(Files.readSymbolicLink(target));
            } catch (IOException | RuntimeException e) {
                to = "somewhere";
            }
            throw new ArtifactException("Refusing to unpack the input artifact " + input.name() + " into " + target
                    + ": it is a symbolic link (to " + EntryNames.shown(to) + "), which download-input does not follow; "
                    + nothing + ". Remove it, or choose another " + Setting.INPUT_DIRECTORY.property() + ".");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactException("Refusing to unpack the input artifact " + input.name() + " into " + target
                    + ": a file stands there; " + nothing + ". Remove it, or choose another "
                    + Setting.INPUT_DIRECTORY.property() + ".");
        }
    }

    private interface Transfer {
        void run(ArtifactStore store, ArtifactLocation location, Progress progress) throws ReportException, IOException;
    }

    private JobDetails transfer(ReportSettings settings, ArtifactSettings artifacts, JobDetails job, ArtifactLocation location,
            String what, long size, Transfer transfer) throws ReportException, IOException {
        return transfer(settings, artifacts, job, location, what, size, transfer, () -> "");
    }

    /**
     * Runs one transfer with the job's artifact credentials; if they expired, reads the job's details once more and
     * tries again with the new ones.
     *
     * @param details appended to the last line, after the transfer: how it went
     * @return the job's details the transfer finally used
     */
    private JobDetails transfer(ReportSettings settings, ArtifactSettings artifacts, JobDetails job, ArtifactLocation location,
            String what, long size, Transfer transfer, Supplier<String> details) throws ReportException, IOException {
        if (!location.hasLocation()) {
            throw new ReportException("CodePipeline gave no S3 location for the artifact " + location.name() + ".", false);
        }
        ReportLog redacting = new RedactingLog(log, job.secrets(secrets));
        for (int attempt = 1; ; attempt++) {
            Progress progress = new Progress(PREFIX + what, size, redacting::info);
            try (ArtifactStore store = ArtifactStore.create(settings, artifacts.s3Endpoint(), job, secrets)) {
                transfer.run(store, location, progress);
                long bytes = size >= 0 ? size : progress.bytes();
                redacting.info(PREFIX + what.replaceFirst("^Uploading", "Uploaded").replaceFirst("^Downloading", "Downloaded")
                        + ": " + Progress.megabytes(bytes) + " in " + progress.elapsedNanos() / 1_000_000 + " ms ("
                        + Progress.rate(bytes, progress.elapsedNanos()) + ") at " + location.url() + details.get() + ".");
                return job;
            } catch (ArtifactStore.ExpiredCredentialsException e) {
                if (attempt > 1) {
                    throw new ReportException(e.getMessage() + " They expired again after the job's details were read"
                            + " anew; check the clock of this machine, then run the job again.", false);
                }
                redacting.info(PREFIX + "the job's artifact credentials expired; reading the job's details again for new ones.");
                job = jobs.jobDetails(settings);
                location = find(location.name(), job);
                redacting = new RedactingLog(log, job.secrets(secrets));
            }
        }
    }

    private static ArtifactLocation find(String name, JobDetails job) throws ReportException {
        for (ArtifactLocation each : job.inputArtifacts()) {
            if (each.name().equals(name)) {
                return each;
            }
        }
        for (ArtifactLocation each : job.outputArtifacts()) {
            if (each.name().equals(name)) {
                return each;
            }
        }
        throw new ReportException("The job's details, read again, no longer list the artifact " + name + ".", false);
    }

    /** The artifact {@code name}, or the only one when {@code name} is {@code null}. */
    private static ArtifactLocation pick(List<ArtifactLocation> artifacts, String name, String kind, Setting setting)
            throws ReportException {
        List<String> names = new ArrayList<>();
        for (ArtifactLocation artifact : artifacts) {
            names.add(artifact.name());
            if (artifact.name().equals(name)) {
                return artifact;
            }
        }
        if (name == null && artifacts.size() == 1) {
            return artifacts.get(0);
        }
        if (name == null) {
            throw new ReportException("The job has " + artifacts.size() + " " + kind + " artifacts (" + String.join(", ", names)
                    + "): name the one to use with " + setting.howToSet() + (kind.equals("output")
                    ? ", or list each in <outputs>" : "") + ".", false);
        }
        throw new ReportException("The job has no " + kind + " artifact named " + name + (names.isEmpty() ? ""
                : "; its " + kind + " artifacts are: " + String.join(", ", names)) + ". Check " + setting.howToSet() + ".", false);
    }

    /**
     * The name a non-zip input is saved under: the last part of its object key, unless that is no plain file name
     * (empty, dots, control characters, a backslash), then the artifact's name.
     */
    static String savedName(ArtifactLocation input) {
        String key = input.objectKey();
        String name = key.substring(key.lastIndexOf('/') + 1);
        boolean plain = !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.startsWith(Staging.PREFIX)
                && name.length() <= 255;
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c >= 0x20 && c != 0x7f && c != '\\' && c != ':';
        }
        String fallback = safe(input.name());
        return plain ? name : fallback.matches("\\.*") ? "input-artifact" : fallback;
    }

    private static String count(int files) {
        return files == 1 ? "1 file" : files + " files";
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
