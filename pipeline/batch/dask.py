"""Run extraction on a Dask cluster (``--executor dask [--scheduler ADDRESS]``).

Only extraction is distributed. Inputs are read (and URLs fetched, politely) in
this process, and results come back here to be written and committed; so the
per-host fetch limits hold for the whole cluster, and the state store and the
shards have one writer. Needs the optional extra: ``pip install 'press-extract[dask]'``
on the client and on every worker.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .runner import BatchOptions, Chunk, Result, extract_chunk, warm


def _client(opts: BatchOptions):
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise RuntimeError("the dask executor needs dask.distributed: pip install 'press-extract[dask]'") from e
    if opts.scheduler:
        return Client(opts.scheduler), None
    # One thread per worker process: extraction is CPU-bound Python, threads would share the GIL.
    cluster = LocalCluster(n_workers=max(1, opts.workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def run_on_dask(chunks: Iterable[Chunk], opts: BatchOptions) -> Iterator[list[Result]]:
    """Submit chunks with at most `inflight_per_worker` per worker thread in flight; yield results."""
    from distributed import wait

    client, cluster = _client(opts)
    try:
        client.run(warm, opts.overrides)  # build the spaCy pipeline once on every worker now, not per task
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * opts.inflight_per_worker)
        pending = set()

        def drain(return_when: str) -> Iterator[list[Result]]:
            nonlocal pending
            done, rest = wait(list(pending), return_when=return_when)
            pending = set(rest)
            for f in done:
                yield f.result()
                f.release()

        for chunk in chunks:
            # pure=False: two chunks with equal content are still two tasks; retries cover lost workers.
            pending.add(client.submit(extract_chunk, chunk, opts.overrides, opts.published, pure=False, retries=2))
            if len(pending) >= limit:
                yield from drain("FIRST_COMPLETED")
        while pending:
            yield from drain("FIRST_COMPLETED")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
