#!/usr/bin/env bash
# What reading the failing goal's lines (issue 29: GoalLines, copied from Maven's logger by ConsoleCopy) costs:
#   1. a build that succeeds, with a job set (the only builds the copy is installed in): CPU and wall time of
#      `mvn validate` and `mvn verify` with the plugin against the same project without it, alternating;
#   2. a goal that logs SIZE_MB of WARNING lines (default 1024: 1 GB, about 9.4 million lines) and then fails, under
#      MAVEN_OPTS=-Xmx256m: with the plugin (the message composed and reported) against without it, alternating,
#      wall time, CPU and peak RSS of the Maven JVM, and the message that reached the stand-in.
#
# Needs the plugin in the local repository (`mvn -B install -DskipTests`, or a `mvn -B verify`), mvn, python3 and GNU
# time (/usr/bin/time). The noisy goal is gmavenplus-plugin's execute (a Groovy script calling the mojo's log.warn),
# a real plugin whose lines go through Maven's logger as any plugin's do.
#
#   bash bench/goal-lines.sh                    # RUNS=5 of each success case, RUNS_NOISY=2 of the 1 GB case
#   SIZE_MB=100 RUNS=3 bash bench/goal-lines.sh # smaller and quicker
set -euo pipefail

RUNS=${RUNS:-5}
RUNS_NOISY=${RUNS_NOISY:-2}
SIZE_MB=${SIZE_MB:-1024}
MVN=${MVN:-mvn}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN_VERSION=${PLUGIN_VERSION:-$(python3 - "$REPO_DIR/pom.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse(sys.argv[1]).getroot().find("m:version", ns).text)
EOF
)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-goal-lines.XXXXXX")
STUB_PID=
cleanup() {
    if [ -n "$STUB_PID" ]; then kill "$STUB_PID" 2>/dev/null || true; fi
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
log() { echo "[bench] $*" >&2; }

for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS
export AWS_CONFIG_FILE="$WORK/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-aws-credentials"
BUILD_ENV=(AWS_ACCESS_KEY_ID=AKIDEXAMPLEKEY000001 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY
    AWS_REGION=us-east-1 CODEPIPELINE_JOB_ID=0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b CODEPIPELINE_CLIENT_TOKEN=bench-token)

# ---- projects: NAME WITH_PLUGIN(true|false) NOISY(true|false) --------------------------------------------------
project() {
    local dir="$WORK/$1" with=$2 noisy=$3 plugins=""
    mkdir -p "$dir/src/main/java/com/example" "$dir/src/test/java/com/example"
    if [ "$with" = true ]; then
        plugins="<plugin><groupId>io.github.codepipeline.maven</groupId><artifactId>codepipeline-maven-plugin</artifactId>
        <version>$PLUGIN_VERSION</version><extensions>true</extensions></plugin>"
    fi
    if [ "$noisy" = true ]; then
        # ~114 bytes a line with Maven's "[WARNING] " and the line end.
        plugins="$plugins
      <plugin><groupId>org.codehaus.gmavenplus</groupId><artifactId>gmavenplus-plugin</artifactId><version>4.3.1</version>
        <dependencies><dependency><groupId>org.apache.groovy</groupId><artifactId>groovy</artifactId>
          <version>4.0.33</version><scope>runtime</scope></dependency></dependencies>
        <executions><execution><id>noisy-check</id><phase>validate</phase><goals><goal>execute</goal></goals>
          <configuration><scripts><script><![CDATA[
long lines = Long.parseLong(session.userProperties['noisy.lines'])
String tail = ' is deprecated and marked for removal; see the migration guide for what replaces it'
for (long i = 1; i <= lines; i++) {
    log.warn('src/main/java/com/example/Legacy.java:[' + i + ',9] Legacy.call' + tail)
}
throw new IllegalStateException('noisy check failed: ' + lines + ' deprecation warnings')
]]></script></scripts></configuration></execution></executions></plugin>"
    fi
    cat > "$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench.example</groupId>
  <artifactId>goal-lines-$1</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>8</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.14.1</version><scope>test</scope></dependency>
  </dependencies>
  <build>
    <pluginManagement><plugins>
      <plugin><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
    </plugins></pluginManagement>
    <plugins>$plugins</plugins>
  </build>
</project>
EOF
    echo 'package com.example; public class Cart { public int add(int a, int b) { return a + b; } }' \
        > "$dir/src/main/java/com/example/Cart.java"
    cat > "$dir/src/test/java/com/example/CartTest.java" <<'EOF'
package com.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
class CartTest { @Test void adds() { assertEquals(5, new Cart().add(2, 3)); } }
EOF
}
project pass-with true false
project pass-without false false
project noisy-with true true
project noisy-without false true

# ---- a local CodePipeline: 200 {} to every POST, each body kept -------------------------------------------------
cat > "$WORK/stub.py" <<'EOF'
import http.server, json, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[1], "a") as f:
            f.write(json.dumps({"target": self.headers.get("X-Amz-Target", "?"), "body": json.loads(body or b"{}")}) + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
EOF
python3 "$WORK/stub.py" "$WORK/requests.jsonl" "$WORK/port" &
STUB_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
: > "$WORK/requests.jsonl"

echo "case,side,run,real,cpu,rss_mb,exit" > "$WORK/times.csv"
# timed CASE SIDE RUN EXPECTED_EXIT DIR MAVEN_OPTS ARGS... (a row in times.csv; the build's output to a file or nowhere)
timed() {
    local case=$1 side=$2 run=$3 expected=$4 dir=$5 opts=$6 rc out="$WORK/logs/$1-$2-$3.log"; shift 6
    mkdir -p "$WORK/logs"
    rm -rf "$dir/target"
    [ "$case" = noisy ] && out=/dev/null   # a gigabyte of console: read by nobody, as on a CI agent's pipe
    set +e
    (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" env "${BUILD_ENV[@]}" MAVEN_OPTS="$opts" \
        "$MVN" -B "$@" > "$out" 2>&1)
    rc=$?
    set -e
    if [ "$rc" != "$expected" ]; then log "$case/$side run $run: exit $rc, expected $expected ($out)"; KEEP=1; exit 1; fi
    read -r real user sys rss < <(tail -n 1 "$WORK/time.txt")
    echo "$case,$side,$run,$real,$(python3 -c "print(round($user + $sys, 2))"),$((rss / 1024)),$rc" >> "$WORK/times.csv"
}

log "warm-up (online: resolves gmavenplus and Groovy once)"
for side in with without; do
    timed warmup "$side" 0 0 "$WORK/pass-$side" "" -Dcodepipeline.endpoint="$ENDPOINT" verify
    timed warmup-noisy "$side" 0 1 "$WORK/noisy-$side" "" -Dcodepipeline.endpoint="$ENDPOINT" -Dnoisy.lines=10 validate
done
: > "$WORK/requests.jsonl"
for goal in validate verify; do
    for run in $(seq "$RUNS"); do
        log "$goal: run $run/$RUNS"
        for side in with without; do
            timed "$goal" "$side" "$run" 0 "$WORK/pass-$side" "" -o -Dcodepipeline.endpoint="$ENDPOINT" "$goal"
        done
    done
done
LINES=$((SIZE_MB * 1024 * 1024 / 114))
for run in $(seq "$RUNS_NOISY"); do
    log "noisy ($LINES WARNING lines, about $SIZE_MB MB, -Xmx256m): run $run/$RUNS_NOISY"
    for side in with without; do
        timed noisy "$side" "$run" 1 "$WORK/noisy-$side" "-Xmx256m" -o -Dcodepipeline.endpoint="$ENDPOINT" \
            -Dnoisy.lines="$LINES" validate
    done
done

python3 - "$WORK/times.csv" "$WORK/requests.jsonl" "$LINES" <<'EOF'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def med(case, side, key):
    values = [float(r[key]) for r in rows if r["case"] == case and r["side"] == side]
    return statistics.median(values) if values else float("nan")
print("case                    with plugin (median)         without              added")
for case in ("validate", "verify", "noisy"):
    w, wo = med(case, "with", "real"), med(case, "without", "real")
    cw, cwo = med(case, "with", "cpu"), med(case, "without", "cpu")
    print("%-22s  %6.2f s wall %6.2f s CPU   %6.2f s %6.2f s CPU   %+.2f s wall %+.2f s CPU (ratio %.3f)"
          % (case, w, cw, wo, cwo, w - wo, cw - cwo, cw / cwo))
print("noisy: peak RSS %d MB with the plugin, %d MB without (MAVEN_OPTS=-Xmx256m)"
      % (med("noisy", "with", "rss_mb"), med("noisy", "without", "rss_mb")))
reports = [json.loads(line) for line in open(sys.argv[2])]
failures = [r for r in reports if r["target"].endswith("FailureResult")]
print("reports: %d success, %d failure (the noisy builds with the plugin: one each)"
      % (sum(r["target"].endswith("SuccessResult") for r in reports), len(failures)))
if failures:
    message = failures[-1]["body"]["failureDetails"]["message"]
    print("the noisy build's message (%d characters), of %s WARNING lines:" % (len(message), sys.argv[3]))
    print("\n".join("  | " + line for line in message.splitlines()))
EOF
echo "machine: $(nproc) CPUs, $(uptime | sed 's/.*load average/load average/')"
