"""Read and rewrite the VBA project of an Office file (vbaProject.bin) without Office, for scripts/build_addin.py.

- MS-OVBA 2.4.1: the compression of VBA source and of the `dir` stream (`compress`, `decompress`).
- MS-OVBA 2.3.4.2: the records of the `dir` stream (`dir_records`): module names and where each module's source
  starts in its stream (MODULEOFFSET, after an optional compiled cache).
- MS-CFB: the compound file holding the streams. olefile reads it; olefile cannot change a stream's size, so
  `write_cfb` writes a whole new compound file (version 3, 512-byte sectors) from the streams.

`replace_module_source` puts new source into one module and keeps everything else: the other streams byte for
byte, the `dir` stream except that module's MODULEOFFSET, which becomes 0 (source only, no compiled cache: what
xlwings' own build writes for its `xlwings` module). With `_VBA_PROJECT` at version 0xFFFF, as in xlwings'
templates, Excel compiles the project from its source when it opens the file (MS-OVBA 2.3.4.1).
"""

from __future__ import annotations

import struct

CHUNK = 4096
NOSTREAM, ENDOFCHAIN, FATSECT, FREESECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MODULE_NAME, MODULE_OFFSET, PROJECT_VERSION = 0x0019, 0x0031, 0x0009


# ---------------------------------------------------------------- MS-OVBA compression


def decompress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 decompression of a compressed container."""
    if not data or data[0] != 1:
        raise ValueError("not a VBA compressed container")
    out, pos = bytearray(), 1
    while pos < len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        pos += 2
        end, start = pos + (header & 0x0FFF) + 1, len(out)
        if not header & 0x8000:  # an uncompressed chunk: 4096 bytes as they are
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end and pos < len(data):
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bits = max((len(out) - start - 1).bit_length(), 4)
                offset, length = (token >> (16 - bits)) + 1, (token & (0xFFFF >> bits)) + 3
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    """The tokens of one chunk (MS-OVBA 2.4.1.3.7-2.4.1.3.19): literals, and copy tokens for the longest earlier
    match of at least 3 bytes (nearest first; overlapping copies allowed, as the decompressor copies byte by byte)."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions
    pos = indexed = 0
    while pos < len(chunk):
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            while indexed < pos:
                seen.setdefault(chunk[indexed:indexed + 3], []).append(indexed)
                indexed += 1
            bits = max((pos - 1).bit_length(), 4)
            max_length = (0xFFFF >> bits) + 3
            best_len, best_off = 0, 0
            for candidate in reversed(seen.get(chunk[pos:pos + 3], ())):
                n = 0
                while n < max_length and pos + n < len(chunk) and chunk[candidate + n] == chunk[pos + n]:
                    n += 1
                if n > best_len:
                    best_len, best_off = n, pos - candidate
                    if n == max_length:
                        break
            if best_len >= 3:
                out += struct.pack("<H", ((best_off - 1) << (16 - bits)) | (best_len - 3))
                flags |= 1 << bit
                pos += best_len
            else:
                out.append(chunk[pos])
                pos += 1
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 compression: a compressed container, chunk by chunk (a full chunk that would not shrink is
    stored as it is)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        body = _compress_chunk(chunk)
        if len(body) <= CHUNK:  # chunk size (body + 2-byte header) at most 4098; the header holds size - 3
            out += struct.pack("<H", 0xB000 | (len(body) - 1)) + body
        elif len(chunk) == CHUNK:
            out += struct.pack("<H", 0x3000 | 0x0FFF) + chunk
        else:
            raise ValueError("a last chunk that does not compress cannot be stored")
    return bytes(out)


# ---------------------------------------------------------------- the dir stream


def dir_records(directory: bytes) -> list[tuple[int, int, int]]:
    """(record id, start of its data, size) for each record of a decompressed `dir` stream."""
    out, pos = [], 0
    while pos + 6 <= len(directory):
        rec, size = struct.unpack_from("<HI", directory, pos)
        pos += 6
        if rec == PROJECT_VERSION:  # its size field says 4, its data is 6 bytes (MS-OVBA 2.3.4.2.1.11)
            size = 6
        out.append((rec, pos, size))
        pos += size
    return out


def module_offsets(directory: bytes) -> dict[str, tuple[int, int]]:
    """Module name -> (MODULEOFFSET value, position of that value in the decompressed `dir` stream)."""
    current, out = None, {}
    for rec, start, size in dir_records(directory):
        if rec == MODULE_NAME:
            current = directory[start:start + size].decode("latin-1")
        elif rec == MODULE_OFFSET and current is not None:
            out[current] = (struct.unpack_from("<I", directory, start)[0], start)
    return out


def module_source(streams: dict[str, bytes], module: str) -> str:
    """The VBA source of one module, from the project's streams ("VBA/dir", "VBA/<module>")."""
    offsets = module_offsets(decompress(streams["VBA/dir"]))
    if module not in offsets:
        raise KeyError(f"no VBA module {module}")
    return decompress(streams[f"VBA/{module}"][offsets[module][0]:]).decode("cp1252")


def replace_module_source(streams: dict[str, bytes], module: str, source: str) -> dict[str, bytes]:
    """The streams with `module`'s source replaced (source only: MODULEOFFSET 0, no compiled cache)."""
    directory = bytearray(decompress(streams["VBA/dir"]))
    offsets = module_offsets(bytes(directory))
    if module not in offsets:
        raise KeyError(f"no VBA module {module}")
    struct.pack_into("<I", directory, offsets[module][1], 0)
    return {**streams, "VBA/dir": compress(bytes(directory)), f"VBA/{module}": compress(source.encode("cp1252"))}


# ---------------------------------------------------------------- the compound file


def read_cfb(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file by its path ("VBA/dir"), read with olefile."""
    import olefile

    ole = olefile.OleFileIO(data)
    try:
        return {"/".join(path): ole.openstream(path).read() for path in ole.listdir(streams=True, storages=False)}
    finally:
        ole.close()


def _cfb_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4: siblings are ordered by name length, then by upper-cased name."""
    return len(name), name.upper()


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i + 1 < count else ENDOFCHAIN


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file (MS-CFB version 3) holding `streams` ({"VBA/dir": bytes, "PROJECT": bytes, …}); the
    storages are the streams' folders. Siblings are chained through their right links in name order and all black,
    the same tree shape as in xlwings' own template. Streams under 4096 bytes go into the mini stream."""
    # directory entries: the root, then each storage followed by its children
    tree: dict[str, dict] = {}
    for path in streams:
        node = tree
        for part in path.split("/")[:-1]:
            node = node.setdefault(part, {})
        node[path.split("/")[-1]] = path
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "child": NOSTREAM, "right": NOSTREAM}]

    def add(children: dict, parent: int) -> None:
        ids = []
        for name in sorted(children, key=_cfb_key):
            value = children[name]
            entries.append({"name": name, "type": 1 if isinstance(value, dict) else 2, "child": NOSTREAM,
                            "right": NOSTREAM, "path": None if isinstance(value, dict) else value})
            ids.append(len(entries) - 1)
        for a, b in zip(ids, ids[1:], strict=False):
            entries[a]["right"] = b
        entries[parent]["child"] = ids[0] if ids else NOSTREAM
        for i, name in zip(ids, sorted(children, key=_cfb_key), strict=True):
            if isinstance(children[name], dict):
                add(children[name], i)

    add(tree, 0)
    for e in entries:
        if len(e["name"]) > 31:
            raise ValueError(f"name too long for a compound file: {e['name']}")

    def sectors(n: int, size: int) -> int:
        return -(-n // size)

    # mini stream: the small streams, 64-byte mini sectors
    mini, minifat = bytearray(), []
    big: list[dict] = []
    for e in entries:
        if e["type"] != 2:
            continue
        data = streams[e["path"]]
        e["size"] = len(data)
        if len(data) < MINI_CUTOFF:
            first, count = len(mini) // MINI_SECTOR, sectors(len(data), MINI_SECTOR)
            e["start"] = first if data else ENDOFCHAIN
            minifat += [0] * count
            _chain(minifat, first, count)
            mini += data + bytes(count * MINI_SECTOR - len(data))
        else:
            big.append(e)
    # sector layout: big streams, mini stream, mini FAT, directory, FAT
    body, fat_entries = bytearray(), []

    def place(data: bytes) -> int:
        first, count = len(body) // SECTOR, sectors(len(data), SECTOR)
        body.extend(data + bytes(count * SECTOR - len(data)))
        fat_entries.extend([0] * count)
        _chain(fat_entries, first, count)
        return first if count else ENDOFCHAIN

    for e in big:
        e["start"] = place(streams[e["path"]])
    root_start = place(bytes(mini))
    entries[0]["start"], entries[0]["size"] = root_start, len(mini)
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_bytes += struct.pack("<I", FREESECT) * (-len(minifat) % (SECTOR // 4))
    minifat_start = place(minifat_bytes)
    n_minifat = sectors(len(minifat_bytes), SECTOR)
    directory = b"".join(_dir_entry(e) for e in entries)
    directory += _dir_entry(None) * (-len(entries) % (SECTOR // 128))
    dir_start = place(directory)
    n_fat = 1
    while sectors(len(fat_entries) + n_fat, SECTOR // 4) > n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only FAT list")
    fat_start = len(fat_entries)
    fat_entries += [FATSECT] * n_fat
    fat_entries += [FREESECT] * (n_fat * SECTOR // 4 - len(fat_entries))
    body += b"".join(struct.pack("<I", v) for v in fat_entries)
    header = bytearray(CFB_MAGIC + bytes(16))
    header += struct.pack("<HHHHH6sIIIIIIIII", 0x003E, 0x0003, 0xFFFE, 9, 6, bytes(6), 0, n_fat, dir_start, 0,
                          MINI_CUTOFF, minifat_start if n_minifat else ENDOFCHAIN, n_minifat, ENDOFCHAIN, 0)
    header += b"".join(struct.pack("<I", fat_start + i if i < n_fat else FREESECT) for i in range(109))
    assert len(header) == SECTOR
    return bytes(header + body)


def _dir_entry(e: dict | None) -> bytes:
    """One 128-byte directory entry (an unused one for None). CLSIDs, state bits and times are zero, as in
    xlwings' template."""
    if e is None:
        return bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + bytes(16 + 4 + 16) + \
            struct.pack("<IQ", 0, 0)
    name = e["name"].encode("utf-16-le") + b"\x00\x00"
    return (name + bytes(64 - len(name))
            + struct.pack("<HBBIII", len(name), e["type"], 1, NOSTREAM, e["right"], e["child"])
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", e.get("start", 0) if e["type"] != 1 else 0, e.get("size", 0)))
