"""The row loop shared by the streaming XLSX and ODS writers (reports.xlsx, reports.ods): rows become XML in
batches written to the compressed stream, with the sheet's row limit and progress."""

from collections.abc import Callable, Iterable, Sequence

WRITE_ROWS = 500  # rows joined per write to the compressed stream


def write_rows(
    stream,
    rows: Iterable[Sequence[str]],
    row_xml: Callable[[int, Sequence[str]], str],
    *,
    max_rows: int,
    kind: str,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 2000,
) -> int:
    """Write row_xml(count, values) for each row (count from 1, below the header); returns the count.

    max_rows counts the header too; more rows than that is an error, not a silent cut.
    """
    count = 0
    pending = []
    for count, values in enumerate(rows, start=1):  # noqa: B007 -- count is the result
        if count + 1 > max_rows:
            raise ValueError(f"an {kind} sheet holds at most {max_rows - 1} rows below its header")
        pending.append(row_xml(count, values))
        if len(pending) == WRITE_ROWS:
            stream.write("".join(pending).encode("utf-8"))
            pending.clear()
        if progress is not None and count % progress_every == 0:
            progress(count)
    stream.write("".join(pending).encode("utf-8"))
    return count
