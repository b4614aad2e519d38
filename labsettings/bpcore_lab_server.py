"""The course's Jupyter server default: kernel messages leave for the browser at once.

The server relays each kernel message to the browser over a websocket. Tornado leaves
Nagle's algorithm on for it, so a small message sent while the previous one is still
unacknowledged waits in the server's TCP buffer until the browser acknowledges, and the
browser delays its acknowledgement by up to 40 ms (Linux's minimum delayed-ACK time) when
it has nothing to send back. A slider's answer is several small messages in a row (the
status "busy", the value's echo, the figure's frame, "idle"), so a move could wait for a
delayed ACK (docs/performance.md, "In the browser"). With TCP_NODELAY on the kernel
websockets each message is sent as it comes.

A Jupyter server extension, enabled by ``bpcore-course-server.json`` in
<env>/etc/jupyter/jupyter_server_config.d/ (``jupyter server extension list`` shows it).
"""

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """The server's own kernel websocket connection, with TCP_NODELAY on its socket."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points():
    return [{"module": "bpcore_lab_server"}]


def _load_jupyter_server_extension(serverapp):
    """Use :class:`NoDelayConnection` where the server would use its default connection
    (a gateway's or another configured connection class is left alone)."""
    settings = serverapp.web_app.settings
    if settings.get("kernel_websocket_connection_class") is ZMQChannelsWebsocketConnection:
        settings["kernel_websocket_connection_class"] = NoDelayConnection
        serverapp.kernel_websocket_connection_class = NoDelayConnection
        serverapp.log.info("bpcore_lab_server: kernel websockets send without Nagle's delay")
