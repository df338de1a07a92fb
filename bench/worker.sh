#!/usr/bin/env bash
# Benchmark of the job worker, `codepipeline:work` (issue 22), against a local CodePipeline stub (a Python job queue
# speaking JSON 1.1; no S3: the jobs have no input artifact):
#   1. idle: the worker polls an empty queue POLLS times (pollInterval 1 s) under -Xmx64m; CPU time per wall second
#      between the 10th and the last poll, and the heap in use at the end (jcmd GC.heap_info);
#   2. latency: from the poll that returns a job to the start of its build (the build's first command);
#   3. 20 jobs through one worker with maxJobs=2, every fourth build killed with SIGKILL: each job reported exactly once;
#   4. report speed (issue 28): from a build's end to the answer at the stub, REPORTS times each, alternating: a build
#      under a warm worker that hands its failure over in the result file (the worker makes the call), and the cold
#      report-failure goal (a new Maven JVM, as a CI step after the build would run it).
#
# Needs: the plugin installed in the local repository (`mvn -B install -DskipTests`); mvn, java (jcmd) and python3 on
# PATH. CI never runs this script.
#
#   bash bench/worker.sh             # 1000 idle polls (about 17 minutes)
#   POLLS=120 bash bench/worker.sh   # fewer
#   KEEP=1 bash bench/worker.sh      # keep the work folder (logs)
set -euo pipefail

POLLS=${POLLS:-1000}
JOBS=${JOBS:-20}
REPORTS=${REPORTS:-5}
MVN=${MVN:-mvn}
MVN_FLAGS=${MVN_FLAGS:-}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN_VERSION=$(python3 - "$REPO_DIR/pom.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(ET.parse(sys.argv[1]).getroot().find("m:version", ns).text)
EOF
)
PLUGIN="io.github.codepipeline.maven:codepipeline-maven-plugin:$PLUGIN_VERSION"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-worker-bench.XXXXXX")
CLIENT_ID=5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
TOKEN=bench-client-token-1234567890
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
log() { echo "[bench] $*" >&2; }

for name in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\|CODEPIPELINE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset MAVEN_OPTS MAVEN_ARGS JAVA_TOOL_OPTIONS
export AWS_ACCESS_KEY_ID=AKIDBENCH0000000001 AWS_SECRET_ACCESS_KEY=benchSecretKey1234567890 AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=$WORK/none AWS_SHARED_CREDENTIALS_FILE=$WORK/none

# ---- the CodePipeline stub: a job queue; jobs are added by writing a line to $WORK/add ----------------------------
cat > "$WORK/stub.py" <<'EOF'
import http.server, json, sys, time, threading, uuid, os
work, client_id, token = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
jobs = {}            # id -> dict(state, kill, results)
queue = []           # ids not yet polled
polls = [0]
def out(name, line):
    with open(os.path.join(work, name), "a") as f: f.write(line + "\n")
class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def error(self, kind):
        self.answer(400, {"__type": kind, "message": kind})
    def do_POST(self):
        op = self.headers["X-Amz-Target"].split(".")[1]
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        with lock:
            if os.path.exists(os.path.join(work, "add")):
                for line in open(os.path.join(work, "add")).read().split():
                    job = str(uuid.uuid4()); jobs[job] = {"kill": line == "kill", "hand": line == "hand", "results": [],
                                                          "acked": False}
                    if line == "direct": out("direct", job)   # for the report-failure goal: never polled
                    else: queue.append(job)
                os.remove(os.path.join(work, "add"))
            if op == "PollForThirdPartyJobs":
                polls[0] += 1
                out("polls", "%d %d" % (polls[0], time.time_ns()))
                batch = queue[:body.get("maxBatchSize", 1)]
                del queue[:len(batch)]
                for job in batch: out("handed", "%s %d" % (job, time.time_ns()))
                return self.answer(200, {"jobs": [{"clientId": client_id, "jobId": j} for j in batch]})
            if op == "ListActionTypes":   # the bench's configuration properties are not secret
                return self.answer(200, {"actionTypes": [{"id": {"category": "Build", "owner": "ThirdParty",
                    "provider": "PartnerCI", "version": "1"}, "actionConfigurationProperties": [
                    {"name": n, "required": False, "key": False, "secret": False} for n in ("Kill", "Hand")],
                    "inputArtifactDetails": {"minimumCount": 0, "maximumCount": 5},
                    "outputArtifactDetails": {"minimumCount": 0, "maximumCount": 5}}]})
            job = jobs.get(body.get("jobId"))
            if job is None: return self.error("JobNotFoundException")
            if body.get("clientToken") != token: return self.error("InvalidClientTokenException")
            if op == "GetThirdPartyJobDetails":
                return self.answer(200, {"jobDetails": {"id": body["jobId"], "nonce": "7", "data": {
                    "pipelineContext": {"pipelineName": "bench", "stage": {"name": "Build"}, "action": {"name": "Maven"}},
                    "actionConfiguration": {"configuration": {"Kill": "yes" if job["kill"] else "no",
                                                              "Hand": "yes" if job["hand"] else "no"}}}}})
            if op == "AcknowledgeThirdPartyJob":
                if job["acked"]: return self.error("InvalidNonceException")
                job["acked"] = True
                return self.answer(200, {"status": "InProgress"})
            job["results"].append(op)
            out("results", "%s %s %d" % (body["jobId"], op, time.time_ns()))
            if len(job["results"]) > 1: return self.error("InvalidJobStateException")
            return self.answer(200, {})
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
open(os.path.join(work, "port"), "w").write(str(server.server_address[1]))
server.serve_forever()
EOF
python3 "$WORK/stub.py" "$WORK" "$CLIENT_ID" "$TOKEN" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
printf '%s=%s\n' "$CLIENT_ID" "$TOKEN" > "$WORK/tokens"
chmod 600 "$WORK/tokens"
touch "$WORK/polls" "$WORK/results" "$WORK/handed" "$WORK/starts" "$WORK/ends" "$WORK/direct"

# The builds: note the start, run a second, and kill themselves with SIGKILL when the job's configuration says so.
cat > "$WORK/build.sh" <<EOF
#!/bin/sh
echo "\$CODEPIPELINE_JOB_ID \$(date +%s%N)" >> "$WORK/starts"
if [ "\$CODEPIPELINE_CONFIG_HAND" = yes ]; then
    printf 'codepipeline-result 2\\nfailure\\t%s\\tJobFailed\\tTests failed: 1 of 40 (bench)\\t\\n' "\$CODEPIPELINE_JOB_ID" \\
        >> "\$CODEPIPELINE_RESULT_FILE"
    echo "\$CODEPIPELINE_JOB_ID \$(date +%s%N)" >> "$WORK/ends"
    exit 1
fi
sleep 1
[ "\$CODEPIPELINE_CONFIG_KILL" = yes ] && kill -9 \$\$
exit 0
EOF
chmod +x "$WORK/build.sh"

cd "$WORK"
COMMON=(-B $MVN_FLAGS "$PLUGIN:work" -Dcodepipeline.actionType=Build/ThirdParty/PartnerCI/1
    -Dcodepipeline.clientTokens="$WORK/tokens" -Dcodepipeline.endpoint="$ENDPOINT" -Dcodepipeline.pollInterval=1
    -Dcodepipeline.command="$WORK/build.sh")

# ---- 1. idle ------------------------------------------------------------------------------------------------------
log "idle: $POLLS polls under -Xmx64m"
MAVEN_OPTS="-Xmx64m" "$MVN" "${COMMON[@]}" > "$WORK/idle.log" 2>&1 &
WORKER=$!
PIDS+=($WORKER)
JAVA_PID=""
for _ in $(seq 100); do
    JAVA_PID=$(pgrep -f "codepipeline.clientTokens=$WORK/tokens" | head -1 || true)
    [ -n "$JAVA_PID" ] && [ "$(wc -l < "$WORK/polls")" -ge 10 ] && break
    sleep 1
done
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$JAVA_PID/stat"; }
CPU0=$(cpu); T0=$(date +%s%N)
while [ "$(wc -l < "$WORK/polls")" -lt "$POLLS" ]; do sleep 2; done
CPU1=$(cpu); T1=$(date +%s%N)
HEAP=$(jcmd "$JAVA_PID" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 || echo "used ?")
# ---- 2. latency, on the same worker: one job into the idle queue --------------------------------------------------
echo run > "$WORK/add"
for _ in $(seq 60); do [ -s "$WORK/starts" ] && break; sleep 0.5; done
kill -TERM "$JAVA_PID"
wait "$WORKER" || true
IDLE_CPU=$(python3 -c "print(round(($CPU1 - $CPU0) / $TICKS / (($T1 - $T0) / 1e9) * 100, 3))")
IDLE_SECONDS=$(python3 -c "print(round(($T1 - $T0) / 1e9))")
LATENCY=$(python3 - "$WORK" <<'EOF'
import sys, os
w = sys.argv[1]
handed = dict(l.split() for l in open(os.path.join(w, "handed")) if l.strip())
starts = dict(l.split() for l in open(os.path.join(w, "starts")) if l.strip())
print(" ".join("%d ms" % ((int(starts[j]) - int(handed[j])) / 1e6) for j in starts if j in handed))
EOF
)

# ---- 3. 20 jobs, maxJobs=2, every fourth killed -------------------------------------------------------------------
: > "$WORK/results"; : > "$WORK/handed"; : > "$WORK/starts"
python3 -c "print('\n'.join('kill' if i % 4 == 3 else 'run' for i in range($JOBS)))" > "$WORK/add"
log "$JOBS jobs, maxJobs=2, every fourth SIGKILLed"
T2=$(date +%s%N)
MAVEN_OPTS="-Xmx64m" "$MVN" "${COMMON[@]}" -Dcodepipeline.maxJobs=2 -Dcodepipeline.maxJobsTotal="$JOBS" > "$WORK/jobs.log" 2>&1
T3=$(date +%s%N)
REPORTED=$(awk '{print $1}' "$WORK/results" | sort | uniq | wc -l)
TWICE=$(awk '{print $1}' "$WORK/results" | sort | uniq -d | wc -l)
FAILURES=$(grep -c FailureResult "$WORK/results" || true)
SUCCESSES=$(grep -c SuccessResult "$WORK/results" || true)
KILLED=$(grep -c "killed by signal 9, SIGKILL" "$WORK/jobs.log" || true)

# ---- 4. report speed: through the warm worker vs the cold report-failure goal, alternating --------------------------
log "report speed: $REPORTS reports each, alternating"
: > "$WORK/results"
MAVEN_OPTS="-Xmx256m" "$MVN" "${COMMON[@]}" -Dcodepipeline.maxJobsTotal="$REPORTS" > "$WORK/reports.log" 2>&1 &
WORKER=$!
PIDS+=($WORKER)
waitfor() { for _ in $(seq 1200); do grep -q "^$1 " "$WORK/results" && return 0; sleep 0.05; done; echo "no result for $1" >&2; }
for i in $(seq "$REPORTS"); do
    before=$(wc -l < "$WORK/ends")
    echo hand > "$WORK/add"
    for _ in $(seq 1200); do [ "$(wc -l < "$WORK/ends")" -gt "$before" ] && break; sleep 0.05; done
    waitfor "$(tail -1 "$WORK/ends" | cut -d' ' -f1)"
    echo direct > "$WORK/add"
    # The stub reads the add file at its next request: the idle worker's next poll (1 s) has it registered.
    for _ in $(seq 100); do [ "$(wc -l < "$WORK/direct")" -ge "$i" ] && break; sleep 0.05; done
    job=$(tail -1 "$WORK/direct")
    echo "$job $(date +%s%N)" >> "$WORK/cold-starts"
    CODEPIPELINE_JOB_ID=$job CODEPIPELINE_CLIENT_TOKEN=$TOKEN "$MVN" -B -q $MVN_FLAGS "$PLUGIN:report-failure" \
        -Dcodepipeline.endpoint="$ENDPOINT" -Dcodepipeline.message="Tests failed: 1 of 40 (bench)" >> "$WORK/cold.log" 2>&1
    waitfor "$job"
done
wait "$WORKER" || true
REPORT_TIMES=$(python3 - "$WORK" <<'EOF'
import sys, os, statistics
w = sys.argv[1]
results = {l.split()[0]: int(l.split()[2]) for l in open(os.path.join(w, "results")) if l.strip()}
def ms(name):
    pairs = [l.split() for l in open(os.path.join(w, name)) if l.strip()]
    return [(results[j] - int(t)) / 1e6 for j, t in pairs if j in results]
warm, cold = ms("ends"), ms("cold-starts")
f = lambda xs: "median %d ms (%s)" % (statistics.median(xs), ", ".join("%d" % x for x in xs)) if xs else "none"
print("through the worker %s; cold report-failure goal %s" % (f(warm), f(cold)))
EOF
)

echo
echo "Job worker, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  idle:     $POLLS polls; CPU ${IDLE_CPU}% of one core over ${IDLE_SECONDS} s between polls 10 and $POLLS; heap $HEAP (-Xmx64m)"
echo "  latency:  poll returning the job -> build started: $LATENCY"
echo "  $JOBS jobs:  $(python3 -c "print(round(($T3 - $T2) / 1e9, 1))") s with maxJobs=2; $REPORTED jobs reported, $TWICE twice;" \
     "$SUCCESSES successes, $FAILURES failures ($KILLED SIGKILLed builds reported with the signal)"
echo "  report:   from a build's end to the answer: $REPORT_TIMES"
