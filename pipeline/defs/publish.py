"""The report assets: disclosure control over every report table (with its audit as a blocking
check), the HTML report with its figures and run.json, and the publication (disclosure-controlled
CSVs, the workbook, disclosure.json), which is written only when the audit passed."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.ingest import synthetic_manifest
from pipeline.defs.tags import WAREHOUSE
from pipeline.defs.models import report_table_ids
from pipeline.report.publication import check_publication, rules_of, run_disclosure, write_publication
from pipeline.report.render import code_version, read_meta, render_report, write_meta
from pipeline.settings import AlmpSettings

QUALITY = ("dq_unknown_codes", "dq_visitation", "dq_sanctions", "dq_loentimer")


def report_assets(extra: tuple[str, ...] = ()) -> tuple[list, list]:
    tables = [dg.AssetKey(t) for t in report_table_ids(extra)]

    @dg.asset(group_name="report", deps=tables, op_tags=WAREHOUSE,
              description="Disclosure control over every report table at once: primary cells, secondary cells "
                          "chosen by an integer programme over the declared relations, and an audit by linear "
                          "programming (disclosure_suppressed, disclosure_audit).")
    def disclosure(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        rules = rules_of(settings)
        with duckdb.get_connection() as con:
            out = run_disclosure(con, rules, settings.model_folders(), settings.cache())
            cells = out.system.cells
            audit = {"cells_suppressed": len(out.places), "primary": sum(1 for c in out.suppressed if cells[c].primary),
                     "secondary": sum(1 for c in out.suppressed if not cells[c].primary),
                     "relations": len(out.system.relations), "failures": len(out.failures),
                     "failing": ["|".join(map(str, (c[0], *c[1], c[2]))) for c in out.failures[:20]]}
            write_meta(con, disclosure={"tables": out.per_table, "audit": audit})
        return dg.MaterializeResult(metadata={k: v for k, v in audit.items() if k != "failing"})

    @dg.asset_check(asset=disclosure, name="revision_bestaaet", blocking=True, op_tags=WAREHOUSE,
                    description="The audit: no suppressed cell can be narrowed by linear programming (from the shown "
                                "cells and every declared relation) below min_cell persons, or its protection level.")
    def audit_passes(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as con:
            audit = read_meta(con).get("disclosure", {}).get("audit", {})
        return dg.AssetCheckResult(passed=audit.get("failures", 1) == 0,
                                   metadata={"failures": audit.get("failures", -1),
                                             "first": "; ".join(audit.get("failing", [])[:5]) or "none"})

    @dg.asset(group_name="report", deps=[disclosure, *[dg.AssetKey(q) for q in QUALITY]], op_tags=WAREHOUSE,
              description="report/ (the site: index.html, a page per table, udskrift.html), figures/ and run.json "
                          "(published beside reproduced).")
    def report(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            write_meta(con, parameters=settings.parameters(), sql_variables=settings.sql_variables(),
                       synthetic=synthetic_manifest(Path(settings.data_dir)), data_dir=str(settings.data_dir),
                       code_version=code_version())
            path = render_report(con, Path(settings.work_dir), extra=settings.model_folders(), store=settings.cache(),
                                 pages=settings.report_pages)
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path))})

    @dg.asset(group_name="report", deps=[report], op_tags=WAREHOUSE,
              description="publication/<table_id>.csv, report.xlsx and disclosure.json: every report table after "
                          "disclosure control, for release.")
    def publication(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            stats = write_publication(con, Path(settings.work_dir), read_meta(con), rules_of(settings),
                                      settings.model_folders())
            write_meta(con, publication=stats)
        return dg.MaterializeResult(metadata={"tables": len(stats),
                                              "suppressed_cells": sum(v["suppressed_cells"] for v in stats.values())})

    @dg.asset_check(asset=publication, blocking=True, op_tags=WAREHOUSE,
                    description="No published person count describes fewer than min_cell persons (0 or suppressed).")
    def publication_has_no_small_cells(settings: AlmpSettings) -> dg.AssetCheckResult:
        bad = check_publication(Path(settings.work_dir) / "publication", settings.min_cell, settings.model_folders())
        return dg.AssetCheckResult(passed=not bad, metadata={"small_cells": len(bad),
                                                             "first": "; ".join(bad[:5]) or "none"})

    return [disclosure, report, publication], [audit_passes, publication_has_no_small_cells]
