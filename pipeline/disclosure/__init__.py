"""Disclosure control for the publication outputs (docs/METODE.md, "Diskretionering").

Register data may leave the secure environment only as tables from which no cell
describing fewer than `min_cell` persons can be read or derived. `spec` reads what each
table declares (the kind of each column, its linear relations, the space its cells share
with other tables), `cells` turns the tables into one system of cells and relations,
`solve` chooses secondary cells and audits the result by linear programming, and
`control` runs the whole and says what each table shows.
"""

from pipeline.disclosure.cells import Table
from pipeline.disclosure.control import SUPPRESSED, Outcome, Rules, protect, published_rows

__all__ = ["SUPPRESSED", "Outcome", "Rules", "Table", "protect", "published_rows"]
