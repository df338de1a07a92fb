#!/usr/bin/env bash
# Benchmark of the failure message for big builds (issue 13), before and after: run by hand, never by CI.
#
#   bash bench/big-build.sh                 # 5 alternating runs of each side
#   RUNS=9 bash bench/big-build.sh
#   LOCAL_REPO=/path/to/m2 bash bench/big-build.sh   # a local repository other than ~/.m2
#   KEEP=1 bash bench/big-build.sh          # keep the work folder (projects, logs)
#
# Needs: mvn, java, javac, git and python3 on PATH; the plugin built (`mvn -B package -DskipTests`, which leaves
# target/codepipeline-maven-plugin-<version>.jar); the dependencies of both builds in the local repository (every
# build here runs offline). "before" is the jar of git commit BEFORE (default c6a17c3, the DOM reader), built from a
# `git archive` of it unless BEFORE_JAR names one; "after" is AFTER_JAR (default: this checkout's jar).
#
# Both jars are loaded the same way, as a core extension from -Dmaven.ext.class.path (one jar, no dependencies), so
# that no local repository has to hold two builds of one version; the "without" side loads nothing. Reports are
# dry runs (codepipeline.dryRun=true): the message is composed and printed, not sent. What the call costs is
# bench/run.sh's business.
#
# Case 1, "157 MB": one module whose test leaves 2,999 Surefire reports, one of them with 150 MB of captured output
# after its first failing test and before its second, and fails itself (Surefire writes the 3,000th report). Maven
# runs with MAVEN_OPTS=-Xmx256m. Times are wall-clock seconds of the whole mvn process, medians of RUNS alternating
# runs (without, before, after, ...); "added" is median(side) - median(without). On a busy machine the builds' own
# spread swamps that difference, so the plugin's time is also read from Maven's log: from its "Finished at:" line,
# after which Maven calls the plugin, to the plugin's dry-run line, once the message is composed (log lines carry
# timestamps: -Dorg.slf4j.simpleLogger.showDateTime).
# Heap: ComposeHeap (a 30-line harness next to this script) composes the message of that module's reports in a JVM
# of its own; the smallest -Xmx (1 MB steps, serial GC) with which it succeeds, less the smallest with which it
# composes a message without reports, is the heap composing needs.
#
# Case 2, "120 modules": a parent, an api module and 118 modules, 40 of which call a method the api no longer has;
# built once per side with -fae. The message must name every failed module and show the shared cause once.
set -euo pipefail

RUNS=${RUNS:-5}
OUTPUT_MB=${OUTPUT_MB:-150}
REPORTS=${REPORTS:-3000}
BEFORE=${BEFORE:-c6a17c3}
HEAP=${HEAP:--Xmx256m}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
MVN=(mvn -B -o -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
if [ -n "${LOCAL_REPO:-}" ]; then MVN+=("-Dmaven.repo.local=$LOCAL_REPO"); fi
VERSION=$(python3 - "$REPO_DIR/pom.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)
EOF
)
AFTER_JAR=${AFTER_JAR:-$REPO_DIR/target/codepipeline-maven-plugin-$VERSION.jar}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-big-bench.XXXXXX")
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi; }
trap cleanup EXIT
log() { echo "[big-bench] $*" >&2; }

for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS
JOB=(CODEPIPELINE_JOB_ID=0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b CODEPIPELINE_CLIENT_TOKEN=bench-token
    AWS_ACCESS_KEY_ID=AKIDEXAMPLEKEY000001 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY
    AWS_REGION=us-east-1 AWS_CONFIG_FILE=$WORK/none AWS_SHARED_CREDENTIALS_FILE=$WORK/none)

[ -f "$AFTER_JAR" ] || { log "no $AFTER_JAR: run mvn -B package -DskipTests first"; exit 1; }
if [ -z "${BEFORE_JAR:-}" ]; then
    log "building the jar of $BEFORE"
    mkdir -p "$WORK/before-src"
    git -C "$REPO_DIR" archive "$BEFORE" | tar -x -C "$WORK/before-src"
    (cd "$WORK/before-src" && "${MVN[@]}" -q package -DskipTests -Danimal.sniffer.skip > "$WORK/before-build.log" 2>&1) \
        || { log "building $BEFORE failed; see $WORK/before-build.log"; KEEP=1; exit 1; }
    BEFORE_JAR=$WORK/before-src/target/codepipeline-maven-plugin-$VERSION.jar
fi

POM_HEAD='<modelVersion>4.0.0</modelVersion>'
PLUGINS='<pluginManagement><plugins>
      <plugin><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
    </plugins></pluginManagement>'

# ---- case 1: one module, 3,000 reports, 150 MB of captured output ---------------------------------------------
BIG=$WORK/big
mkdir -p "$BIG/src/test/java/com/example"
cat > "$BIG/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  $POM_HEAD
  <groupId>bench.example</groupId><artifactId>big-suite</artifactId><version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>8</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.14.1</version><scope>test</scope></dependency>
  </dependencies>
  <build>$PLUGINS</build>
</project>
EOF
cat > "$BIG/src/test/java/com/example/BigSuiteTest.java" <<EOF
package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import org.junit.jupiter.api.Test;

class BigSuiteTest {
    @Test
    void leavesTheReportsOfABigSuite() throws IOException {
        Path reports = Paths.get("target", "surefire-reports");
        Files.createDirectories(reports);
        for (int i = 0; i < $REPORTS - 2; i++) {
            String name = String.format("com.example.gen.Passing%04dTest", i);
            StringBuilder xml = new StringBuilder(header(name, 3, 0));
            for (int t = 0; t < 3; t++) {
                xml.append("  <testcase name=\"case").append(t).append("\" classname=\"").append(name).append("\" time=\"0.001\"/>\n");
            }
            Files.write(reports.resolve("TEST-" + name + ".xml"), xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        String chatty = "com.example.gen.ChattyTest";
        StringBuilder line = new StringBuilder();
        while (line.length() < 64 * 1024) {
            line.append("2026-12-01 10:15:30.123 DEBUG [main] com.example.Checkout - basket 4711 <priced> & \"taxed\"\n");
        }
        String block = line.toString();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(reports.resolve("TEST-" + chatty + ".xml"), StandardCharsets.UTF_8), 1 << 16)) {
            out.write(header(chatty, 3, 2));
            out.write("  <testcase name=\"checksOut\" classname=\"" + chatty + "\" time=\"9.5\">\n"
                    + "    <failure message=\"total ==&gt; expected: &lt;200&gt; but was: &lt;500&gt;\" type=\"org.opentest4j.AssertionFailedError\">"
                    + "org.opentest4j.AssertionFailedError: total\n\tat com.example.gen.ChattyTest.checksOut(ChattyTest.java:42)\n</failure>\n"
                    + "    <system-out><![CDATA[");
            for (long written = 0; written < ${OUTPUT_MB}L << 20; written += block.length()) {
                out.write(block);
            }
            out.write("]]></system-out>\n  </testcase>\n  <testcase name=\"refunds\" classname=\"" + chatty + "\" time=\"0.2\">\n"
                    + "    <failure message=\"refund ==&gt; expected: &lt;0&gt; but was: &lt;5&gt;\"/>\n  </testcase>\n"
                    + "  <testcase name=\"prices\" classname=\"" + chatty + "\" time=\"0.1\"/>\n</testsuite>\n");
        }
        assertEquals($REPORTS, $REPORTS - 1, "reports written");
    }

    private static String header(String name, int tests, int failures) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite version=\"3.0.2\" name=\"" + name + "\" time=\"1.0\" tests=\""
                + tests + "\" errors=\"0\" skipped=\"0\" failures=\"" + failures + "\">\n"
                + "  <properties>\n    <property name=\"java.version\" value=\"17\"/>\n  </properties>\n";
    }
}
EOF

# ---- case 2: 120 modules, 40 broken by one API change ---------------------------------------------------------
MANY=$WORK/many
mkdir -p "$MANY/api/src/main/java/com/example/api"
MODULES="<module>api</module>"
for i in $(seq -f '%03g' 1 118); do MODULES="$MODULES<module>service-$i</module>"; done
cat > "$MANY/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  $POM_HEAD
  <groupId>bench.example</groupId><artifactId>platform</artifactId><version>1.0</version><packaging>pom</packaging>
  <modules>$MODULES</modules>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>8</maven.compiler.release>
  </properties>
  <build>$PLUGINS</build>
</project>
EOF
module_pom() { # dir artifactId dependencies
    cat > "$1/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  $POM_HEAD
  <parent><groupId>bench.example</groupId><artifactId>platform</artifactId><version>1.0</version></parent>
  <artifactId>$2</artifactId>
  $3
</project>
EOF
}
module_pom "$MANY/api" api ""
printf 'package com.example.api;\npublic final class Price {\n    private Price() {}\n    public static int cents(int amount) { return amount * 100; }\n}\n' \
    > "$MANY/api/src/main/java/com/example/api/Price.java"
BROKEN=()
for i in $(seq 1 118); do
    n=$(printf '%03d' "$i"); dir="$MANY/service-$n"; pkg="service$n"
    mkdir -p "$dir/src/main/java/com/example/$pkg"
    module_pom "$dir" "service-$n" "<dependencies><dependency><groupId>bench.example</groupId><artifactId>api</artifactId><version>1.0</version></dependency></dependencies>"
    call="Price.cents(amount)"
    if [ $((i % 3)) = 0 ] || [ "$i" = 118 ]; then call="Price.total(amount)"; BROKEN+=("service-$n"); fi
    printf 'package com.example.%s;\n\nimport com.example.api.Price;\n\npublic class Client {\n    int charge(int amount) {\n        return %s;\n    }\n}\n' \
        "$pkg" "$call" > "$dir/src/main/java/com/example/$pkg/Client.java"
done
log "120 modules, ${#BROKEN[@]} broken by the API change"

# ---- the heap harness -----------------------------------------------------------------------------------------
mkdir -p "$WORK/harness"
javac -d "$WORK/harness" -cp "$AFTER_JAR" "$REPO_DIR/bench/ComposeHeap.java"

# ---- running --------------------------------------------------------------------------------------------------
echo "case,side,run,real,exit,reported,maven_error,heap_error,plugin_ms" > "$WORK/times.csv"
# build CASE SIDE RUN DIR ARGS... (appends a row)
build() {
    local case=$1 side=$2 run=$3 dir=$4; shift 4
    local out="$WORK/logs/$case-$side-$run.log" ext=() rc
    mkdir -p "$WORK/logs"
    case $side in before) ext=("-Dmaven.ext.class.path=$BEFORE_JAR") ;; after) ext=("-Dmaven.ext.class.path=$AFTER_JAR") ;; esac
    rm -rf "$dir/target"
    for d in "$dir"/*/; do rm -rf "$d/target"; done
    set +e
    (cd "$dir" && /usr/bin/time -f "%e" -o "$WORK/time.txt" env "${JOB[@]}" "$@" "${MVN[@]}" "${ext[@]}" "${EXTRA[@]}" \
        -Dcodepipeline.dryRun=true verify > "$out" 2>&1)
    rc=$?
    set -e
    local reported=$(grep -c 'PutThirdPartyJobFailureResult would be' "$out" || true)
    local maven_error=$(grep -c 'There are test failures\|COMPILATION ERROR' "$out" || true)
    local heap_error=$(grep -c 'Java heap space\|OutOfMemoryError' "$out" || true)
    # Milliseconds from Maven's "Finished at:" to the plugin's dry-run line; empty when there is no such line.
    local plugin_ms=$(python3 - "$out" <<'PY'
import re, sys
times = {}
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) ", line)
    if not m:
        continue
    t = ((int(m[1]) * 60 + int(m[2])) * 60 + int(m[3])) * 1000 + int(m[4])
    if "Finished at:" in line:
        times["end"] = t
    elif "PutThirdPartyJobFailureResult would be" in line:
        times["report"] = t
if "end" in times and "report" in times:
    print((times["report"] - times["end"]) % 86_400_000)
PY
)
    echo "$case,$side,$run,$(tail -n 1 "$WORK/time.txt"),$rc,$reported,$maven_error,$heap_error,$plugin_ms" >> "$WORK/times.csv"
}

EXTRA=()
log "157 MB case: warm-up"
build big without 0 "$BIG" MAVEN_OPTS="$HEAP"
for run in $(seq "$RUNS"); do
    for side in without before after; do
        log "157 MB case: run $run/$RUNS, $side"
        build big "$side" "$run" "$BIG" MAVEN_OPTS="$HEAP"
    done
done
du -sm "$BIG/target/surefire-reports" | cut -f1 > "$WORK/reports-mb.txt"
ls "$BIG/target/surefire-reports" | grep -c '^TEST-.*\.xml$' > "$WORK/reports-count.txt"

# Smallest heap (MB) with which ComposeHeap succeeds: JAR, DIR ("" = no reports). Bisection between 4 and 4096.
min_heap() {
    local jar=$1 dir=$2 low=4 high=4096 mid
    while [ $((high - low)) -gt 1 ]; do
        mid=$(((low + high) / 2))
        if java -XX:+UseSerialGC -Xms4m "-Xmx${mid}m" -cp "$WORK/harness:$jar" ComposeHeap $dir > /dev/null 2>&1; then
            high=$mid
        else
            low=$mid
        fi
    done
    echo "$high"
}
for side in before after; do
    jar=$BEFORE_JAR; [ "$side" = after ] && jar=$AFTER_JAR
    log "heap: $side"
    echo "$(min_heap "$jar" "$BIG/target/surefire-reports"),$(min_heap "$jar" "")" > "$WORK/heap-$side.txt"
    java -XX:+UseSerialGC -Xmx4g -cp "$WORK/harness:$jar" ComposeHeap "$BIG/target/surefire-reports" \
        > "$WORK/compose-$side.txt" 2>&1 || true
done

EXTRA=(-fae)
for side in before after; do
    log "120 modules: $side"
    build many "$side" 1 "$MANY" MAVEN_OPTS="$HEAP"
    sed -n 's/^[0-9:.]* \[INFO\]   | //p' "$WORK/logs/many-$side-1.log" > "$WORK/message-many-$side.txt"
done

# ---- the tables -----------------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$OUTPUT_MB" "$BEFORE" "${BROKEN[*]}" <<'EOF'
import csv, os, statistics, sys
work, runs, output_mb, before, broken = sys.argv[1:]
broken = broken.split()
rows = list(csv.DictReader(open(os.path.join(work, "times.csv"))))
def side(case, name):
    return [r for r in rows if r["case"] == case and r["side"] == name and r["run"] != "0"]
reports_mb = open(os.path.join(work, "reports-mb.txt")).read().strip()
reports = open(os.path.join(work, "reports-count.txt")).read().strip()
print(f"157 MB case: {reports} reports, {reports_mb} MB in target/surefire-reports, MAVEN_OPTS=-Xmx256m, {runs} alternating runs"
      f" per side; median wall-clock s (min–max).\n")
print("| side | build | added | plugin's time in the build | reported | Maven's own error printed | `Java heap space` printed | heap to compose | compose time (own JVM) |")
print("|---|---|---|---|---|---|---|---|---|")
wo = statistics.median(float(r["real"]) for r in side("big", "without"))
for name in ("without", "before", "after"):
    s = side("big", name)
    times = sorted(float(r["real"]) for r in s)
    med = statistics.median(times)
    count = lambda key: f"{sum(1 for r in s if int(r[key]) > 0)}/{len(s)}"
    heap = compose = ""
    if name != "without":
        with_reports, without_reports = open(os.path.join(work, f"heap-{name}.txt")).read().strip().split(",")
        heap = f"{int(with_reports) - int(without_reports)} MB ({with_reports} MB -Xmx vs {without_reports} MB without reports)"
        out = open(os.path.join(work, f"compose-{name}.txt")).read().split("\n")
        compose = next((l.split("composed in ")[1] for l in out if "composed in " in l), "failed")
    label = {"without": "without plugin", "before": f"before ({before}, DOM)", "after": "after (streaming)"}[name]
    inside = sorted(int(r["plugin_ms"]) for r in s if r["plugin_ms"])
    inside = f"{statistics.median(inside) / 1000:.2f} s ({inside[0] / 1000:.2f}–{inside[-1] / 1000:.2f})" if inside else ""
    print(f"| {label} | {med:.2f} ({times[0]:.2f}–{times[-1]:.2f}) | {'' if name == 'without' else f'{med - wo:+.2f} s'} | {inside} | "
          f"{'' if name == 'without' else count('reported')} | {count('maven_error')} | {count('heap_error')} | {heap} | {compose} |")
print()
print(f"120-module case: {len(broken)} of 120 modules fail with the same compiler error (-fae).\n")
print("| side | message length | failed modules named (of 40) | `cannot find symbol` shown | `(truncated)` lines |")
print("|---|---|---|---|---|")
for name in ("before", "after"):
    message = open(os.path.join(work, f"message-many-{name}.txt")).read()
    named = sum(1 for b in broken if b in message)
    print(f"| {name} | {len(message.rstrip())} | {named} | {message.count('cannot find symbol')} | {message.count('(truncated)')} |")
print()
print("After, the 120-module message:\n")
print("```")
print(open(os.path.join(work, "message-many-after.txt")).read().rstrip())
print("```")
EOF
