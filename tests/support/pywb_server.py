"""Run pywb on 127.0.0.1, port chosen by the OS, and print the port once it accepts connections.

Run with the Python of the environment pywb is installed in (it needs gevent), from the
directory that holds ``collections/``. ``wayback -p`` cannot take port 0 and logs its start
line before binding, so tests could not wait on it reliably.
"""

from gevent.monkey import patch_all

patch_all()

from gevent.pywsgi import WSGIServer  # noqa: E402
from pywb.apps.frontendapp import FrontEndApp  # noqa: E402

server = WSGIServer(("127.0.0.1", 0), FrontEndApp(), log=None)
server.start()                      # bound and listening from here on
print("PYWB-PORT", server.server_port, flush=True)
server.serve_forever()
