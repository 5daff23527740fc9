"""Outlook .msg files written by hand for tests: a Compound File (CFB version 3, as [MS-CFB]
describes it) holding the message properties [MS-OXMSG] lays out: Unicode string streams
`__substg1.0_XXXX001F`, binary streams `__substg1.0_XXXX0102`, a fixed-size property stream
with the submit time, and one storage per attachment. Every stream is small, so all of them
live in the mini stream (64-byte sectors), as Outlook stores short properties."""

from __future__ import annotations

import datetime as dt
import struct

SECTOR = 512
MINI = 64
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _filetime(when: dt.datetime) -> int:
    return int((when - dt.datetime(1601, 1, 1)).total_seconds() * 10_000_000)


def _unicode(prop: int, text: str) -> tuple[str, bytes]:
    return f"__substg1.0_{prop:04X}001F", text.encode("utf-16-le")


def make_msg(
    *,
    subject: str,
    body: str,
    sender_name: str,
    sender_email: str,
    to: str,
    sent: dt.datetime,
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """The bytes of an Outlook message; sent is UTC."""
    props = struct.pack("<8sIIII8s", b"", 0, len(attachments), 1, len(attachments), b"")
    props += struct.pack("<HHIQ", 0x0040, 0x0039, 6, _filetime(sent))
    root_streams = [
        _unicode(0x0037, subject),
        _unicode(0x1000, body),
        _unicode(0x0C1A, sender_name),
        _unicode(0x5D01, sender_email),
        _unicode(0x0E04, to),
        ("__properties_version1.0", props),
    ]
    storages = []
    for i, (name, data) in enumerate(attachments):
        storages.append(
            (
                f"__attach_version1.0_#{i:08X}",
                [
                    _unicode(0x3707, name),
                    ("__substg1.0_37010102", data),
                    ("__properties_version1.0", b"\x00" * 8),
                ],
            )
        )
    return _cfb(root_streams, storages)


def _key(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def _cfb(root_streams, storages) -> bytes:
    # Directory entries: (name, type, child list, data)
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "kids": [], "data": b""}]

    def add(name: str, kind: int, data: bytes = b"") -> int:
        entries.append({"name": name, "type": kind, "kids": [], "data": data})
        return len(entries) - 1

    for name, data in root_streams:
        entries[0]["kids"].append(add(name, 2, data))
    for name, streams in storages:
        sid = add(name, 1)
        entries[0]["kids"].append(sid)
        for sname, data in streams:
            entries[sid]["kids"].append(add(sname, 2, data))
    # Mini stream: every stream's data in 64-byte mini sectors.
    mini_fat: list[int] = []
    mini_data = bytearray()
    for e in entries:
        if e["type"] != 2:
            continue
        assert len(e["data"]) < 4096, "a test .msg keeps its streams small"
        n = max(1, -(-len(e["data"]) // MINI))
        e["start"] = len(mini_fat)
        mini_fat.extend(range(e["start"] + 1, e["start"] + n))
        mini_fat.append(END)
        mini_data += e["data"].ljust(n * MINI, b"\x00")
    # Regular sectors: FAT (1), directory, mini FAT, mini stream.
    dir_sectors = -(-len(entries) * 128 // SECTOR)
    minifat_sectors = max(1, -(-len(mini_fat) * 4 // SECTOR))
    ministream_sectors = max(1, -(-len(mini_data) // SECTOR))
    fat: list[int] = [FATSECT]
    first_dir = len(fat)

    def chain(count: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + count))
        fat.append(END)
        return start

    chain(dir_sectors)
    first_minifat = chain(minifat_sectors)
    first_ministream = chain(ministream_sectors)
    assert len(fat) <= SECTOR // 4
    entries[0]["start"] = first_ministream
    entries[0]["data"] = bytes(mini_data)
    # Siblings as a right-leaning chain in CFB order (a valid binary search tree).
    for e in entries:
        e.setdefault("left", NOSTREAM)
        e.setdefault("right", NOSTREAM)
        e["child"] = NOSTREAM
        kids = sorted(e["kids"], key=lambda i: _key(entries[i]["name"]))
        if kids:
            e["child"] = kids[0]
            for a, b in zip(kids, kids[1:]):
                entries[a]["right"] = b
    directory = bytearray()
    for e in entries:
        name = e["name"].encode("utf-16-le") + b"\x00\x00"
        size = len(e["data"]) if e["type"] in (2, 5) else 0
        start = e.get("start", 0) if e["type"] in (2, 5) else 0
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            e["type"],
            1,
            e["left"],
            e["right"],
            e["child"],
            b"",
            0,
            0,
            0,
            start,
            size,
        )
    directory = bytes(directory).ljust(dir_sectors * SECTOR, b"\x00")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"",
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        b"",
        0,
        1,
        first_dir,
        0,
        0x1000,
        first_minifat,
        minifat_sectors,
        END,
        0,
    )
    header += struct.pack("<I", 0) + struct.pack("<108I", *([FREE] * 108))
    fat_bytes = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREE] * (SECTOR // 4 - len(fat))))
    minifat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(minifat_sectors * SECTOR, b"\xff")
    return (
        header
        + fat_bytes
        + directory
        + minifat_bytes
        + bytes(mini_data).ljust(ministream_sectors * SECTOR, b"\x00")
    )
