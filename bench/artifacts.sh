#!/usr/bin/env bash
# Benchmark of upload-output and download-input (issues 15 and 23), side by side with the AWS CLI and Info-ZIP in the
# same run, through a local S3 server (s3proxy, SigV4 on, objects on disk) and a Python stand-in for CodePipeline.
# Two outputs:
#   (a) 300 MB of random bytes (one incompressible file);
#   (b) a realistic output, about 150 MB: a Spring-Boot-sized fat jar (nested jars stored, classes deflated, about
#       100 MB) and a few hundred small files (text configuration, images).
# For each: the whole `mvn upload-output` against `zip -1 -r` + `aws s3 cp` of that zip (and, for (b), against
# `aws s3 cp` alone of the plugin's zip); the whole `mvn download-input` against `aws s3 cp` + `unzip -q`; the peak
# RSS of Maven's JVM (limited to HEAP, default -Xmx64m) in both directions. Every step runs RUNS times (default 1),
# alternately, and the median is shown.
#
# Needs: the plugin in the local repository and target/s3proxy/s3proxy.jar (`mvn -B verify` does both, or
# `mvn -B install -DskipTests` plus a `verify` that reaches the ITs' s3proxy copy); mvn, java, keytool, python3, zip, unzip;
# and the AWS CLI for the reference rows (`apt-get install awscli` on Debian/Ubuntu, or `pip install awscli`; without
# it those rows say "skipped"). CI never runs this script.
#
#   bash bench/artifacts.sh                            # both outputs, -Xmx64m
#   RUNS=3 bash bench/artifacts.sh                     # medians of 3
#   MVN_ARGS="-s /path/settings.xml" bash bench/artifacts.sh   # another local repository
#   KEEP=1 bash bench/artifacts.sh                     # keep the work folder (logs)
#   CASES=b PLUGIN_ARGS=-Dcodepipeline.uploadConcurrency=1 bash bench/artifacts.sh   # one output, another setting
#   TLS=0 bash bench/artifacts.sh                      # plain http instead of https
#
# The S3 server speaks https by default, with a certificate made for the run (keytool) that Maven's JVM and the AWS CLI
# are told to trust: that is how both clients reach S3, and it decides how they sign. Over https both send the body
# once, with an unsigned payload; over plain http SigV4 makes both hash every part before sending it.
set -euo pipefail

RUNS=${RUNS:-1}
TLS=${TLS:-1}
CASES=${CASES:-a b}
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
for tool in zip unzip python3 java keytool "$MVN"; do
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
OBJECT="pipeline/Out/out.zip"

# ---- the CodePipeline stub: GetThirdPartyJobDetails hands out the S3 server's credentials ----------------------------
cat > "$WORK/stub.py" <<EOF
import http.server, json, sys
location = {"type": "S3", "s3Location": {"bucketName": "$BUCKET", "objectKey": "$OBJECT"}}
job = {"jobDetails": {"id": "$JOB_ID", "data": {
    "inputArtifacts": [{"name": "Out", "revision": "r1", "location": location}],
    "outputArtifacts": [{"name": "Out", "location": location}],
    "artifactCredentials": {"accessKeyId": "$KEY_ID", "secretAccessKey": "$SECRET", "sessionToken": "token"}}}}
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(job).encode() if "GetThirdPartyJobDetails" in self.headers.get("X-Amz-Target", "") else b"{}"
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
python3 "$WORK/stub.py" "$WORK/port" &
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

# One case: RUNS times each step, alternately. Results in $WORK/<case>.<step>: "seconds rss_mb" per line.
run_case() {
    local case=$1
    local dir="$WORK/$case"
    for run in $(seq "$RUNS"); do
        rm -rf "$WORK/store/$BUCKET" && mkdir -p "$WORK/store/$BUCKET"
        read -r s rss code < <(MAVEN_OPTS="$HEAP $TRUST" measure "$dir/upload-$run.log" "$dir" \
            "$MVN" "${COMMON[@]}" "$PLUGIN:upload-output" -Dcodepipeline.outputDirectory=out)
        [ "$code" = 0 ] || { cat "$dir/upload-$run.log"; exit 1; }
        echo "$s $rss" >> "$WORK/$case.upload"
        cp "$WORK/store/$BUCKET/$OBJECT" "$dir/plugin.zip"
        rm -rf "$dir/down" && mkdir -p "$dir/down"
        read -r s rss code < <(MAVEN_OPTS="$HEAP $TRUST" measure "$dir/download-$run.log" "$dir/down" \
            "$MVN" "${COMMON[@]}" "$PLUGIN:download-input")
        [ "$code" = 0 ] || { cat "$dir/download-$run.log"; exit 1; }
        echo "$s $rss" >> "$WORK/$case.download"
        # Maven's own start, the floor under both goals: the same pom, JVM options and flags, no plugin goal.
        read -r s _ code < <(MAVEN_OPTS="$HEAP $TRUST" measure "$dir/validate-$run.log" "$dir" "$MVN" "${COMMON[@]}" validate)
        [ "$code" = 0 ] || { cat "$dir/validate-$run.log"; exit 1; }
        echo "$s" >> "$WORK/$case.validate"
        diff -r -q "$dir/out" "$dir/down" > /dev/null || { echo "download-input of ($case) differs from its output" >&2; exit 1; }
        if [ -n "$AWS_CLI" ]; then
            rm -f "$dir/info.zip"
            read -r s _ code < <(measure "$dir/zip.log" "$dir/out" zip -1 -r -q "$dir/info.zip" .)
            [ "$code" = 0 ] || { cat "$dir/zip.log"; exit 1; }
            read -r s2 _ code < <(measure "$dir/cli-up.log" "$dir" bash -c 'cli info.zip s3://'"$BUCKET"'/cli/info.zip')
            [ "$code" = 0 ] || { cat "$dir/cli-up.log"; exit 1; }
            echo "$s $s2" >> "$WORK/$case.zipcli"
            read -r s _ code < <(measure "$dir/cli-up2.log" "$dir" bash -c 'cli plugin.zip s3://'"$BUCKET"'/cli/plugin.zip')
            [ "$code" = 0 ] || { cat "$dir/cli-up2.log"; exit 1; }
            echo "$s" >> "$WORK/$case.cli"
            rm -rf "$dir/cli-down" && mkdir -p "$dir/cli-down"
            read -r s _ code < <(measure "$dir/cli-down.log" "$dir/cli-down" bash -c 'cli s3://'"$BUCKET"'/cli/plugin.zip cli.zip')
            [ "$code" = 0 ] || { cat "$dir/cli-down.log"; exit 1; }
            read -r s2 _ code < <(measure "$dir/unzip.log" "$dir/cli-down" unzip -q cli.zip -d x)
            [ "$code" = 0 ] || { cat "$dir/unzip.log"; exit 1; }
            echo "$s $s2" >> "$WORK/$case.cliunzip"
            rm -rf "$dir/cli-down" "$dir/info.zip"
        fi
    done
}
for case in $CASES; do run_case "$case"; done

# ---- the table -------------------------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$CLI_VERSION" "$HEAP" "$SIZE_A" "$SIZE_B" "$FILES_B" "$JAR_B" <<'EOF'
import os, statistics, sys
work, runs, cli, heap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
size = {"a": sys.argv[5], "b": sys.argv[6]}
def rows(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    return [[float(x) for x in line.split()] for line in open(path)]
def med(values):
    return statistics.median(values)
def fmt(values, column=0):
    xs = [v[column] for v in values]
    return "%.1f" % med(xs) + ("" if len(xs) == 1 else " (%.1f–%.1f)" % (min(xs), max(xs)))
def ratio(a, b, target):
    r = a / b
    return "%.2f (target ≤ %s: %s)" % (r, target, "holds" if r <= target else "NOT met")
print()
print("Artifact transfers, plugin JVM %s, %d run(s), AWS CLI: %s" % (heap, runs, cli))
print("(b): %s MB in %s files, its fat jar %s MB" % (size["b"], sys.argv[7], sys.argv[8]))
print()
print("| output | step | plugin, whole mvn run (s) | peak RSS of Maven's JVM (MB) | reference (s) | plugin ÷ reference |")
print("|---|---|---|---|---|---|")
for case, label in (("a", "(a) %s MB random" % size["a"]), ("b", "(b) realistic, %s MB" % size["b"])):
    up, down = rows(case + ".upload"), rows(case + ".download")
    if not up:
        continue
    zipcli, cli_only, cliunzip = rows(case + ".zipcli"), rows(case + ".cli"), rows(case + ".cliunzip")
    print("| %s | Maven alone: `mvn validate` of the same pom, the floor of both goals | %s | | | |" % (label, fmt(rows(case + ".validate"))))
    up_s, down_s = med([r[0] for r in up]), med([r[0] for r in down])
    if zipcli:
        ref = med([r[0] + r[1] for r in zipcli])
        print("| %s | upload-output vs `zip -1 -r` + `aws s3 cp` | %s | %s | %.1f (zip %.1f + cp %.1f) | %s |" % (label, fmt(up), fmt(up, 1),
              ref, med([r[0] for r in zipcli]), med([r[1] for r in zipcli]), ratio(up_s, ref, 0.8)))
        if case == "b":
            ref = med([r[0] for r in cli_only])
            print("| %s | upload-output vs `aws s3 cp` of the zip alone | %s | | %.1f | %s |" % (label, fmt(up), ref, ratio(up_s, ref, 1.2)))
        ref = med([r[0] + r[1] for r in cliunzip])
        print("| %s | download-input vs `aws s3 cp` + `unzip -q` | %s | %s | %.1f (cp %.1f + unzip %.1f) | %s |" % (label, fmt(down), fmt(down, 1),
              ref, med([r[0] for r in cliunzip]), med([r[1] for r in cliunzip]), ratio(down_s, ref, 1.0)))
    else:
        print("| %s | upload-output | %s | %s | skipped (no aws) | |" % (label, fmt(up), fmt(up, 1)))
        print("| %s | download-input | %s | %s | skipped (no aws) | |" % (label, fmt(down), fmt(down, 1)))
EOF
echo
echo "The plugin's own lines (last run):"
for case in $CASES; do
    grep -h "CodePipeline: \(Uploaded\|Downloaded\|zipped\|unpacked\)" "$WORK/$case/upload-$RUNS.log" \
        "$WORK/$case/download-$RUNS.log" | sed "s/^/  ($case) /"
done
echo "S3 over $SCHEME. Load average at the end: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs"
