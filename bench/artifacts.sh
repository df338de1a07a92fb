#!/usr/bin/env bash
# Benchmark of upload-output and the job worker's download (issues 15, 23 and 31), measured where the user pays for them,
# side by side with the AWS CLI, Info-ZIP and GNU tar in the same run, through a local S3 server (s3proxy, SigV4 on,
# objects on disk) and a Python stand-in for CodePipeline (job details for upload-output; the partner-job calls of a
# job worker: poll, details, acknowledge, result). Two outputs:
#   (a) 300 MB of random bytes (one incompressible file);
#   (b) a realistic output, about 150 MB: a Spring-Boot-sized fat jar (nested jars stored, classes deflated, about
#       100 MB) and a few hundred small files (text configuration, images).
# For each, and for each output format (FORMATS, default "zip tgz"):
#   - upload-output bound to verify: the time it ADDS to a `mvn verify` that runs anyway (the same build with and
#     without a job, alternately; without a job the goal does nothing), against `zip -1 -r` + `aws s3 cp` run as an
#     extra step (targets: <= 0.6 on (a), <= 0.8 on (b)); for tgz also against `tar -I "gzip -1" -cf` + `aws s3 cp`;
#   - the job worker's download and unpack of the job's input, from its acknowledgement (seen by the stand-in) to the
#     build's start (the build command writes the time), for the SECOND job of one worker (a warm JVM), against
#     `aws s3 cp` + `unzip -q` (and `aws s3 cp` + `tar -xzf` for tgz) (target: <= 0.8);
#   - the peak RSS of Maven's JVM (limited to HEAP, default -Xmx64m) in both directions.
# Every step runs RUNS times (default 1), alternately, and the median is shown, with the load average: on a shared
# machine the figures are noisy.
#
# Needs: the plugin in the local repository and target/s3proxy/s3proxy.jar (`mvn -B verify` does both, or
# `mvn -B install -DskipTests` plus a `verify` that reaches the ITs' s3proxy copy); mvn, java, keytool, python3, zip,
# unzip, tar; and the AWS CLI for the reference rows (`apt-get install awscli` on Debian/Ubuntu, or `pip install awscli`;
# without it those rows say "skipped"). CI never runs this script.
#
#   bash bench/artifacts.sh                            # both outputs, zip and tgz, -Xmx64m, https
#   RUNS=3 bash bench/artifacts.sh                     # medians of 3
#   MVN_ARGS="-s /path/settings.xml" bash bench/artifacts.sh   # another local repository
#   KEEP=1 bash bench/artifacts.sh                     # keep the work folder (logs)
#   CASES=b FORMATS=zip PLUGIN_ARGS=-Dcodepipeline.uploadConcurrency=1 bash bench/artifacts.sh   # one case, a setting
#   TLS=0 bash bench/artifacts.sh                      # plain http instead of https
#
# The S3 server speaks https by default, with a certificate made for the run (keytool) that Maven's JVM and the AWS CLI
# are told to trust: that is how both clients reach S3, and it decides how they sign. Over https both send the body
# once, with an unsigned payload; over plain http SigV4 makes both hash every part before sending it.
set -euo pipefail

RUNS=${RUNS:-1}
TLS=${TLS:-1}
CASES=${CASES:-a b}
FORMATS=${FORMATS:-zip tgz}
read -r -a PLUGIN_ARGS <<< "${PLUGIN_ARGS:-}"
HEAP=${HEAP:--Xmx64m}
MVN=${MVN:-mvn}
read -r -a EXTRA_MVN_ARGS <<< "${MVN_ARGS:-}"
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
S3PROXY_JAR=${S3PROXY_JAR:-$REPO_DIR/target/s3proxy/s3proxy.jar}
PLUGIN_VERSION=$(python3 - "$REPO_DIR/pom.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse(sys.argv[1]).getroot().find("m:version", ns).text)
EOF
)
PLUGIN="io.github.codepipeline.maven:codepipeline-maven-plugin:$PLUGIN_VERSION"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-artifacts-bench.XXXXXX")
JOB_ID=0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
KEY_ID=ASIAARTIFACTKEY00001
SECRET=artifactSecretKey-bench-1234567890
BUCKET=artifacts
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
log() { echo "[bench] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ -f "$S3PROXY_JAR" ] || { echo "no $S3PROXY_JAR: run mvn -B verify first" >&2; exit 1; }
for tool in zip unzip tar python3 java keytool "$MVN"; do
    command -v "$tool" > /dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS

# ---- timing: wall seconds and the peak RSS of the command's largest process (mvn execs java) ------------------------
cat > "$WORK/measure.py" <<'EOF'
import resource, subprocess, sys, time
out = open(sys.argv[1], "w")
start = time.monotonic()
code = subprocess.call(sys.argv[3:], stdout=out, stderr=subprocess.STDOUT, cwd=sys.argv[2])
wall = time.monotonic() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print("%.2f %d %d" % (wall, rss, code))
EOF
# measure LOG DIR COMMAND...: prints "seconds rss_mb exit_code"
measure() { python3 "$WORK/measure.py" "$@"; }

# ---- the S3 server: s3proxy with the artifact credentials, objects on disk -----------------------------------------
S3_PORT=$(free_port)
mkdir -p "$WORK/store/$BUCKET"
TRUST=
CA_BUNDLE=
if [ "$TLS" = 1 ]; then
    SCHEME=https
    keytool -genkeypair -alias s3 -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 \
        -validity 2 -keystore "$WORK/server.jks" -storetype JKS -storepass bench-pass -keypass bench-pass 2> /dev/null
    keytool -exportcert -rfc -alias s3 -keystore "$WORK/server.jks" -storepass bench-pass -file "$WORK/ca.pem" 2> /dev/null
    keytool -importcert -noprompt -alias s3 -file "$WORK/ca.pem" -keystore "$WORK/trust.p12" -storetype PKCS12 \
        -storepass bench-pass 2> /dev/null
    TRUST="-Djavax.net.ssl.trustStore=$WORK/trust.p12 -Djavax.net.ssl.trustStorePassword=bench-pass"
    CA_BUNDLE=$WORK/ca.pem
    cat > "$WORK/s3proxy.properties" <<EOF
s3proxy.secure-endpoint=https://127.0.0.1:$S3_PORT
s3proxy.keystore-path=$WORK/server.jks
s3proxy.keystore-password=bench-pass
EOF
else
    SCHEME=http
    echo "s3proxy.endpoint=http://127.0.0.1:$S3_PORT" > "$WORK/s3proxy.properties"
fi
cat >> "$WORK/s3proxy.properties" <<EOF
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY_ID
s3proxy.credential=$SECRET
s3proxy.ignore-unknown-headers=true
s3proxy.v4-max-non-chunked-request-size=134217728
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/store
jclouds.identity=local
jclouds.credential=local
EOF
java -cp "$S3PROXY_JAR" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)
S3="$SCHEME://127.0.0.1:$S3_PORT"
for _ in $(seq 300); do curl -s -k -o /dev/null "$S3/" && break; sleep 0.1; done

# ---- the CodePipeline stub -------------------------------------------------------------------------------------------
# GetThirdPartyJobDetails hands out the S3 server's credentials: to upload-output (job $JOB_ID, its output artifact at
# the key in $WORK/object) and to the worker, whose jobs are queued as "<job id> <object key>" lines in $WORK/queue.
# The time of each job's AcknowledgeThirdPartyJob is appended to $WORK/acks.
cat > "$WORK/stub.py" <<EOF
import http.server, json, os, sys, time
work = sys.argv[2]
taken = set()
def details(job_id, key):
    location = {"type": "S3", "s3Location": {"bucketName": "$BUCKET", "objectKey": key}}
    return {"jobDetails": {"id": job_id, "nonce": "7", "data": {
        "actionTypeId": {"category": "Build", "owner": "ThirdParty", "provider": "Bench", "version": "1"},
        "pipelineContext": {"pipelineName": "bench", "stage": {"name": "Build"}, "action": {"name": "Maven"}},
        "inputArtifacts": [{"name": "Out", "revision": "r1", "location": location}],
        "outputArtifacts": [{"name": "Out", "location": location}],
        "artifactCredentials": {"accessKeyId": "$KEY_ID", "secretAccessKey": "$SECRET", "sessionToken": "token"}}}}
def queue():
    path = os.path.join(work, "queue")
    return [line.split() for line in open(path) if line.strip()] if os.path.exists(path) else []
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        target = self.headers.get("X-Amz-Target", "").split(".")[-1]
        answer = {}
        if target == "GetThirdPartyJobDetails":
            key = dict(queue()).get(request["jobId"]) or open(os.path.join(work, "object")).read().strip()
            answer = details(request["jobId"], key)
        elif target == "PollForThirdPartyJobs":
            jobs = [j for j, _ in queue() if j not in taken][:1]
            taken.update(jobs)
            answer = {"jobs": [{"jobId": j, "clientId": "bench-client"} for j in jobs]}
        elif target == "AcknowledgeThirdPartyJob":
            with open(os.path.join(work, "acks"), "a") as acks:
                acks.write("%s %.6f\n" % (request["jobId"], time.time()))
            answer = {"status": "InProgress"}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
EOF
python3 "$WORK/stub.py" "$WORK/port" "$WORK" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"

# ---- the outputs ------------------------------------------------------------------------------------------------------
POM='<project><modelVersion>4.0.0</modelVersion><groupId>b</groupId><artifactId>big</artifactId><version>1</version><packaging>pom</packaging></project>'
mkdir -p "$WORK/a/out" "$WORK/b/out"
echo "$POM" > "$WORK/a/pom.xml"
echo "$POM" > "$WORK/b/pom.xml"
case " $CASES " in *" a "*) head -c 300M /dev/urandom > "$WORK/a/out/big.bin";; *) echo > "$WORK/a/out/unused";; esac
python3 - "$WORK/b/out" <<'EOF'
import os, random, sys, zipfile
out = sys.argv[1]
rnd = random.Random(23)
def text(size, seed):
    lines, n = [], 0
    while n < size:
        line = "key.%d.%d = value %d for the service %d, timeout=%d\n" % (seed, len(lines), rnd.randrange(10**6), seed, rnd.randrange(1000))
        lines.append(line)
        n += len(line)
    return "".join(lines)[:size].encode()
# The fat jar, as Spring Boot lays it out: nested jars stored (they are compressed), classes and resources deflated.
os.makedirs(out + "/lib", exist_ok=True)
with zipfile.ZipFile(out + "/lib/app.jar", "w") as jar:
    for i in range(120):
        jar.writestr(zipfile.ZipInfo("BOOT-INF/lib/dependency-%03d.jar" % i), rnd.randbytes(rnd.randrange(300_000, 1_200_000)),
                     compress_type=zipfile.ZIP_STORED)
    for i in range(2500):
        jar.writestr("BOOT-INF/classes/com/example/shop/Class%04d.class" % i, text(rnd.randrange(2_000, 12_000), i),
                     compress_type=zipfile.ZIP_DEFLATED)
# A few hundred small files beside it: configuration, scripts, static images.
for i in range(200):
    os.makedirs(out + "/config/%02d" % (i // 20), exist_ok=True)
    open(out + "/config/%02d/service-%03d.properties" % (i // 20, i), "wb").write(text(rnd.randrange(20_000, 200_000), i))
os.makedirs(out + "/static/img", exist_ok=True)
for i in range(150):
    open(out + "/static/img/picture-%03d.png" % i, "wb").write(rnd.randbytes(rnd.randrange(50_000, 250_000)))
os.makedirs(out + "/scripts", exist_ok=True)
for name in ("start.sh", "stop.sh", "migrate.sh"):
    open(out + "/scripts/" + name, "w").write("#!/bin/sh\nexec java -jar lib/app.jar \"$@\"\n")
    os.chmod(out + "/scripts/" + name, 0o755)
EOF
SIZE_A=$(du -sm --apparent-size "$WORK/a/out" | cut -f1)
SIZE_B=$(du -sm --apparent-size "$WORK/b/out" | cut -f1)
FILES_B=$(find "$WORK/b/out" -type f | wc -l)
JAR_B=$(( $(stat -c %s "$WORK/b/out/lib/app.jar") / 1048576 ))
log "(a) $SIZE_A MB of random bytes; (b) $SIZE_B MB in $FILES_B files (fat jar $JAR_B MB); Maven's JVM: $HEAP; runs: $RUNS"

export AWS_ACCESS_KEY_ID=AKIDEXAMPLEKEY000001 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$WORK/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-aws-credentials"
export CODEPIPELINE_JOB_ID=$JOB_ID CODEPIPELINE_CLIENT_TOKEN=bench-token
COMMON=(-B -o "${EXTRA_MVN_ARGS[@]}" "${PLUGIN_ARGS[@]}" -Dcodepipeline.endpoint="$ENDPOINT" -Dcodepipeline.s3Endpoint="$S3")
AWS_CLI=${AWS_CLI:-$(command -v aws || true)}
CLI_VERSION=none
if [ -n "$AWS_CLI" ]; then CLI_VERSION=$("$AWS_CLI" --version 2>&1 | head -1); fi
cli() {
    AWS_ACCESS_KEY_ID=$KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET AWS_REQUEST_CHECKSUM_CALCULATION=when_required \
        AWS_RESPONSE_CHECKSUM_VALIDATION=when_required "$AWS_CLI" --endpoint-url "$S3" ${CA_BUNDLE:+--ca-bundle "$CA_BUNDLE"} s3 cp --only-show-errors "$@"
}
export -f cli
export AWS_CLI S3 KEY_ID SECRET CA_BUNDLE

# The build that runs anyway: a pom whose verify phase runs upload-output, which does nothing without a job.
cat > "$WORK/build-pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>b</groupId>
<artifactId>big</artifactId><version>1</version><packaging>pom</packaging>
<build><plugins><plugin><groupId>io.github.codepipeline.maven</groupId><artifactId>codepipeline-maven-plugin</artifactId>
<version>$PLUGIN_VERSION</version><executions><execution><goals><goal>upload-output</goal></goals>
<configuration><outputDirectory>out</outputDirectory></configuration></execution></executions></plugin></plugins></build>
</project>
EOF
for case in a b; do cp "$WORK/build-pom.xml" "$WORK/$case/pom.xml"; done
# The worker's build command: it writes when it starts, and succeeds.
cat > "$WORK/started.sh" <<EOF
#!/bin/sh
python3 -c 'import time; print("%.6f" % time.time())' > "$WORK/starts/\$CODEPIPELINE_JOB_ID"
EOF
chmod +x "$WORK/started.sh"
mkdir -p "$WORK/starts"
WORKER_TYPE=Build/ThirdParty/Bench/1

# One case: RUNS times each step, alternately. Results in $WORK/<case>.<step>: numbers per line.
run_case() {
    local case=$1
    local dir="$WORK/$case"
    for run in $(seq "$RUNS"); do
        for format in $FORMATS; do
            local object="pipeline/Out/$case-$format"
            echo "$object" > "$WORK/object"
            rm -rf "$WORK/store/$BUCKET" && mkdir -p "$WORK/store/$BUCKET"
            # The same verify with and without a job, in turns: which goes first alternates from run to run.
            local order="without with"
            if [ $((run % 2)) = 0 ]; then order="with without"; fi
            for job in $order; do
                local env=(env)
                if [ "$job" = without ]; then env=(env -u CODEPIPELINE_JOB_ID -u CODEPIPELINE_CLIENT_TOKEN); fi
                read -r s rss code < <(MAVEN_OPTS="$HEAP $TRUST" measure "$dir/verify-$job-$format-$run.log" "$dir" \
                    "${env[@]}" "$MVN" "${COMMON[@]}" -Dcodepipeline.outputFormat="$format" verify)
                [ "$code" = 0 ] || { cat "$dir/verify-$job-$format-$run.log"; exit 1; }
                echo "$s $rss" >> "$WORK/$case.$format.verify-$job"
            done
            grep -q "uploaded the output artifact" "$dir/verify-with-$format-$run.log" || { echo "no upload in ($case)" >&2; exit 1; }
            cp "$WORK/store/$BUCKET/$object" "$dir/plugin.$format"
            # The worker: two jobs of that input, one after the other; the second one's download runs in a warm JVM.
            local worker="$WORK/worker-$case-$format-$run"
            mkdir -p "$worker"
            echo "bench-client=bench-token" > "$worker/tokens" && chmod 600 "$worker/tokens"
            local jobs=()
            for n in 1 2; do
                jobs+=("$(python3 -c 'import uuid; print(uuid.uuid4())')")
                echo "${jobs[-1]} $object" >> "$WORK/queue"
            done
            read -r s rss code < <(MAVEN_OPTS="$HEAP $TRUST" measure "$worker/worker.log" "$worker" \
                env -u CODEPIPELINE_JOB_ID -u CODEPIPELINE_CLIENT_TOKEN "$MVN" "${COMMON[@]}" "$PLUGIN:work" -Dcodepipeline.actionType=$WORKER_TYPE -Dcodepipeline.clientTokens=tokens \
                -Dcodepipeline.pollInterval=1 -Dcodepipeline.maxJobs=1 -Dcodepipeline.maxJobsTotal=2 \
                -Dcodepipeline.keepWorkspaces=true -Dcodepipeline.command="$WORK/started.sh")
            [ "$code" = 0 ] || { cat "$worker/worker.log"; exit 1; }
            python3 - "$WORK" "$rss" "${jobs[@]}" >> "$WORK/$case.$format.worker" <<'EOF'
import sys
work, rss, jobs = sys.argv[1], sys.argv[2], sys.argv[3:]
acks = dict(line.split() for line in open(work + "/acks"))
print(" ".join("%.3f" % (float(open(work + "/starts/" + j).read()) - float(acks[j])) for j in jobs), rss)
EOF
            local source
            source=$(find "$worker/codepipeline-work" -mindepth 2 -maxdepth 2 -name source | head -1)
            diff -r -q "$dir/out" "$source" > /dev/null || { echo "the worker's input of ($case, $format) differs" >&2; exit 1; }
            grep -h "CodePipeline: .*\(Downloaded\|unpacked\)" "$worker/worker.log" | tail -2 | sed "s/^/  ($case, $format, run $run) /" \
                >> "$WORK/lines"
            rm -rf "$worker/codepipeline-work"
        done
        if [ -n "$AWS_CLI" ]; then
            rm -f "$dir/info.zip"
            read -r s _ code < <(measure "$dir/zip.log" "$dir/out" zip -1 -r -q "$dir/info.zip" .)
            [ "$code" = 0 ] || { cat "$dir/zip.log"; exit 1; }
            read -r s2 _ code < <(measure "$dir/cli-up.log" "$dir" bash -c 'cli info.zip s3://'"$BUCKET"'/cli/info.zip')
            [ "$code" = 0 ] || { cat "$dir/cli-up.log"; exit 1; }
            echo "$s $s2" >> "$WORK/$case.zipcli"
            if [[ " $FORMATS " == *" tgz "* ]]; then
                # What a user who wants a tar.gz runs instead: GNU tar through gzip at the plugin's level (1), then the CLI.
                rm -f "$dir/info.tgz"
                read -r s _ code < <(measure "$dir/tar.log" "$dir/out" tar -I "gzip -1" -cf "$dir/info.tgz" .)
                [ "$code" = 0 ] || { cat "$dir/tar.log"; exit 1; }
                read -r s2 _ code < <(measure "$dir/cli-up.log" "$dir" bash -c 'cli info.tgz s3://'"$BUCKET"'/cli/info.tgz')
                [ "$code" = 0 ] || { cat "$dir/cli-up.log"; exit 1; }
                echo "$s $s2" >> "$WORK/$case.tgzcli"
                rm -f "$dir/info.tgz"
            fi
            for format in $FORMATS; do
                rm -rf "$dir/cli-down" && mkdir -p "$dir/cli-down/x"
                read -r s _ code < <(measure "$dir/cli-down.log" "$dir/cli-down" bash -c \
                    'cli s3://'"$BUCKET"'/cli/info.zip cli.zip')
                [ "$code" = 0 ] || { cat "$dir/cli-down.log"; exit 1; }
                read -r s2 _ code < <(measure "$dir/unzip.log" "$dir/cli-down" unzip -q cli.zip -d x)
                [ "$code" = 0 ] || { cat "$dir/unzip.log"; exit 1; }
                s3=0
                if [ "$format" = tgz ]; then
                    cp "$dir/plugin.tgz" "$dir/cli-down/cli.tgz"
                    mkdir -p "$dir/cli-down/t"
                    read -r s3 _ code < <(measure "$dir/untar.log" "$dir/cli-down" tar -xzf cli.tgz -C t)
                    [ "$code" = 0 ] || { cat "$dir/untar.log"; exit 1; }
                fi
                echo "$s $s2 $s3" >> "$WORK/$case.$format.cliunpack"
            done
            rm -rf "$dir/cli-down" "$dir/info.zip"
        fi
    done
}
for case in $CASES; do run_case "$case"; done

# ---- the table -------------------------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$CLI_VERSION" "$HEAP" "$SIZE_A" "$SIZE_B" "$FILES_B" "$JAR_B" "$FORMATS" "$SCHEME" <<'EOF'
import os, statistics, sys
work, runs, cli, heap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
size = {"a": sys.argv[5], "b": sys.argv[6]}
formats, scheme = sys.argv[9].split(), sys.argv[10]
def rows(name):
    path = os.path.join(work, name)
    return [[float(x) for x in line.split()] for line in open(path)] if os.path.exists(path) else None
def spread(xs):
    return "%.2f" % statistics.median(xs) + ("" if len(xs) == 1 else " (%.2f–%.2f)" % (min(xs), max(xs)))
def ratio(a, b, target):
    return "%.2f (target ≤ %s: %s)" % (a / b, target, "holds" if a / b <= target else "NOT met")
print()
print("Artifact transfers over %s, Maven's JVM %s, %d run(s) alternating, AWS CLI: %s" % (scheme, heap, runs, cli))
print("(b): %s MB in %s files, its fat jar %s MB. Load average: %s" % (size["b"], sys.argv[7], sys.argv[8],
      open("/proc/loadavg").read().split()[:3]))
print()
print("| output | format | what the user pays | plugin (s) | peak RSS (MB) | reference (s) | plugin ÷ reference |")
print("|---|---|---|---|---|---|---|")
for case, label in (("a", "(a) %s MB random" % size["a"]), ("b", "(b) realistic, %s MB" % size["b"])):
    zipcli = rows(case + ".zipcli")
    for fmt in formats:
        with_job, without = rows("%s.%s.verify-with" % (case, fmt)), rows("%s.%s.verify-without" % (case, fmt))
        if not with_job:
            continue
        added = [w[0] - o[0] for w, o in zip(with_job, without)]
        rss = [w[1] for w in with_job]
        base = statistics.median([o[0] for o in without])
        if zipcli:
            ref = [z[0] + z[1] for z in zipcli]
            print("| %s | %s | upload-output at verify: time added to a %.1f s `mvn verify` | %s | %s | %s (`zip -1 -r` %.2f + `aws s3 cp` %.2f) | %s |"
                  % (label, fmt, base, spread(added), spread(rss), spread(ref), statistics.median([z[0] for z in zipcli]),
                     statistics.median([z[1] for z in zipcli]), ratio(statistics.median(added), statistics.median(ref), 0.6 if case == "a" else 0.8)))
            tgzcli = rows(case + ".tgzcli")
            if fmt == "tgz" and tgzcli:
                ref = [z[0] + z[1] for z in tgzcli]
                print("| %s | %s | the same, against `tar -I 'gzip -1' -cf` + `aws s3 cp` | | | %s (`tar` %.2f + `aws s3 cp` %.2f) | %s |"
                      % (label, fmt, spread(ref), statistics.median([z[0] for z in tgzcli]), statistics.median([z[1] for z in tgzcli]),
                         ratio(statistics.median(added), statistics.median(ref), 0.6 if case == "a" else 0.8)))
        else:
            print("| %s | %s | upload-output at verify: time added to a %.1f s `mvn verify` | %s | %s | skipped (no aws) | |"
                  % (label, fmt, base, spread(added), spread(rss)))
        worker = rows("%s.%s.worker" % (case, fmt))
        second = [w[1] for w in worker]
        first = [w[0] for w in worker]
        wrss = [w[2] for w in worker]
        unpack = rows("%s.%s.cliunpack" % (case, fmt))
        if unpack:
            ref = [u[0] + u[1] for u in unpack]
            print("| %s | %s | worker: acknowledgement to build start, 2nd job (1st: %s) | %s | %s | %s (`aws s3 cp` %.2f + `unzip -q` %.2f) | %s |"
                  % (label, fmt, spread(first), spread(second), spread(wrss), spread(ref), statistics.median([u[0] for u in unpack]),
                     statistics.median([u[1] for u in unpack]), ratio(statistics.median(second), statistics.median(ref), 0.8)))
            if fmt == "tgz":
                ref = [u[0] + u[2] for u in unpack]
                print("| %s | %s | the same, against `aws s3 cp` + `tar -xzf` | | | %s (`tar -xzf` %.2f) | %s |"
                      % (label, fmt, spread(ref), statistics.median([u[2] for u in unpack]),
                         ratio(statistics.median(second), statistics.median(ref), 0.8)))
        else:
            print("| %s | %s | worker: acknowledgement to build start, 2nd job (1st: %s) | %s | %s | skipped (no aws) | |"
                  % (label, fmt, spread(first), spread(second), spread(wrss)))
EOF
echo
echo "The plugin's own lines (the worker's download and unpack, last job of each worker):"
cat "$WORK/lines"
for case in $CASES; do
    grep -h "CodePipeline: \(Uploaded\|zipped\|packed\)" "$WORK/$case"/verify-with-*-"$RUNS".log | sed "s/^/  ($case) /"
done
echo "S3 over $SCHEME. Load average at the end: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs"
