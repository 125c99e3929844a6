"""pyftpdlib FTPS server for Sluice's test harness (test/support/servers/pyftpdlib.ts).

Usage: /usr/bin/python3 pyftpdlib_server.py CONFIG.json
Runs in the foreground until killed. Explicit TLS only (AUTH TLS and AUTH SSL).
"""
import json
import logging
import sys

from OpenSSL import SSL
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer

VERSIONS = {"1.2": SSL.TLS1_2_VERSION, "1.3": SSL.TLS1_3_VERSION}


def ssl_context(cfg):
    ctx = SSL.Context(SSL.TLS_SERVER_METHOD)
    ctx.set_options(SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3 | SSL.OP_NO_COMPRESSION)
    pinned = cfg.get("tlsVersion")
    ctx.set_min_proto_version(VERSIONS[pinned] if pinned else SSL.TLS1_2_VERSION)
    ctx.set_max_proto_version(VERSIONS[pinned] if pinned else SSL.TLS1_3_VERSION)
    ctx.use_certificate_chain_file(cfg["certFile"])
    ctx.use_privatekey_file(cfg["keyFile"])
    # A session id context lets clients resume the control session on data connections.
    ctx.set_session_id(b"sluice-pyftpdlib")
    if cfg["requireClientCert"]:
        ctx.load_verify_locations(cfg["caFile"])
        ctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT,
                       lambda _conn, _cert, _errno, _depth, ok: bool(ok))
    return ctx


class DTPHandler(TLS_DTPHandler):
    """pyftpdlib 1.5.7 closes a data connection whose TLS handshake starts before the
    transfer command arrives (curl does exactly that): DTPHandler.readable() is False
    then. Fixed upstream in pyftpdlib PR #612 (issue #604); backported here."""

    def readable(self):
        return self._ssl_accepting or super().readable()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cfg = json.load(f)
    logging.basicConfig(filename=cfg["log"], level=logging.DEBUG,
                        format="%(asctime)s %(levelname)s %(message)s")

    authorizer = DummyAuthorizer()
    # e l r a d f m w M T: every read and write permission.
    authorizer.add_user(cfg["user"], cfg["password"], cfg["root"], perm="elradfmwMT")

    class Handler(TLS_FTPHandler):
        pass

    Handler.authorizer = authorizer
    Handler.dtp_handler = DTPHandler
    Handler.ssl_context = ssl_context(cfg)
    Handler.tls_control_required = True
    Handler.tls_data_required = not cfg["allowProtC"]
    if cfg.get("passivePorts"):
        Handler.passive_ports = range(cfg["passivePorts"]["min"], cfg["passivePorts"]["max"] + 1)

    server = FTPServer(("127.0.0.1", cfg["port"]), Handler)
    server.max_cons = 50
    server.serve_forever()


if __name__ == "__main__":
    main()
