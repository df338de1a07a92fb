#!/usr/bin/env bash
# Benchmark of upload-output and download-input (issue 15): a large output artifact up and down through a local S3
# server (s3proxy, SigV4 on, objects on disk), the plugin's Maven JVM limited to -Xmx128m, next to the AWS CLI's
# `aws s3 cp` of the same zip against the same server in the same run.
#
# Needs: `mvn -B verify` (or `mvn -B install -DskipTests` plus `mvn dependency:copy` of s3proxy) done first, so that
# the plugin is in the local repository and target/s3proxy/s3proxy.jar exists; mvn, java and python3 on PATH. The AWS
# CLI is optional (its rows say "skipped" without it); CI never runs this script.
#
#   bash bench/artifacts.sh              # 300 MB
#   SIZE_MB=1000 bash bench/artifacts.sh # another size
#   KEEP=1 bash bench/artifacts.sh       # keep the work folder (logs)
set -euo pipefail

SIZE_MB=${SIZE_MB:-300}
HEAP=${HEAP:--Xmx128m}
MVN=${MVN:-mvn}
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
seconds() { python3 -c "import sys; print(round(($2 - $1) / 1e9, 2))" "$@" _ ; }

[ -f "$S3PROXY_JAR" ] || { echo "no $S3PROXY_JAR: run mvn -B verify first" >&2; exit 1; }
for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS

# ---- the S3 server: s3proxy with the artifact credentials, objects on disk -----------------------------------------
S3_PORT=$(free_port)
mkdir -p "$WORK/store"
cat > "$WORK/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY_ID
s3proxy.credential=$SECRET
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/store
jclouds.identity=local
jclouds.credential=local
EOF
java -cp "$S3PROXY_JAR" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)
mkdir -p "$WORK/store/$BUCKET"
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.1; done
S3="http://127.0.0.1:$S3_PORT"

# ---- the CodePipeline stub: GetThirdPartyJobDetails hands out the S3 server's credentials ----------------------------
cat > "$WORK/stub.py" <<EOF
import http.server, json, sys
job = {"jobDetails": {"id": "$JOB_ID", "data": {
    "inputArtifacts": [{"name": "Big", "revision": "r1", "location": {"type": "S3",
        "s3Location": {"bucketName": "$BUCKET", "objectKey": "pipeline/Big/out.zip"}}}],
    "outputArtifacts": [{"name": "Big", "location": {"type": "S3",
        "s3Location": {"bucketName": "$BUCKET", "objectKey": "pipeline/Big/out.zip"}}}],
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

# ---- the output: SIZE_MB of random (incompressible) bytes -----------------------------------------------------------
mkdir -p "$WORK/project" "$WORK/download"
cat > "$WORK/project/pom.xml" <<EOF
<project><modelVersion>4.0.0</modelVersion><groupId>b</groupId><artifactId>big</artifactId><version>1</version>
<packaging>pom</packaging></project>
EOF
head -c "${SIZE_MB}M" /dev/urandom > "$WORK/project/big.bin"
log "output: $SIZE_MB MB of random bytes; Maven's JVM: $HEAP"

export AWS_ACCESS_KEY_ID=AKIDEXAMPLEKEY000001 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$WORK/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-aws-credentials"
export CODEPIPELINE_JOB_ID=$JOB_ID CODEPIPELINE_CLIENT_TOKEN=bench-token
COMMON=(-B -o -Dcodepipeline.endpoint="$ENDPOINT" -Dcodepipeline.s3Endpoint="$S3")

start=$(date +%s%N)
(cd "$WORK/project" && MAVEN_OPTS="$HEAP" $MVN "${COMMON[@]}" "$PLUGIN:upload-output" -Dcodepipeline.outputFiles=big.bin) \
    > "$WORK/upload.log" 2>&1 || { cat "$WORK/upload.log"; exit 1; }
end=$(date +%s%N)
UPLOAD_S=$(seconds "$start" "$end")
ZIP_BYTES=$(stat -c %s "$WORK/store/$BUCKET/pipeline/Big/out.zip")

start=$(date +%s%N)
(cd "$WORK/download" && MAVEN_OPTS="$HEAP" $MVN "${COMMON[@]}" "$PLUGIN:download-input") \
    > "$WORK/download.log" 2>&1 || { cat "$WORK/download.log"; exit 1; }
end=$(date +%s%N)
DOWNLOAD_S=$(seconds "$start" "$end")
cmp "$WORK/project/big.bin" "$WORK/download/big.bin"

AWS_CLI=${AWS_CLI:-$(command -v aws || true)}
CLI_UP="skipped (no aws)"; CLI_DOWN="skipped (no aws)"; CLI_VERSION="none"
if [ -n "$AWS_CLI" ]; then
    cp "$WORK/store/$BUCKET/pipeline/Big/out.zip" "$WORK/out.zip"
    export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
    CLI_VERSION=$("$AWS_CLI" --version 2>&1 | head -1)
    start=$(date +%s%N)
    AWS_ACCESS_KEY_ID=$KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET "$AWS_CLI" --endpoint-url "$S3" s3 cp --only-show-errors \
        "$WORK/out.zip" "s3://$BUCKET/cli/out.zip"
    end=$(date +%s%N)
    CLI_UP=$(seconds "$start" "$end")
    start=$(date +%s%N)
    AWS_ACCESS_KEY_ID=$KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET "$AWS_CLI" --endpoint-url "$S3" s3 cp --only-show-errors \
        "s3://$BUCKET/cli/out.zip" "$WORK/cli-copy.zip"
    end=$(date +%s%N)
    CLI_DOWN=$(seconds "$start" "$end")
    cmp "$WORK/out.zip" "$WORK/cli-copy.zip"
fi

MB=$(python3 -c "print(round($ZIP_BYTES / 1048576, 1))")
rate() { python3 -c "import sys; print('%.1f MB/s' % ($MB / float(sys.argv[1])))" "$1" 2>/dev/null || echo "-"; }
echo
echo "Artifact transfers: $MB MB zip ($SIZE_MB MB of random bytes), local s3proxy (on disk), plugin JVM $HEAP"
echo "AWS CLI: $CLI_VERSION"
echo
echo "| Step | Plugin (whole mvn run: JVM start, zip/unzip, transfer) | aws s3 cp (transfer only) |"
echo "|---|---|---|"
echo "| upload | $UPLOAD_S s ($(rate "$UPLOAD_S")) | $CLI_UP s ($(rate "$CLI_UP")) |"
echo "| download | $DOWNLOAD_S s ($(rate "$DOWNLOAD_S")) | $CLI_DOWN s ($(rate "$CLI_DOWN")) |"
echo
echo "The plugin's own transfer lines:"
grep -h "CodePipeline: \(Uploaded\|Downloaded\|zipped\|unpacked\)" "$WORK/upload.log" "$WORK/download.log" | sed 's/^/  /'
echo "Progress lines during the upload: $(grep -c "CodePipeline: Uploading" "$WORK/upload.log" || true)"
