#!/usr/bin/env bash
# Benchmark of what declaring codepipeline-maven-plugin costs a build (issues 6 and 11).
#
# Needs: the plugin in the local repository (`mvn -B install -DskipTests`; `mvn -B verify` puts it there too, through
# its invoker:install step), mvn and python3 on PATH. The AWS CLI (`aws`) is optional: its reference row says
# "skipped" without it. Builds nothing itself; every build runs offline (-o) after one online warm-up.
#
#   bash bench/run.sh                  # 10 runs of each case (the issue's minimum)
#   RUNS=15 bash bench/run.sh          # more runs
#   KEEP=1 bash bench/run.sh           # keep the work folder (logs and raw timings)
#   AWS_CLI=/path/to/aws bash bench/run.sh   # the reference CLI (default: /usr/bin/aws, else aws on PATH)
#
# For every case the builds with and without the plugin alternate (with, without, with, ...), so that a machine
# getting busier or quieter shifts both sides alike. Times are wall-clock seconds of the whole `mvn` process;
# "cpu" is its user+sys time. The table gives medians; "added" is median(with) - median(without). Absolute times on
# a shared machine move by +-0.1 s between runs, so the report's cost is also given as a ratio to one AWS CLI call
# against the same endpoint, timed in the same run.
set -euo pipefail

RUNS=${RUNS:-10}
MVN=${MVN:-mvn}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN_VERSION=${PLUGIN_VERSION:-$(python3 - "$REPO_DIR/pom.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse(sys.argv[1]).getroot().find("m:version", ns).text)
EOF
)}
PLUGIN="io.github.codepipeline.maven:codepipeline-maven-plugin:$PLUGIN_VERSION"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-bench.XXXXXX")
RESULTS="$WORK/times.csv"
JOB_ID=0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
STUB_PID=

cleanup() {
    if [ -n "$STUB_PID" ]; then kill "$STUB_PID" 2>/dev/null || true; fi
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT

# A clean environment for every build: nothing from the caller's AWS or CodePipeline setup leaks in.
for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS
export AWS_CONFIG_FILE="$WORK/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-aws-credentials"
# Deliberately NOT AWS_EC2_METADATA_DISABLED: region and keys are given explicitly, so a probe of the instance
# metadata service would be a bug, and it would show up here as time.
BUILD_ENV=(AWS_ACCESS_KEY_ID=AKIDEXAMPLEKEY000001 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY
    AWS_REGION=us-east-1)

log() { echo "[bench] $*" >&2; }

# ---- projects -------------------------------------------------------------------------------------------------
# project NAME WITH_PLUGIN(true|false) KIND(pass|compile)
project() {
    local dir="$WORK/$1" with=$2 kind=$3
    mkdir -p "$dir/src/main/java/com/example" "$dir/src/test/java/com/example"
    local plugin=""
    if [ "$with" = true ]; then
        plugin="<plugins><plugin><groupId>io.github.codepipeline.maven</groupId><artifactId>codepipeline-maven-plugin</artifactId>
      <version>$PLUGIN_VERSION</version><extensions>true</extensions></plugin></plugins>"
    fi
    cat > "$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench.example</groupId>
  <artifactId>bench-$kind</artifactId>
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
    $plugin
  </build>
</project>
EOF
    local broken=""
    [ "$kind" = compile ] && broken="return new Price(a + b);"
    cat > "$dir/src/main/java/com/example/Cart.java" <<EOF
package com.example;
public class Cart {
    public int add(int a, int b) { $broken return a + b; }
}
EOF
    cat > "$dir/src/test/java/com/example/CartTest.java" <<EOF
package com.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
class CartTest {
    @Test void adds() throws Exception { assertEquals(5, new Cart().add(2, 3)); }
}
EOF
}

for kind in pass compile; do
    project "$kind-with" true "$kind"
    project "$kind-without" false "$kind"
done

# ---- a local CodePipeline: 200 {} to every POST ---------------------------------------------------------------
cat > "$WORK/stub.py" <<'EOF'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[1], "a") as f:
            f.write(self.headers.get("X-Amz-Target", "?") + "\n")
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", "bench")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
EOF
python3 "$WORK/stub.py" "$WORK/requests.txt" "$WORK/port" &
STUB_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
: > "$WORK/requests.txt"

# ---- measuring ------------------------------------------------------------------------------------------------
echo "case,side,run,real,cpu,exit" > "$RESULTS"

# timed CASE SIDE RUN EXPECTED_EXIT DIR -- COMMAND...   (appends a row to $RESULTS)
timed() {
    local case=$1 side=$2 run=$3 expected=$4 dir=$5; shift 6
    local out="$WORK/logs/$case-$side-$run.log" tfile="$WORK/time.txt" rc
    mkdir -p "$WORK/logs"
    rm -rf "$dir/target"
    set +e
    (cd "$dir" && /usr/bin/time -f "%e %U %S" -o "$tfile" env "$@" > "$out" 2>&1)
    rc=$?
    set -e
    if [ "$rc" != "$expected" ]; then
        log "$case/$side run $run: exit code $rc, expected $expected; see $out"; KEEP=1; exit 1
    fi
    read -r real user sys < <(tail -n 1 "$tfile")
    echo "$case,$side,$run,$real,$(python3 -c "print(round($user + $sys, 2))"),$rc" >> "$RESULTS"
}

# compare CASE KIND EXPECTED_EXIT MVN_ARGS... : warm-up online, then RUNS alternating offline runs per side
compare() {
    local case=$1 kind=$2 expected=$3; shift 3
    log "$case: warm-up"
    for side in with without; do
        timed "$case" "$side" warmup "$expected" "$WORK/$kind-$side" -- "${BUILD_ENV[@]}" "$MVN" -B "$@" > /dev/null
    done
    sed -i '/,warmup,/d' "$RESULTS"
    for run in $(seq "$RUNS"); do
        log "$case: run $run/$RUNS"
        timed "$case" with "$run" "$expected" "$WORK/$kind-with" -- "${BUILD_ENV[@]}" "$MVN" -B -o "$@"
        timed "$case" without "$run" "$expected" "$WORK/$kind-without" -- "${BUILD_ENV[@]}" "$MVN" -B -o "$@"
    done
}

JOB=(CODEPIPELINE_JOB_ID=$JOB_ID CODEPIPELINE_CLIENT_TOKEN=bench-token)
compare validate pass 0 validate
compare verify pass 0 verify
# Failing builds: the job is configured in both sides' environment; only the side with the plugin reports.
BUILD_ENV+=("${JOB[@]}")
compare fail-fast compile 1 "-Dcodepipeline.endpoint=$ENDPOINT" verify
REPORTS=$(grep -c PutThirdPartyJobFailureResult "$WORK/requests.txt" || true)
# The plugin's own "reported ... in N ms" lines (time inside afterSessionEnd).
for case in fail-fast; do
    grep -ho 'CodePipeline: reported the failure of job .* in [0-9]* ms' "$WORK"/logs/$case-with-[0-9]*.log \
        | sed 's/.* in \([0-9]*\) ms/\1/' > "$WORK/inside-ms-$case.txt" || true
done

# ---- where a cold report's time goes: one more failing build, its class loading logged with uptime stamps -----
# Phases are cut at the first load of a class that marks each step; the JVM's class loading (reading the shaded jar,
# verifying, initialising) is most of a cold report's cost, so the class counts say what each step costs.
rm -rf "$WORK/compile-with/target"
(cd "$WORK/compile-with" && env "${BUILD_ENV[@]}" MAVEN_OPTS="-Xlog:class+load=info:file=$WORK/classes.log:uptime" \
    "$MVN" -B -o "-Dcodepipeline.endpoint=$ENDPOINT" verify > "$WORK/logs/profile.log" 2>&1) || true

# ---- AWS CLI reference ----------------------------------------------------------------------------------------
echo "run,real" > "$WORK/aws.csv"
# Debian's awscli package (AWS CLI v2, /usr/bin/aws) is the issue's reference; AWS_CLI=... picks another.
AWS_CLI=${AWS_CLI:-$( [ -x /usr/bin/aws ] && echo /usr/bin/aws || command -v aws || true)}
if [ -n "$AWS_CLI" ]; then
    AWS_VERSION=$("$AWS_CLI" --version 2>&1 | head -1)
    for run in $(seq 0 "$RUNS"); do
        start=$(date +%s%N)
        env "${BUILD_ENV[@]}" AWS_EC2_METADATA_DISABLED=true "$AWS_CLI" codepipeline put-third-party-job-failure-result \
            --region us-east-1 --endpoint-url "$ENDPOINT" --job-id "$JOB_ID" --client-token bench-token \
            --failure-details type=JobFailed,message=bench > "$WORK/aws.log" 2>&1 \
            || { log "aws failed; see $WORK/aws.log"; KEEP=1; break; }
        end=$(date +%s%N)
        [ "$run" = 0 ] || echo "$run,$(python3 -c "print(round(($end - $start) / 1e9, 3))")" >> "$WORK/aws.csv"
    done
else
    AWS_VERSION="skipped (no aws on PATH; apt-get install -y awscli)"
fi

# ---- the download: the plugin and its runtime closure ---------------------------------------------------------
mkdir -p "$WORK/closure"
cat > "$WORK/closure/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench.example</groupId><artifactId>closure</artifactId><version>1.0</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.github.codepipeline.maven</groupId><artifactId>codepipeline-maven-plugin</artifactId>
      <version>$PLUGIN_VERSION</version></dependency>
  </dependencies>
</project>
EOF
(cd "$WORK/closure" && "$MVN" -B -o -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$WORK/closure/jars" > "$WORK/closure.log" 2>&1) \
    || { log "copy-dependencies failed; see $WORK/closure.log"; KEEP=1; exit 1; }

# ---- the table ------------------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$REPORTS" "$AWS_VERSION" "$PLUGIN" <<'EOF'
import csv, os, statistics, sys
work, runs, reports, aws_version, plugin = sys.argv[1:]
rows = list(csv.DictReader(open(os.path.join(work, "times.csv"))))
def med(case, side, key):
    return statistics.median(float(r[key]) for r in rows if r["case"] == case and r["side"] == side)
def spread(case, side):
    v = sorted(float(r["real"]) for r in rows if r["case"] == case and r["side"] == side)
    return f"{v[0]:.2f}–{v[-1]:.2f}"
aws = [float(r["real"]) for r in csv.DictReader(open(os.path.join(work, "aws.csv")))]
cli = statistics.median(aws) if aws else None
def profile(path):
    import re
    events = []
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"\[([\d.]+)s\]\s+(\S+)", line)
        if m:
            events.append((float(m.group(1)), m.group(2)))
    sdk = "io.github.codepipeline.maven.shaded.awssdk."
    def first(pred, start=0):
        return next((i for i in range(start, len(events)) if pred(events[i][1])), None)
    begin = first(lambda n: n == "io.github.codepipeline.maven.automatic.AutomaticReport")
    if begin is None:
        print("\n(no class-load profile: the profiled build made no report)")
        return
    marks = [("settings and message (plugin code)", begin)]
    marks.append(("client build: configuration, credentials, retry strategy, region metadata, interceptors",
                  first(lambda n: n.startswith(sdk), begin)))
    marks.append(("client constructor: JSON protocol, model classes the bytecode verifier needs",
                  first(lambda n: n == sdk + "services.codepipeline.DefaultCodePipelineClient", begin)))
    marks.append(("call: request, interceptors, endpoint rules, marshalling, SigV4 signing",
                  first(lambda n: n == sdk + "services.codepipeline.model.PutThirdPartyJobFailureResultRequest$BuilderImpl", begin)))
    marks.append(("call: HTTP round trip to the endpoint and the answer",
                  first(lambda n: n.startswith(sdk + "http.urlconnection.UrlConnectionHttpClient$RequestCallable"), begin)))
    end = max(i for i in range(begin, len(events)) if "PutThirdPartyJobFailureResultResponse" in events[i][1])
    marks = [(title, i) for title, i in marks if i is not None]
    print("\nWhere a cold report's time goes (one profiled run, -Xlog:class+load with uptime; the log itself adds time):\n")
    print("| step | ms | classes loaded (SDK / JDK / plugin) |")
    print("|---|---|---|")
    for k, (title, i) in enumerate(marks):
        j = marks[k + 1][1] if k + 1 < len(marks) else end + 1
        names = [n for _, n in events[i:j]]
        s = sum(n.startswith(sdk) for n in names)
        p = sum(n.startswith("io.github.codepipeline.maven.") and not n.startswith(sdk) for n in names)
        # To the next step's first class (the last step: to the answer), so that the steps add to the total.
        stop = events[j][0] if k + 1 < len(marks) else events[end][0]
        print(f"| {title} | {1000 * (stop - events[i][0]):.0f} | {s} / {len(names) - s - p} / {p} |")
    names = [n for _, n in events[begin:end + 1]]
    total = 1000 * (events[end][0] - events[begin][0])
    print(f"| **total** | **{total:.0f}** | {sum(n.startswith(sdk) for n in names)} SDK of {len(names)} |")
    groups = {"every AWS region's metadata": sdk + "regions.regionmetadata.",
              "CodePipeline model classes": sdk + "services.codepipeline.model.",
              "JSON parser (Jackson, shaded in the SDK)": sdk + "thirdparty.jackson.",
              "JDK security and crypto providers": ("sun.security.", "javax.crypto.", "java.security.")}
    print("\nAmong them: " + "; ".join(f"{title} {sum(n.startswith(prefix) for n in names)}" for title, prefix in groups.items()) + ".")

def cpu_added(case):
    return med(case, "with", "cpu") - med(case, "without", "cpu")
def cpu_ratio(case):
    return med(case, "with", "cpu") / med(case, "without", "cpu")
# The issue-11 targets: validate <= 0.1 s CPU added; verify CPU ratio <= 1.02; a report <= 0.8 x one AWS CLI call.
targets = {
    "validate": ("mvn -B -o validate, passing 1-module project",
                 lambda: (cpu_added("validate") <= 0.1, "CPU added ≤ 0.10 s")),
    "verify": ("mvn -B -o verify, passing 1-module project",
               lambda: (cpu_ratio("verify") <= 1.02, f"CPU ratio ≤ 1.02 (is {cpu_ratio('verify'):.3f})")),
    "fail-fast": ("failing build (compile error), job set, reported",
                  lambda: (cli is not None and (med("fail-fast", "with", "real") - med("fail-fast", "without", "real"))
                           <= 0.8 * cli, "added ≤ 0.8 × CLI" + (f" (is {(med('fail-fast', 'with', 'real') - med('fail-fast', 'without', 'real')) / cli:.2f} ×)" if cli else ""))),
}
print(f"Plugin {plugin}; {runs} alternating runs per side; median wall-clock s (min–max), median CPU s (user+sys).\n")
print("| case | without plugin | with plugin | added (wall) | added (cpu) | target | holds |")
print("|---|---|---|---|---|---|---|")
for case, (title, check) in targets.items():
    wo, w = med(case, "without", "real"), med(case, "with", "real")
    a = w - wo
    ok, target = check()
    print(f"| {title} | {wo:.2f} ({spread(case, 'without')}) | {w:.2f} ({spread(case, 'with')}) | "
          f"{a:+.2f} s ({100 * a / wo:+.1f} %) | {cpu_added(case):+.2f} s | {target} | {'yes' if ok else 'NO'} |")
inside = [int(x) for x in open(os.path.join(work, "inside-ms-fail-fast.txt")).read().split()]
if inside:
    print(f"| report (client build + PutThirdPartyJobFailureResult), as the plugin logs it | | "
          f"{statistics.median(inside) / 1000:.3f} ({min(inside) / 1000:.3f}–{max(inside) / 1000:.3f}) | | | | "
          + (f"{statistics.median(inside) / 1000 / cli:.2f} × CLI" if cli else "") + " |")
if cli:
    print(f"| AWS CLI put-third-party-job-failure-result, whole process ({aws_version.split()[0]}) | | {cli:.2f} | | | "
          f"reference | |")
else:
    print(f"| AWS CLI reference | | {aws_version} | | | | |")
jars = [os.path.join(work, "closure", "jars", j) for j in os.listdir(os.path.join(work, "closure", "jars"))]
size = sum(os.path.getsize(j) for j in jars)
# MB = 10^6 bytes, the stricter reading of the issue's 6.5 MB budget.
print(f"| download: the plugin jar and its runtime closure | | {len(jars)} jar{'' if len(jars) == 1 else 's'}, "
      f"{size / 1e6:.2f} MB ({size / 2**20:.2f} MiB) | | | ≤ 6.5 MB | {'yes' if size <= 6.5e6 else 'NO'} |")
profile(os.path.join(work, "classes.log"))
print(f"\nReports received by the local endpoint: {reports} (expected {int(runs) + 1}: one per failing build with the plugin, the online first run included).")
EOF
