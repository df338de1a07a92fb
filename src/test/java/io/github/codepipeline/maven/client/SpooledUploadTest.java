package io.github.codepipeline.maven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * How an object is cut into parts and sent while it is written, with the S3 calls recorded in memory (the real S3
 * server's side is ArtifactsIT's).
 */
class SpooledUploadTest {
    private static final int PART = 1000;

    @TempDir
    Path dir;

    /** Records the calls; a part's content is read from the spool file as the SDK would. */
    private static class Recorder implements SpooledUpload.Calls {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final byte[][] parts = new byte[100][];
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        volatile int failPart = -1;
        volatile byte[] put;

        @Override
        public void put(Path file, long length, LongConsumer progress) throws ReportException {
            calls.add("put " + length);
            put = read(file, 0, length, progress);
        }

        @Override
        public String create() {
            calls.add("create");
            return "upload-1";
        }

        @Override
        public String part(String uploadId, int number, Path file, long offset, long length, LongConsumer progress)
                throws ReportException {
            int now = running.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20); // long enough for the writer to get ahead
                if (number == failPart) {
                    throw new ReportException("part " + number + " failed for good", false);
                }
                parts[number] = read(file, offset, length, progress);
                read(file, offset, length, progress); // read twice (SigV4 payload hash): counted once
                done.incrementAndGet();
                return "etag-" + number;
            } catch (InterruptedException e) {
                throw new ReportException("interrupted", false);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public void complete(String uploadId, List<CompletedPart> completed) {
            StringBuilder sb = new StringBuilder("complete");
            for (CompletedPart part : completed) {
                sb.append(' ').append(part.partNumber()).append('=').append(part.eTag());
            }
            calls.add(sb.toString());
        }

        @Override
        public void abort(String uploadId) {
            calls.add("abort " + uploadId + " with " + running.get() + " running");
        }

        private static byte[] read(Path file, long offset, long length, LongConsumer progress) throws ReportException {
            try {
                byte[] all = Files.readAllBytes(file);
                progress.accept(-1);
                progress.accept(length);
                return java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + length));
            } catch (IOException e) {
                throw new ReportException(e.toString(), false);
            }
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code content} in small writes, as the zip does. */
    private ArtifactStore.Sent upload(byte[] content, Recorder recorder, AtomicLong progress) throws Exception {
        return SpooledUpload.upload(dir.resolve("spool.zip"), PART, 3, out -> {
            for (int i = 0; i < content.length; i += 7) {
                out.write(content, i, Math.min(7, content.length - i));
            }
            out.flush();
        }, recorder, progress::addAndGet, 10_000);
    }

    @Test
    void partsAreSentWhileTheRestIsWrittenAFewAtATime() throws Exception {
        byte[] content = bytes(10 * PART + 123);
        Recorder recorder = new Recorder();
        AtomicLong progress = new AtomicLong();
        ArtifactStore.Sent sent = upload(content, recorder, progress);

        assertThat(sent.bytes).isEqualTo(content.length);
        assertThat(sent.parts).isEqualTo(11);
        assertThat(recorder.calls.get(0)).isEqualTo("create");
        assertThat(recorder.calls.get(recorder.calls.size() - 1)).isEqualTo("complete 1=etag-1 2=etag-2 3=etag-3 4=etag-4"
                + " 5=etag-5 6=etag-6 7=etag-7 8=etag-8 9=etag-9 10=etag-10 11=etag-11");
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 11; i++) {
            assertThat(recorder.parts[i]).hasSize(i < 11 ? PART : 123);
            joined.write(recorder.parts[i]);
        }
        assertThat(joined.toByteArray()).isEqualTo(content);
        assertThat(recorder.mostRunning.get()).isBetween(2, 3);
        assertThat(progress.get()).isEqualTo(content.length);
    }

    /** The first parts are sent before the writer has finished: it waits here until one was, which would never be
     * if the upload started only after the writing. */
    @Test
    void theFirstPartsAreSentWhileTheWriterIsStillWriting() throws Exception {
        Recorder recorder = new Recorder();
        boolean[] sentWhileWriting = new boolean[1];
        ArtifactStore.Sent sent = SpooledUpload.upload(dir.resolve("spool.zip"), PART, 2, out -> {
            out.write(bytes(3 * PART));
            out.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (recorder.done.get() == 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            sentWhileWriting[0] = recorder.done.get() > 0;
            out.write(bytes(3 * PART));
        }, recorder, n -> {}, 10_000);
        assertThat(sentWhileWriting[0]).isTrue();
        assertThat(sent.parts).isEqualTo(6);
    }

    @Test
    void anObjectWithinOnePartIsOnePutAndNoThread() throws Exception {
        byte[] content = bytes(PART);
        Recorder recorder = new Recorder();
        Thread[] before = new Thread[Thread.activeCount() + 10];
        int threads = Thread.enumerate(before);
        ArtifactStore.Sent sent = upload(content, recorder, new AtomicLong());
        assertThat(recorder.calls).containsExactly("put " + PART);
        assertThat(recorder.put).isEqualTo(content);
        assertThat(sent.parts).isEqualTo(1);
        assertThat(recorder.mostRunning.get()).isZero();
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads);
    }

    @Test
    void aPartThatFailsForGoodAbortsTheUploadAfterTheRunningPartsStopped() throws Exception {
        Recorder recorder = new Recorder();
        recorder.failPart = 4;
        assertThatThrownBy(() -> upload(bytes(30 * PART), recorder, new AtomicLong()))
                .isInstanceOf(ReportException.class).hasMessage("part 4 failed for good");
        assertThat(recorder.calls).last().isEqualTo("abort upload-1 with 0 running");
        assertThat(recorder.calls).noneMatch(call -> call.startsWith("complete"));
        assertThat(recorder.parts[30]).as("the parts queued after the failure are dropped").isNull();
    }

    @Test
    void aWriterThatFailsAbortsTheUpload() throws Exception {
        Recorder recorder = new Recorder();
        CountDownLatch started = new CountDownLatch(1);
        assertThatThrownBy(() -> SpooledUpload.upload(dir.resolve("spool.zip"), PART, 2, out -> {
            out.write(bytes(5 * PART));
            out.flush();
            try {
                started.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("a file changed");
        }, new Recorder() {
            @Override
            public String part(String uploadId, int number, Path file, long offset, long length, LongConsumer progress)
                    throws ReportException {
                started.countDown();
                return recorder.part(uploadId, number, file, offset, length, progress);
            }

            @Override
            public void abort(String uploadId) {
                recorder.abort(uploadId);
            }
        }, n -> {}, 10_000)).isInstanceOf(IOException.class).hasMessage("a file changed");
        assertThat(recorder.calls).last().isEqualTo("abort upload-1 with 0 running");
    }
}
