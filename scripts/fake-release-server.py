#!/usr/bin/env python3
"""A fake GitHub release host for scripts/test-action.sh, on 127.0.0.1 only.

Usage: fake-release-server.py ROOT PORT_FILE LOG_FILE

Serves the files under ROOT (`releases/download/vX.Y.Z/ASSET`), answers
`/releases/latest` with a redirect to `/releases/tag/v<the content of ROOT/latest>` as GitHub
does, writes the port it listens on to PORT_FILE and each request path to LOG_FILE. Stops by
itself after 10 minutes.
"""

import http.server
import os
import sys
import threading

root, port_file, log_file = sys.argv[1:4]


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)

    def do_GET(self):
        with open(log_file, "a", encoding="utf-8") as f:
            f.write(self.path + "\n")
        if self.path.rstrip("/") == "/releases/latest":
            latest = os.path.join(root, "latest")
            if not os.path.exists(latest):
                self.send_error(404)
                return
            with open(latest, encoding="utf-8") as f:
                tag = f.read().strip()
            self.send_response(302)
            self.send_header("Location", f"/releases/tag/v{tag}")
            self.end_headers()
            return
        if self.path.startswith("/releases/tag/"):
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w", encoding="utf-8") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
threading.Timer(600, server.shutdown).start()
server.serve_forever()
