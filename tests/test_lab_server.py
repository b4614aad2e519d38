"""The course's Jupyter server default (labsettings/bpcore_lab_server.py): the kernel
websockets of the server a student starts send without Nagle's delay (TCP_NODELAY)."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("jupyter_server")
import bpcore_lab_server  # noqa: E402  (installed by requirements.txt, from labsettings/)
from jupyter_server.services.kernels.connection.channels import (  # noqa: E402
    ZMQChannelsWebsocketConnection,
)

SHOW_CLASS = """
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(argv=["--no-browser", "--port=0"])
cls = app.web_app.settings["kernel_websocket_connection_class"]
print(cls.__module__ + "." + cls.__name__)
"""


def test_a_students_server_uses_the_no_delay_connection(tmp_path):
    # as the README's first command runs it: an empty home, no JUPYTER_* variables, only
    # what installing requirements.txt put in place
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["HOME"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-c", SHOW_CLASS], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == "bpcore_lab_server.NoDelayConnection", out.stderr


class _Handler:
    """Records what the connection asks of its websocket."""

    def __init__(self):
        self.calls = []

    def set_nodelay(self, value):
        self.calls.append(("set_nodelay", value))


def test_connect_sets_nodelay_before_the_server_connects(monkeypatch):
    handler = _Handler()
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect",
                        lambda self: handler.calls.append(("connect",)) or "future")
    connection = object.__new__(bpcore_lab_server.NoDelayConnection)
    connection._trait_values = {"websocket_handler": handler}
    assert connection.connect() == "future"
    assert handler.calls == [("set_nodelay", True), ("connect",)]


def test_another_configured_connection_class_is_left_alone():
    class Gateway(ZMQChannelsWebsocketConnection):
        pass

    class App:
        class web_app:  # noqa: N801  (the attribute name of jupyter_server's ServerApp)
            settings = {"kernel_websocket_connection_class": Gateway}
        kernel_websocket_connection_class = Gateway

    bpcore_lab_server._load_jupyter_server_extension(App)
    assert App.web_app.settings["kernel_websocket_connection_class"] is Gateway
    assert App.kernel_websocket_connection_class is Gateway
