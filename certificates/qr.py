"""The verification QR code, with segno's data-mask choice computed on whole rows instead of module by module.

segno picks the data mask as ISO/IEC 18004 asks: apply each of the 8 masks, score each result (N1 runs, N2 blocks,
N3 finder-like patterns, N4 dark share), keep the lowest. It does this with a Python call per module and per mask:
about half of the ~4 ms a certificate's QR code took (of ~35 ms of CPU per certificate). `_best_mask` computes the
same choice and the same matrix with row-wide integer XORs, bit masks, a regular expression and bytes.find; a test
checks it against segno's own function on many inputs, and segno's function still handles Micro QR codes,
proposed masks and anything unexpected.
"""

import re
from functools import cache

_RUNS = re.compile(rb"\x00{5,}|\x01{5,}")  # N1: five or more equal modules in a line
_N3 = bytes((1, 0, 1, 1, 1, 0, 1))
_BITS = bytes.maketrans(b"\x00\x01", b"01")


def qr_data_uri(url: str) -> str:
    """One pixel per module, drawn unsmoothed (image-rendering: pixelated): as sharp as a vector QR code, and a
    fraction of the cost of WeasyPrint drawing an SVG path of a thousand segments on every certificate."""
    import segno

    _install()
    return segno.make(url, error="m").png_data_uri(scale=1, border=2)


@cache
def _install() -> None:
    """Route segno's mask choice through `_best_mask` (same result, checked by tests), once per process."""
    from segno import encoder

    original = encoder.find_and_apply_best_mask

    def find_and_apply_best_mask(matrix, width, height, proposed_mask=None):
        if proposed_mask is None and width == height and width >= 21:
            found = _best_mask(matrix, width)
            if found is not None:
                return found
        return original(matrix, width, height, proposed_mask)

    find_and_apply_best_mask.segno_original = original
    encoder.find_and_apply_best_mask = find_and_apply_best_mask


@cache
def _mask_rows(size: int) -> tuple[tuple[int, ...], ...]:
    """For each of the 8 masks, per row, the XOR to apply as a big-endian integer of bytes (0 outside the data)."""
    from segno import encoder

    function = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function, size, size)
    encoder.add_alignment_patterns(function, size, size)
    function[-8][8] = 0x1  # the dark module is not data
    masks = []
    for pattern in encoder.get_data_mask_functions(False):
        masks.append(
            tuple(
                int.from_bytes(bytes(int(function[i][j] > 0x1 and pattern(i, j)) for j in range(size)), "big")
                for i in range(size)
            )
        )
    return tuple(masks)


def _n3(lines: bytes, size: int) -> int:
    """segno's N3 count over rows and columns joined by a separator (the same search per line, so the same quirks)."""
    count = 0
    index = lines.find(_N3)
    while index != -1:
        start = index - index % (size + 1)  # where this line begins
        local = index - start
        offset = local + 7
        line = lines[start : start + size]
        if local in (0, size - 7) or 1 not in line[max(local - 4, 0) : local] or 1 not in line[offset : offset + 4]:
            count += 40
        else:
            offset = local + 4
        index = lines.find(_N3, start + offset)
    return count


def _penalty(rows: list[bytes], size: int) -> int | None:
    """N1 + N2 + N3 + N4 as segno's mask_scores sums them; None if a module is not 0 or 1."""
    try:
        bits = [int(row.translate(_BITS), 2) for row in rows]
    except ValueError:
        return None
    lines = b"\x02".join((*rows, *map(bytes, zip(*rows, strict=True))))
    rest, runs = _RUNS.subn(b"", lines)
    score = len(lines) - len(rest) - 2 * runs + _n3(lines, size)  # N1: each run of n scores n - 2
    pairs = (1 << (size - 1)) - 1  # columns 1..size-1: a module and its left neighbour
    blocks = 0
    for above, below in zip(bits, bits[1:], strict=False):
        blocks += (~(above ^ (above >> 1)) & ~(below ^ (below >> 1)) & ~(above ^ below) & pairs).bit_count()
    dark = lines.count(1) // 2  # every module is in one row and one column
    percent = float(dark) / (size**2)
    return score + 3 * blocks + 10 * int(abs(percent * 100 - 50) / 5)


def _best_mask(matrix, size: int):
    """(mask, masked matrix) exactly as segno's find_and_apply_best_mask returns them, or None to let segno do it."""
    start = [int.from_bytes(row, "big") for row in matrix]
    best = None
    for number, xors in enumerate(_mask_rows(size)):
        rows = [(value ^ xor).to_bytes(size, "big") for value, xor in zip(start, xors, strict=True)]
        score = _penalty(rows, size)
        if score is None:
            return None
        if best is None or score < best[0]:
            best = (score, number, rows)
    _score, number, rows = best
    return number, tuple(bytearray(row) for row in rows)
