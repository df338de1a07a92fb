#!/usr/bin/env python3
"""A CodePipeline and S3 of one job, on 127.0.0.1, for the README's worker quick start.

It describes one custom action type, Build/Custom/DemoMaven/1, with no secret configuration property (ListActionTypes)
and hands out one job of it (PollForJobs, AcknowledgeJob, GetJobDetails: the JSON 1.1 protocol of CodePipeline), whose input artifact is a zip of the demo project (demo/pom.xml and demo/src),
served as S3 serves an object (GetObject, path-style). It prints each call it gets and the job's result
(PutJobSuccessResult or PutJobFailureResult), and exits after the result. Standard library only.

    python3 demo/worker/local-codepipeline.py            # listens on 127.0.0.1:8787
    python3 demo/worker/local-codepipeline.py --port 0   # a free port, printed on the first line

It checks no signature (any credentials do) and is no model of the service: the integration tests use a strict one.
"""
import argparse
import http.server
import io
import json
import os
import sys
import threading
import zipfile

JOB_ID = "22222222-3333-4444-8555-666666666666"
ACTION_TYPE = {"category": "Build", "owner": "Custom", "provider": "DemoMaven", "version": "1"}
BUCKET, KEY = "demo-artifact-store", "demo-pipeline/Source/sources.zip"


def sources_zip(project):
    """The demo project's pom.xml and src/, zipped as a source action would hand them over."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(os.path.join(project, "pom.xml"), "pom.xml")
        for folder, _, files in sorted(os.walk(os.path.join(project, "src"))):
            for name in sorted(files):
                path = os.path.join(folder, name)
                archive.write(path, os.path.relpath(path, project))
    return buffer.getvalue()


def job_data():
    return {
        "actionTypeId": ACTION_TYPE,
        "actionConfiguration": {"configuration": {}},
        "pipelineContext": {"pipelineName": "demo-pipeline", "stage": {"name": "Build"},
                            "action": {"name": "Maven"}},
        "inputArtifacts": [{"name": "Source", "revision": "demo-revision-1",
                            "location": {"type": "S3", "s3Location": {"bucketName": BUCKET, "objectKey": KEY}}}],
        "outputArtifacts": [],
        "artifactCredentials": {"accessKeyId": "ASIADEMO0000000000001", "secretAccessKey": "demo-artifact-secret",
                                "sessionToken": "demo-artifact-session-token"},
    }


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, archive):
        super().__init__(("127.0.0.1", port), Handler)
        self.archive = archive
        self.polled = False
        self.lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/x-amz-json-1.1"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message):
        self.answer(status, json.dumps({"__type": code, "message": message}).encode())

    def do_GET(self):  # S3 GetObject, path-style: /bucket/key
        if self.path.split("?")[0] == "/" + BUCKET + "/" + KEY:
            say("S3 GetObject s3://%s/%s (%d bytes)" % (BUCKET, KEY, len(self.server.archive)))
            self.answer(200, self.server.archive, "application/zip")
        else:
            body = b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>No such key</Message></Error>"
            self.answer(404, body, "application/xml")

    def do_POST(self):  # CodePipeline, JSON 1.1: X-Amz-Target: CodePipeline_20150709.<Operation>
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        operation = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
        if operation == "PollForJobs":
            with self.server.lock:
                give = body.get("actionTypeId") == ACTION_TYPE and not self.server.polled
                self.server.polled = self.server.polled or give
            if give:
                say("PollForJobs: job %s" % JOB_ID)
                jobs = [{"id": JOB_ID, "data": job_data(), "nonce": "1", "accountId": "123456789012"}]
            else:
                jobs = []
            self.answer(200, json.dumps({"jobs": jobs}).encode())
        elif operation == "ListActionTypes":  # the worker asks which configuration values are secret, once
            say("ListActionTypes")
            action_type = {"id": ACTION_TYPE, "actionConfigurationProperties": [],
                           "inputArtifactDetails": {"minimumCount": 1, "maximumCount": 1},
                           "outputArtifactDetails": {"minimumCount": 0, "maximumCount": 0}}
            self.answer(200, json.dumps({"actionTypes": [action_type]}).encode())
        elif body.get("jobId") != JOB_ID:
            self.error(400, "JobNotFoundException", "No job with ID %s" % body.get("jobId"))
        elif operation == "AcknowledgeJob":
            say("AcknowledgeJob")
            self.answer(200, json.dumps({"status": "InProgress"}).encode())
        elif operation == "GetJobDetails":
            say("GetJobDetails")
            details = {"id": JOB_ID, "data": job_data(), "accountId": "123456789012"}
            self.answer(200, json.dumps({"jobDetails": details}).encode())
        elif operation in ("PutJobSuccessResult", "PutJobFailureResult"):
            self.answer(200, b"{}")
            if operation == "PutJobFailureResult":
                failure = body.get("failureDetails", {})
                say("PutJobFailureResult: %s" % failure.get("type"))
                for line in failure.get("message", "").splitlines():
                    say("  | " + line)
            else:
                say("PutJobSuccessResult: output variables %s" % json.dumps(body.get("outputVariables", {})))
            threading.Thread(target=self.server.shutdown).start()
        else:
            self.error(400, "UnknownOperationException", "Not served here: %s" % operation)


def say(line):
    print("local CodePipeline: " + line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--project", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                        help="the project zipped as the job's input artifact (default: demo/)")
    args = parser.parse_args()
    server = Server(args.port, sources_zip(args.project))
    say("listening on http://127.0.0.1:%d, one job of Build/Custom/DemoMaven/1" % server.server_address[1])
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
