"""Linux bundle: a smaller ICU data library (libicudata.so.NN, 32 MB in PySide6's wheel).

Qt uses ICU for four things (the ICU functions libQt6Core imports): collation
(ucol_*: QCollator, file dialogs sorting names), case mapping (u_strToUpper/Lower:
data compiled into libicuuc), time zones (ucal_*: zoneinfo64.res and friends) and
legacy text codecs (ucnv_*: QStringConverter for encodings it does not know itself).
IPC Scope reads and writes UTF-8 only.  So the bundle keeps ICU's collation tree, the
locale, time zone and normalization data, the converter alias table, and drops what
nothing in Qt reaches: break iterators, units, currency / language / region / zone
display names, transliteration, number spelling, and the legacy converter tables.
That is ~8 MB instead of ~32.

libicudata is nothing but one exported symbol, `icudtNN_dat`, holding an ICU "common
data" package (a table of contents, then the items).  This module reads that package
out of the wheel's library, writes a new package with the kept items, and wraps it in
a minimal ELF shared object with the same soname and symbol -- in Python, so building
the bundle needs no C toolchain.  Anything unexpected: it returns None and the spec
keeps the original library.

    python packaging/trim_icu.py SRC DEST      (the spec calls trimmed_icudata())
"""
from __future__ import annotations

import os
import re
import struct
import sys

# Kept: the collation tree, top-level items (locale .res, zoneinfo64, normalization,
# cnvalias.icu, ...) except the legacy converter tables.
DROPPED_TREES = ("brkitr", "unit", "zone", "curr", "lang", "region", "translit", "rbnf")
DROPPED_SUFFIXES = (".cnv",)
ITEM_ALIGN = 16
PAGE = 0x1000


class NotICU(Exception):
    pass


# --- reading the wheel's library -------------------------------------------------------

def _read_package(lib: bytes) -> tuple[str, bytes]:
    """(symbol name, package bytes) of the one icudtNN_dat symbol in an ELF .so."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise NotICU("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize)
                for i in range(shnum)]
    phoff, = struct.unpack_from("<Q", lib, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", lib, 0x36)
    loads = [struct.unpack_from("<IIQQQQQQ", lib, phoff + i * phentsize) for i in range(phnum)]
    for sh in sections:
        if sh[1] != 11:                          # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]
        for i in range(sh[5] // 24):
            name_off, info, _, shndx, value, size = struct.unpack_from(
                "<IBBHQQ", lib, sh[4] + i * 24)
            start = strtab[4] + name_off
            name = lib[start:lib.index(b"\0", start)].decode("ascii", "replace")
            if re.fullmatch(r"icudt\d+_dat", name) and shndx != 0:
                for p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ in loads:
                    if p_type == 1 and p_vaddr <= value < p_vaddr + p_filesz:
                        offset = value - p_vaddr + p_offset
                        return name, lib[offset:offset + size]
    raise NotICU("no icudtNN_dat symbol")


def _items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(name, data)...]) of an ICU common data package (little-endian)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise NotICU("not an ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        start = toc + name_off
        name = package[start:package.index(b"\0", start)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(package)
        items.append((name, package[toc + data_off:end]))
    return package[:header_size], items


def keep(name: str) -> bool:
    parts = name.split("/")            # icudt73l/coll/zh.res, icudt73l/zh.res
    if len(parts) > 2 and parts[1] in DROPPED_TREES:
        return False
    return not name.endswith(DROPPED_SUFFIXES)


def _package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b""
    name_offsets = []
    toc_size = 4 + 8 * len(items)
    for name, _ in items:
        name_offsets.append(toc_size + len(names))
        names += name.encode("ascii") + b"\0"
    body = names
    data_offsets = []
    for _, data in items:
        body += b"\0" * (-(toc_size + len(body) + len(header)) % ITEM_ALIGN)
        data_offsets.append(toc_size + len(body))
        body += data
    toc = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets))
    return header + toc + body


# --- writing a minimal shared object --------------------------------------------------

def _elf_so(soname: str, symbol: str, data: bytes) -> bytes:
    """An x86-64 ELF shared object exporting `symbol` (an object holding `data`), with
    one read-write PT_LOAD, a dynamic section, a SysV hash table and section headers."""
    dynstr = b"\0" + soname.encode() + b"\0" + symbol.encode() + b"\0"
    soname_off, symbol_off = 1, 2 + len(soname)
    shstr_names = ["", ".hash", ".dynsym", ".dynstr", ".rodata", ".dynamic", ".shstrtab"]
    shstrtab = b"\0".join(n.encode() for n in shstr_names) + b"\0"

    def name_at(n):
        return shstrtab.index(n.encode() + b"\0") if n else 0

    ehdr_size, phdr_size, n_ph = 64, 56, 3
    off_hash = ehdr_size + phdr_size * n_ph
    hash_tab = struct.pack("<IIIII", 1, 2, 1, 0, 0)      # 1 bucket -> symbol 1; 2 chains
    off_dynsym = _align(off_hash + len(hash_tab), 8)
    off_dynstr = off_dynsym + 48
    off_data = _align(off_dynstr + len(dynstr), PAGE)
    off_dynamic = _align(off_data + len(data), 16)
    dynamic = b"".join(struct.pack("<qQ", tag, value) for tag, value in (
        (4, off_hash), (5, off_dynstr), (6, off_dynsym), (10, len(dynstr)), (11, 24),
        (14, soname_off), (0, 0)))
    end_loaded = off_dynamic + len(dynamic)
    off_shstrtab = end_loaded
    off_shdrs = _align(off_shstrtab + len(shstrtab), 8)
    rodata_index = 4
    dynsym = bytes(24) + struct.pack("<IBBHQQ", symbol_off, 0x11, 0, rodata_index,
                                     off_data, len(data))   # GLOBAL OBJECT

    ehdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8) + struct.pack(
        "<HHIQQQIHHHHHH", 3, 62, 1, 0, ehdr_size, off_shdrs, 0, ehdr_size, phdr_size,
        n_ph, 64, len(shstr_names), len(shstr_names) - 1)
    phdrs = (struct.pack("<IIQQQQQQ", 1, 6, 0, 0, 0, end_loaded, end_loaded, PAGE)   # LOAD RW
             + struct.pack("<IIQQQQQQ", 2, 6, off_dynamic, off_dynamic, off_dynamic,
                           len(dynamic), len(dynamic), 8)                          # DYNAMIC
             + struct.pack("<IIQQQQQQ", 0x6474E551, 6, 0, 0, 0, 0, 0, 16))         # GNU_STACK
    shdrs = bytes(64) + b"".join(struct.pack(
        "<IIQQQQIIQQ", name_at(name), kind, flags, off, off, size, link, info, align, entsize)
        for name, kind, flags, off, size, link, info, align, entsize in (
            (".hash", 5, 2, off_hash, len(hash_tab), 2, 0, 8, 4),
            (".dynsym", 11, 2, off_dynsym, len(dynsym), 3, 1, 8, 24),
            (".dynstr", 3, 2, off_dynstr, len(dynstr), 0, 0, 1, 0),
            (".rodata", 1, 2, off_data, len(data), 0, 0, PAGE, 0),
            (".dynamic", 6, 3, off_dynamic, len(dynamic), 3, 0, 8, 16)))
    shdrs += struct.pack("<IIQQQQIIQQ", name_at(".shstrtab"), 3, 0, 0, off_shstrtab,
                         len(shstrtab), 0, 0, 1, 0)

    out = bytearray(off_shdrs + len(shdrs))
    for offset, blob in ((0, ehdr), (ehdr_size, phdrs), (off_hash, hash_tab),
                         (off_dynsym, dynsym), (off_dynstr, dynstr), (off_data, data),
                         (off_dynamic, dynamic), (off_shstrtab, shstrtab),
                         (off_shdrs, shdrs)):
        out[offset:offset + len(blob)] = blob
    return bytes(out)


def _align(value: int, to: int) -> int:
    return (value + to - 1) // to * to


# --- the spec's entry point -----------------------------------------------------------

def trimmed_icudata(src: str, dest: str) -> str | None:
    """Write the trimmed library to dest; return dest, or None to keep src."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open(src, "rb") as f:
            lib = f.read()
        if struct.unpack_from("<H", lib, 0x12)[0] != 62:   # x86-64 only: tested there
            return None
        symbol, package = _read_package(lib)
        header, items = _items(package)
        kept = [(name, data) for name, data in items if keep(name)]
        soname = os.path.basename(src)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(_elf_so(soname, symbol, _package(header, kept)))
        os.chmod(dest, 0o755)
        return dest
    except (OSError, NotICU, struct.error, ValueError, IndexError):
        return None


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: trim_icu.py SRC DEST")
    made = trimmed_icudata(sys.argv[1], sys.argv[2])
    if made is None:
        sys.exit(f"trim_icu: {sys.argv[1]} was left as it is")
    print(f"trim_icu: {os.path.getsize(sys.argv[1]):,} -> {os.path.getsize(made):,} bytes")
