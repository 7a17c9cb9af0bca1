"""pytest-httpserver answering canned bytes, the Python reference of Benchmarks/run.

usage: python3 Benchmarks/httpserver_stub.py [--single-threaded]
           --stub METHOD PATH QUERY CONTENT-TYPE BODYFILE [--stub ...]

Starts pytest-httpserver's HTTPServer on 127.0.0.1 and a port the kernel picks, registers one
permanent `expect_request(PATH, method=METHOD, query_string=QUERY)` handler per --stub (QUERY "-"
means: any query) that answers `respond_with_data(<the bytes of BODYFILE>, content_type=...)`,
prints `port N` on stdout and serves until SIGTERM or SIGINT.

The server is threaded (a thread per connection, HTTP/1.1 keep-alive) unless --single-threaded
(pytest-httpserver's default: one request at a time, HTTP/1.0, a connection per request).
Werkzeug's per-request log line is turned off (the sandbox runs --quiet too).
Only 127.0.0.1 is bound.
"""

import argparse
import logging
import signal
import sys
import threading

from pytest_httpserver import HTTPServer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stub", nargs=5, action="append", required=True,
                        metavar=("METHOD", "PATH", "QUERY", "CONTENT_TYPE", "BODYFILE"))
    parser.add_argument("--single-threaded", action="store_true")
    args = parser.parse_args()

    # Werkzeug logs every request to stderr by default; the other servers measured log nothing.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=not args.single_threaded)
    for method, path, query, content_type, body_file in args.stub:
        with open(body_file, "rb") as f:
            body = f.read()
        server.expect_request(path, method=method, query_string=None if query == "-" else query) \
            .respond_with_data(body, content_type=content_type)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    server.start()
    print(f"port {server.port}", flush=True)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
