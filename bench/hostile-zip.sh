#!/usr/bin/env bash
# Benchmark of download-input's checks on archives with many entries (issue 20): time and memory of SafeUnzip on
# (1) a million empty entries whose last one is hostile (refused) and (2) 200,000 empty entries (unpacked), both in a
# 64 MB heap. Before issue 20, (1) ended in "Java heap space" under -Xmx256m and (2) took 38 s and 1.25 GB RSS.
#
# Needs: `mvn -B test-compile` done (target/classes, target/test-classes), java, javac and GNU time (/usr/bin/time).
#
#   bash bench/hostile-zip.sh
#   HEAP=-Xmx32m bash bench/hostile-zip.sh
set -euo pipefail

HEAP=${HEAP:--Xmx64m}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codepipeline-hostile-zip.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CP="$REPO_DIR/target/classes:$REPO_DIR/target/test-classes"
javac -d "$WORK/classes" -cp "$CP" "$REPO_DIR/bench/HostileZip.java"
CP="$WORK/classes:$CP"

run() { # name count [last]
  local dir="$WORK/$1"
  mkdir -p "$dir"
  java -Dwrite.only=true -cp "$CP" HostileZip "$dir" "${@:2}" >/dev/null
  echo "== $1: $2 entries${3:+, the last one $3}, $HEAP"
  /usr/bin/time -f "   wall %e s, user %U s, system %S s, max RSS %M KB" java "$HEAP" -cp "$CP" HostileZip "$dir" "${@:2}"
}

run million-hostile 999999 ../escaped
run two-hundred-thousand 200000
