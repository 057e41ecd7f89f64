"""Batch runs at archive scale: incremental, resumable, parallel (local processes or Dask).

Entry point: :func:`run_batch` (the ``press-extract run`` command). See docs/batch.md.
"""
from .runner import BatchOptions, RunStats, run_batch
from .shards import iter_records

__all__ = ["BatchOptions", "RunStats", "run_batch", "iter_records"]
