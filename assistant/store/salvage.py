"""Row-by-row salvage of a damaged SQLite file, read page by page (SQLite's `.recover` approach).

SQLite stops reading a table at its first damaged page; this reader does not go through
SQLite at all. It applies the committed frames of the -wal journal, walks each table's b-tree
from its root as far as the pages allow, then reads every other table leaf page that is not
on the free list (pages cut off from their tree by a damaged parent) and gives each of their
rows to the one table whose columns it fits. Free pages are never read: erased rows (zeroed by
secure_delete anyway) stay erased. It also counts what it could not read, so that the repair
can say what was lost in numbers: pages missing from a truncated file, unreadable pages and
cells, rows that fit no table, and every case id still visible anywhere in the file (indexes
included), which bounds how many cases the file held.

Stdlib (and the list of derived search tables); see https://www.sqlite.org/fileformat2.html for the format.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from assistant.store.schema import is_search_table

CASE_ID = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
_LEAF_TABLE, _INTERIOR_TABLE, _LEAF_INDEX, _INTERIOR_INDEX = 13, 5, 10, 2


class _Bad(Exception):
    """A page or cell that cannot be read."""


@dataclass
class Table:
    name: str
    root: int
    columns: list[str]
    types: list[str]
    not_null: list[bool]
    rowid_alias: int | None  # index of the INTEGER PRIMARY KEY column, stored as NULL in records


@dataclass
class Salvage:
    schema_sql: list[str]  # CREATE statements read from the file (empty if unreadable)
    tables: dict[str, Table]
    rows: dict[str, dict[int, list]] = field(default_factory=dict)  # table -> rowid -> values
    pages_total: int = 0  # pages the header says the file has
    pages_missing: int = 0  # beyond the end of a truncated file
    pages_unreadable: int = 0  # in a table tree, but not a readable table page
    cells_unreadable: int = 0
    rows_unplaced: int = 0  # readable rows that fit no table (or several)
    case_ids_seen: set[str] = field(default_factory=set)
    schema_readable: bool = True


class _File:
    def __init__(self, data: bytes, wal: bytes | None):
        self.page_size = _page_size(data)
        self.reserved = data[20] if len(data) > 20 else 0
        self.usable = self.page_size - self.reserved
        self.data = data
        valid_header = data[:16] == b"SQLite format 3\x00" and len(data) >= 32
        self.declared = struct.unpack(">I", data[28:32])[0] if valid_header else 0
        self.overlay = _wal_pages(wal, self.page_size) if wal else {}
        if "size" in self.overlay:  # the journal's last commit says how many pages the file has
            self.declared = self.overlay.pop("size")
        self.count = max(len(data) // self.page_size, max(self.overlay, default=0))

    def page(self, number: int) -> bytes:
        if number in self.overlay:
            return self.overlay[number]
        start = (number - 1) * self.page_size
        if number < 1 or start + self.page_size > len(self.data):
            raise _Bad(f"page {number} missing")
        return self.data[start:start + self.page_size]


def _page_size(data: bytes) -> int:
    if len(data) >= 18 and data[:16] == b"SQLite format 3\x00":
        size = struct.unpack(">H", data[16:18])[0]
        size = 65536 if size == 1 else size
        if size >= 512 and size & (size - 1) == 0:
            return size
    return 4096  # the case log's page size: a damaged header is read with it


def _wal_pages(wal: bytes, page_size: int) -> dict:
    """The latest committed image of each page in the journal (and the database size)."""
    if len(wal) < 32:
        return {}
    magic, _, size, _, salt1, salt2 = struct.unpack(">IIIIII", wal[:24])
    if magic not in (0x377F0682, 0x377F0683) or size != page_size:
        return {}
    order = ">" if magic & 1 else "<"
    s0, s1 = _checksum(wal[:24], order, 0, 0)
    if (s0, s1) != struct.unpack(">II", wal[24:32]):
        return {}
    pages: dict = {}
    pending: dict = {}
    offset = 32
    while offset + 24 + page_size <= len(wal):
        number, commit, f_salt1, f_salt2, c0, c1 = struct.unpack(">IIIIII", wal[offset:offset + 24])
        image = wal[offset + 24:offset + 24 + page_size]
        if (f_salt1, f_salt2) != (salt1, salt2):
            break
        s0, s1 = _checksum(wal[offset:offset + 8] + image, order, s0, s1)
        if (s0, s1) != (c0, c1):
            break
        pending[number] = image
        if commit:
            pages.update(pending)
            pages["size"] = commit
            pending = {}
        offset += 24 + page_size
    return pages


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        if pos + i >= len(buf):
            raise _Bad("varint past the end")
        byte = buf[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos + i + 1
    if pos + 8 >= len(buf):
        raise _Bad("varint past the end")
    return (value << 8) | buf[pos + 8], pos + 9


def _record(payload: bytes) -> list:
    header_size, pos = _varint(payload, 0)
    if header_size > len(payload) or header_size < 1:
        raise _Bad("record header")
    types = []
    while pos < header_size:
        serial, pos = _varint(payload, pos)
        types.append(serial)
    values, body = [], header_size
    for serial in types:
        if serial == 0:
            values.append(None)
            continue
        if serial in (8, 9):
            values.append(serial - 8)
            continue
        if serial in (10, 11):
            raise _Bad("reserved serial type")
        size = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8}.get(serial) or (serial - 12 - (serial & 1)) // 2
        chunk = payload[body:body + size]
        if len(chunk) != size:
            raise _Bad("record body")
        body += size
        if serial == 7:
            values.append(struct.unpack(">d", chunk)[0])
        elif serial <= 6:
            values.append(int.from_bytes(chunk, "big", signed=True))
        elif serial & 1:
            try:
                values.append(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                raise _Bad("text not UTF-8") from None
        else:
            values.append(chunk)
    return values


class _Reader:
    def __init__(self, f: _File, result: Salvage):
        self.f = f
        self.result = result

    def header(self, number: int) -> tuple[bytes, int, int]:
        page = self.f.page(number)
        start = 100 if number == 1 else 0
        kind = page[start]
        if kind not in (_LEAF_TABLE, _INTERIOR_TABLE, _LEAF_INDEX, _INTERIOR_INDEX):
            raise _Bad(f"page {number}: not a b-tree page")
        return page, start, kind

    def cells(self, page: bytes, start: int, kind: int) -> list[int]:
        count = struct.unpack(">H", page[start + 3:start + 5])[0]
        array = start + (12 if kind in (_INTERIOR_TABLE, _INTERIOR_INDEX) else 8)
        if array + 2 * count > len(page):
            raise _Bad("cell count")
        return [struct.unpack(">H", page[array + 2 * i:array + 2 * i + 2])[0] for i in range(count)]

    def payload(self, page: bytes, pos: int, size: int, table: bool) -> bytes:
        """The whole payload of a cell, following its overflow pages."""
        u = self.f.usable
        most = u - 35 if table else ((u - 12) * 64 // 255) - 23
        if size <= most:
            local = size
        else:
            least = ((u - 12) * 32 // 255) - 23
            local = least + (size - least) % (u - 4)
            local = local if local <= most else least
        data = page[pos:pos + local]
        if len(data) != local:
            raise _Bad("cell past the page")
        if local == size:
            return data
        chunks, seen = [data], set()
        next_page = struct.unpack(">I", page[pos + local:pos + local + 4])[0]
        remaining = size - local
        while remaining > 0:
            if next_page in seen or next_page < 1:
                raise _Bad("overflow chain")
            seen.add(next_page)
            overflow = self.f.page(next_page)
            chunk = overflow[4:4 + min(remaining, u - 4)]
            chunks.append(chunk)
            remaining -= len(chunk)
            next_page = struct.unpack(">I", overflow[:4])[0]
        return b"".join(chunks)

    def leaf_rows(self, page: bytes, start: int) -> list[tuple[int, list]]:
        rows = []
        for offset in self.cells(page, start, _LEAF_TABLE):
            try:
                size, pos = _varint(page, offset)
                rowid, pos = _varint(page, pos)
                if rowid >= 1 << 63:
                    rowid -= 1 << 64
                rows.append((rowid, _record(self.payload(page, pos, size, True))))
            except (_Bad, struct.error, IndexError):
                self.result.cells_unreadable += 1
        return rows

    def index_keys(self, page: bytes, start: int, kind: int) -> list[list]:
        keys = []
        for offset in self.cells(page, start, kind):
            try:
                pos = offset + (4 if kind == _INTERIOR_INDEX else 0)
                size, pos = _varint(page, pos)
                keys.append(_record(self.payload(page, pos, size, False)))
            except (_Bad, struct.error, IndexError):
                pass
        return keys

    def walk(self, root: int, visited: set[int]) -> list[tuple[int, list]]:
        """Rows of the table b-tree at `root`, as far as its pages can be read."""
        rows, stack = [], [root]
        while stack:
            number = stack.pop()
            if number in visited:
                continue
            visited.add(number)
            try:
                page, start, kind = self.header(number)
                if kind == _LEAF_TABLE:
                    rows += self.leaf_rows(page, start)
                elif kind == _INTERIOR_TABLE:
                    children = [struct.unpack(">I", page[c:c + 4])[0] for c in self.cells(page, start, kind)]
                    children.append(struct.unpack(">I", page[start + 8:start + 12])[0])
                    stack += reversed(children)
                else:
                    raise _Bad("index page in a table tree")
            except (_Bad, struct.error, IndexError):
                if number <= self.f.count:  # past the end: counted as missing already
                    self.result.pages_unreadable += 1
        return rows

    def free_pages(self) -> set[int]:
        free: set[int] = set()
        try:
            trunk = struct.unpack(">I", self.f.page(1)[32:36])[0]
            while trunk and trunk not in free:
                free.add(trunk)
                page = self.f.page(trunk)
                count = min(struct.unpack(">I", page[4:8])[0], (len(page) - 8) // 4)
                free.update(struct.unpack(f">{count}I", page[8:8 + 4 * count]))
                trunk = struct.unpack(">I", page[:4])[0]
        except (_Bad, struct.error):
            pass
        return free


def salvage(path: Path, template: sqlite3.Connection) -> Salvage:
    """Read what can be read of the file at `path` (and its -wal). `template`: a connection to
    an empty case log of the current schema, used when the file's own schema is unreadable."""
    data = Path(path).read_bytes()
    wal_path = Path(f"{path}-wal")
    wal = wal_path.read_bytes() if wal_path.exists() else None
    f = _File(data, wal)
    result = Salvage(schema_sql=[], tables={})
    result.pages_total = max(f.declared, f.count)
    result.pages_missing = max(0, f.declared - f.count)
    reader = _Reader(f, result)
    visited: set[int] = set()

    master = reader.walk(1, visited)
    result.schema_sql = [values[4] for _, values in master
                         if len(values) == 5 and isinstance(values[4], str) and values[0] in ("table", "index")
                         and not str(values[1]).startswith("sqlite_")]
    tables = _tables_from_sql(result.schema_sql, {v[1]: v[3] for _, v in master if len(v) == 5 and v[0] == "table"})
    if "cases" not in tables:  # sqlite_master unreadable: assume the current schema, place rows by shape
        result.schema_readable = False
        result.pages_unreadable -= 1 if 1 in visited else 0  # the schema is known: page 1 lost nothing else
        result.schema_sql = []
        tables = _tables_of(template, {})
    result.tables = tables
    for table in tables.values():
        rows = reader.walk(table.root, visited) if table.root and not is_search_table(table.name) else []
        result.rows[table.name] = {}
        for rowid, values in rows:
            if len(values) <= len(table.columns):
                result.rows[table.name].setdefault(rowid, _padded(table, rowid, values))
            else:
                result.rows_unplaced += 1

    free = reader.free_pages()
    for number in range(1, f.count + 1):
        if number in visited or number in free:
            continue
        try:
            _place_orphans(reader, number, tables, result)
        except (_Bad, struct.error, IndexError):
            continue
    for rows in result.rows.values():
        for values in rows.values():
            result.case_ids_seen.update(v for v in values if isinstance(v, str) and CASE_ID.fullmatch(v))
    return result


def _place_orphans(reader: _Reader, number: int, tables: dict[str, Table], result: Salvage) -> None:
    """Rows of a table leaf page cut off from its tree, each given to the one table it fits;
    index pages only tell which case ids the file knew."""
    page, start, kind = reader.header(number)
    if kind == _LEAF_TABLE:
        for rowid, values in reader.leaf_rows(page, start):
            fits = [t for t in tables.values() if _fits(t, values)]
            kept = [t for t in fits if not is_search_table(t.name)]
            if len(kept) == 1:
                result.rows[kept[0].name].setdefault(rowid, _padded(kept[0], rowid, values))
            elif kept or not fits:  # a row that fits only the search index is rebuilt, not lost
                result.rows_unplaced += 1
    elif kind in (_LEAF_INDEX, _INTERIOR_INDEX):
        for key in reader.index_keys(page, start, kind):
            result.case_ids_seen.update(v for v in key if isinstance(v, str) and CASE_ID.fullmatch(v))


def _tables_from_sql(statements: list[str], roots: dict[str, int]) -> dict[str, Table]:
    """Column names and types as SQLite itself reads the CREATE statements."""
    conn = sqlite3.connect(":memory:")
    try:
        for sql in statements:
            if sql.upper().startswith("CREATE TABLE"):
                try:
                    conn.execute(sql)
                except sqlite3.Error:
                    continue
        return _tables_of(conn, roots)
    finally:
        conn.close()


def _tables_of(conn: sqlite3.Connection, roots: dict[str, int]) -> dict[str, Table]:
    tables = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")]
    for name in names:
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        pks = [row for row in info if row[5]]
        alias = pks[0][0] if len(pks) == 1 and pks[0][2].upper() == "INTEGER" else None
        tables[name] = Table(name, roots.get(name, 0), [r[1] for r in info], [r[2].upper() for r in info],
                             [bool(r[3]) for r in info], alias)
    return tables


def _padded(table: Table, rowid: int, values: list) -> list:
    values = values + [None] * (len(table.columns) - len(values))
    if table.rowid_alias is not None:
        values[table.rowid_alias] = rowid
    return values


_KIND = {"TEXT": str, "INTEGER": int, "REAL": (float, int), "FLOAT": (float, int), "BLOB": bytes}
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")


def _fits(table: Table, values: list) -> bool:
    """Whether a row cut off from its tree can only be a row of `table` (exact shape)."""
    if len(values) != len(table.columns):
        return False
    for i, value in enumerate(values):
        if i == table.rowid_alias:
            if value is not None:
                return False
            continue
        if value is None:
            if table.not_null[i]:
                return False
            continue
        kind = _KIND.get(table.types[i])
        if kind is not None and not isinstance(value, kind):
            return False
    # The case log's own tables that share a shape: told apart by content.
    for i, name in enumerate(table.columns):
        if (name == "case_id" or (table.name == "cases" and name == "id")) and not (
                isinstance(values[i], str) and CASE_ID.fullmatch(values[i])):
            return False
    if table.name == "answers":
        return isinstance(values[0], str) and bool(CASE_ID.fullmatch(values[0])) and isinstance(values[3], str) \
            and bool(_TIMESTAMP.match(values[3]))
    if table.name == "case_state":
        return isinstance(values[0], str) and bool(CASE_ID.fullmatch(values[0])) \
            and all(v is None or v.startswith(("{", "[")) for v in values[1:])
    return True
