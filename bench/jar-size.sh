#!/usr/bin/env bash
# What the plugin jar is made of: its size, and the compressed bytes of its entries grouped by what they are (the
# plugin's own classes, each bundled AWS SDK client, the SDK's shared core), plus what the zip format itself takes
# (each entry's headers and the central directory), so that the parts add up to the jar's size.
# Run after `mvn -B package -DskipTests` (needs unzip and python3):  bash bench/jar-size.sh [JAR]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-$(ls target/codepipeline-maven-plugin-*.jar | grep -v -e '-sources' -e '-javadoc' | head -1)}
python3 - "$JAR" <<'PY'
import os, subprocess, sys
jar = sys.argv[1]
services = "io/github/codepipeline/maven/shaded/awssdk/services/"
clients = {"s3": "S3", "codepipeline": "CodePipeline", "sts": "STS", "sso": "SSO", "ssooidc": "SSO OIDC"}
groups, models, entries = {}, {}, 0
for line in subprocess.run(["unzip", "-v", jar], capture_output=True, text=True, check=True).stdout.splitlines():
    f = line.split(None, 7)  # Length Method Size Cmpr Date Time CRC-32 Name
    if len(f) < 8 or not f[0].isdigit() or not f[2].isdigit() or not f[1][:4] in ("Stor", "Defl"):
        continue
    compressed, name = int(f[2]), f[7].strip()
    entries += 1
    if name.endswith("/"):
        continue  # a directory: headers only
    if name.startswith(services):
        parts = name[len(services):].split("/")
        key = "AWS SDK client: " + clients.get(parts[0], "other")
        if len(parts) > 2 and parts[1] == "model":
            models[key] = models.get(key, 0) + compressed
    elif name.startswith(("io/github/codepipeline/maven/shaded/compress/", "io/github/codepipeline/maven/shaded/commons/")):
        key = "Apache Commons Compress, IO, Lang 3 (the tar reader)"
    elif name.startswith("io/github/codepipeline/maven/shaded/"):
        key = "AWS SDK core (shared by the clients)"
    elif name.startswith("io/github/codepipeline/maven/") or name.startswith("software/"):
        key = "the plugin's own classes"
    else:
        key = "META-INF (descriptor, Sisu index, POM)"
    groups[key] = groups.get(key, 0) + compressed
total = os.path.getsize(jar)
groups["zip headers and central directory (%d entries)" % entries] = total - sum(groups.values())
print("%s: %.2f MB (%d bytes), made of:" % (jar, total / 1e6, total))
for key, size in sorted(groups.items(), key=lambda kv: -kv[1]):
    model = " (%.2f MB of it the model classes)" % (models[key] / 1e6) if key in models else ""
    print("  %-52s %5.2f MB%s" % (key, size / 1e6, model))
PY
