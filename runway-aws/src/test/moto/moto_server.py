"""Runs a moto server on 127.0.0.1 for runway's tests.

Prints "ready PORT" once listening (port 0 picks a free one), then serves until its standard input
closes: the test JVM holds the other end of that pipe, so the server ends with the JVM, even when the
JVM is killed with SIGKILL and never runs a shutdown hook.
"""
import os
import sys

from moto.server import ThreadedMotoServer


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print("ready %d" % server.get_host_and_port()[1], flush=True)
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()
