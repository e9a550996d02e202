"""Child process of the crash test: edits one node through the services for ever, printing the
number of every edit once its transaction has committed."""

import sys

from hgdesk import services
from hgdesk.db import Database

db = Database(sys.argv[1], upgrade=False)
node_id = int(sys.argv[2])
i = int(sys.argv[3])
while True:
    i += 1
    services.edit_node(db, node_id, text=str(i))
    print(i, flush=True)
