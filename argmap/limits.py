"""The limits argmap holds to, in one place: what each bounds, why, and how to raise it.

Light to import (the command line reads them for its help).
"""

LAYOUT_LIMIT = 15_000
"""The most nodes and edges ``render`` gives Graphviz to lay out in one drawing (``--layout-limit``).

Measured on a 2-core machine with Graphviz 2.43, generated maps without
groups: 2,000 statements (5,600 nodes and edges) 3.5 s, 5,000 statements
(13,900) 29 s; the time grows about as the square of the size, so 10,000
statements would take minutes. Past the limit, a part of the map is drawn
instead (``--view``), or the limit is raised."""
