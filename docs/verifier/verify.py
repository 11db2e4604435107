#!/usr/bin/env python3
"""Independent verifier for Arbiter evidence bundles (issue 18).

Needs only Python 3.8+ and the `cryptography` package (Debian: python3-cryptography) for Ed25519.
It shares no code with Arbiter: it re-implements the C2SP signed-note and tlog-checkpoint formats and the
RFC 6962 / RFC 9162 Merkle tree with inclusion proofs (receipts) and compact range proofs (bundles), so an
auditor need not trust Arbiter's Java.

    python3 verify.py --public-key 'name+keyid+base64' evidence.zip
    python3 verify.py --public-key key.txt --checkpoint checkpoint.txt entries.jsonl   (range-proof.json beside it)
    python3 verify.py --public-key key.txt receipt.json
    python3 verify.py --public-key key.txt --witness-key witness.txt --checkpoint cosigned.txt

--public-key may be repeated, or name a file with several keys one a line (a team's key set): a note signed by any
of them is accepted. Each --witness-key requires a valid C2SP tlog-cosignature/v1 (Ed25519) cosignature by that
witness on the checkpoint (of the bundle, the receipt or --checkpoint).

Exits 0 when everything verifies, 1 naming the first problem, 2 on bad usage.
"""
import argparse
import base64
import struct
import hashlib
import json
import os
import re
import sys
import zlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MANIFEST_HEADER = "arbiter-evidence-bundle/v4"
# v3 held all entries in one entries.jsonl; v4 splits them into files of ENTRIES_PER_FILE lines (the last the
# rest), named entries-000000.jsonl and on, so that a verifier can inflate them in parallel. Both verify.
MANIFEST_HEADER_V3 = "arbiter-evidence-bundle/v3"
ENTRIES = "entries.jsonl"
ENTRIES_PER_FILE = 1 << 14
ENTRIES_FILE = re.compile(r"entries-[0-9]{6,9}\.jsonl")
MANIFEST = "manifest.txt"
RANGE_PROOF_FORMAT = "arbiter-range-proof/v1"
RECEIPT_FORMAT = "arbiter-receipt/v1"
POLICIES_FORMAT = "arbiter-policies-in-force/v1"
RECORDING_EVENTS = ("policy.saved", "policy.activated", "policy.rolled_back")
# A bundle's files other than its entries are small; a zip can claim any size, so none is read past this.
SMALL_FILE = 1 << 20
# No entry line is longer (the Java verifier's limit): a line is never held in memory past it.
MAX_LINE = 16 << 20


class VerifyError(Exception):
    pass


class ZipForm:
    """A bundle's zip, read strictly (APPNOTE 6.3.10 section 4.3) as the Java verifier's ZipDirectory reads it, so that
    every byte of the file belongs to a file that is checked and every zip tool sees the same files and bytes: its
    files back to back from byte 0 in central-directory order, each local header saying what the central directory
    says (name, flags, method; CRC-32 and sizes, or a data descriptor after the data that does), then the central
    directory, then the end record (the zip64 one before it when needed) without a comment, ending the file, with the
    true count; every file stored or deflated, none encrypted, named in printable ASCII; every file's data one deflate
    stream (or the stored bytes) ending at its compressed size and inflating to its size with its CRC-32."""

    def __init__(self, path):
        self.name = os.path.basename(path)
        self.f = open(path, "rb")
        try:
            self.members = self._read()
        except BaseException:
            self.f.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def namelist(self):
        return list(self.members)

    def open(self, name):
        return ZipMember(self, name, *self.members[name])

    def at(self, position, length):
        self.f.seek(position)
        data = self.f.read(length)
        if len(data) != length:
            raise VerifyError("%s is cut short: it ends inside a record at byte %d" % (self.name, position))
        return data

    def _read(self):
        zip_name = self.name
        size = os.fstat(self.f.fileno()).st_size
        if size < 22:
            raise VerifyError(zip_name + " is not a zip file")
        end = self.at(size - 22, 22)
        sig, _, _, _, count, cd_size, cd_offset, comment = struct.unpack("<IHHHHIIH", end)
        if sig != 0x06054b50:
            raise VerifyError("%s does not end with a zip end record: bytes or a comment follow it, which nothing "
                              "signed binds" % zip_name)
        if comment:
            raise VerifyError(zip_name + " carries a zip comment, which nothing signed binds")
        cd_end = size - 22
        if count == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
            if size < 22 + 20 + 56:
                raise VerifyError(zip_name + " claims a zip64 end record it does not have")
            lsig, _, z64_end, _ = struct.unpack("<IIQI", self.at(size - 22 - 20, 20))
            if lsig != 0x07064b50 or z64_end != size - 22 - 20 - 56:
                raise VerifyError(zip_name + " has no zip64 end record right before its end record")
            z = self.at(z64_end, 56)
            if struct.unpack("<I", z[:4])[0] != 0x06064b50 or struct.unpack("<Q", z[4:12])[0] != 44:
                raise VerifyError(zip_name + " has a malformed zip64 end record")
            count, cd_size, cd_offset = struct.unpack("<QQQ", z[32:56])
            cd_end = z64_end
        if cd_size > 128 << 20 or cd_offset + cd_size != cd_end:
            raise VerifyError("%s's central directory does not end where its end record starts: bytes between them "
                              "are bound by nothing signed" % zip_name)
        d = self.at(cd_offset, cd_size)
        members = {}
        expected = 0
        p = 0
        for _ in range(count):
            if p + 46 > len(d) or struct.unpack("<I", d[p:p + 4])[0] != 0x02014b50:
                raise VerifyError(zip_name + "'s central directory holds fewer files than its end record counts")
            flags, method = struct.unpack("<HH", d[p + 8:p + 12])
            crc, csize, usize, nlen, xlen, clen = struct.unpack("<IIIHHH", d[p + 16:p + 34])
            offset = struct.unpack("<I", d[p + 42:p + 46])[0]
            nxt = p + 46 + nlen + xlen + clen
            if nxt > len(d):
                raise VerifyError(zip_name + "'s central directory is cut short")
            raw = d[p + 46:p + 46 + nlen]
            if any(b < 0x20 or b > 0x7e for b in raw):
                raise VerifyError("%s holds a file whose name is not printable ASCII (%r): zip tools decode such "
                                  "names differently" % (zip_name, raw))
            name = raw.decode("ascii")
            usize, csize, offset = zip64_sizes(d[p + 46 + nlen:p + 46 + nlen + xlen],
                                               (usize, csize, offset), zip_name, name)
            if clen:
                raise VerifyError("%s carries a zip comment in %s, which nothing signed binds" % (name, zip_name))
            if flags & 1:
                raise VerifyError("%s is encrypted in %s: a bundle's files never are" % (name, zip_name))
            if method not in (0, 8):
                raise VerifyError("%s is compressed with zip method %d in %s: a bundle's files are stored or "
                                  "deflated" % (name, method, zip_name))
            if method == 0 and csize != usize:
                raise VerifyError("%s is stored in %s with two different sizes" % (name, zip_name))
            if offset != expected:
                raise VerifyError("%s holds bytes no file of its central directory covers, or files out of order, "
                                  "at %s: an unzip tool reading it front to back could see other files"
                                  % (zip_name, name))
            h = self.at(offset, 30)
            lsig, _, lflags, lmethod, _, _, lcrc, lcsize, lusize, lnlen, lxlen = struct.unpack("<IHHHHHIIIHH", h)
            lname = self.at(offset + 30, lnlen)
            if lsig != 0x04034b50 or lname != raw:
                raise VerifyError("%s's local header of %s names %r: unzip tools disagree on its name"
                                  % (zip_name, name, lname))
            if lflags != flags or lmethod != method:
                raise VerifyError("%s's local header of %s says other flags or another method than its central "
                                  "directory" % (zip_name, name))
            data = offset + 30 + lnlen + lxlen
            expected = data + csize
            if not flags & 8:
                extra = self.at(offset + 30 + lnlen, lxlen)
                lusize, lcsize, _ = zip64_sizes(extra, (lusize, lcsize, 0), zip_name, name)
                if (lcrc, lcsize, lusize) != (crc, csize, usize):
                    raise VerifyError("%s's local header of %s gives another CRC-32 or size than its central "
                                      "directory" % (zip_name, name))
            else:
                wide = csize >= 0xFFFFFFFF or usize >= 0xFFFFFFFF
                length = 24 if wide else 16
                desc = self.at(expected, length) if expected + length <= size else b""
                if not desc:
                    raise VerifyError("%s is cut short in %s's data descriptor" % (zip_name, name))
                base = 4 if struct.unpack("<I", desc[:4])[0] == 0x08074b50 else 0
                if not base:
                    length -= 4
                values = struct.unpack("<IQQ" if wide else "<III", desc[base:base + length - (4 if base else 0)])
                if values != (crc, csize, usize):
                    raise VerifyError("%s's data descriptor of %s gives another CRC-32 or size than its central "
                                      "directory" % (zip_name, name))
                expected += length
            if name in members:
                raise VerifyError("%s holds %s twice: which copy a tool reads is not defined" % (zip_name, name))
            members[name] = (method, crc, csize, usize, data)
            p = nxt
        if p != len(d):
            raise VerifyError(zip_name + "'s central directory holds more than its end record counts")
        if expected != cd_offset:
            raise VerifyError("%s holds bytes no file covers before its central directory: an unzip tool reading it "
                              "front to back could see other files" % zip_name)
        return members


def zip64_sizes(extra, values, zip_name, name):
    """The (size, compressed size, offset) with those that are 0xFFFFFFFF read from the zip64 extra field."""
    wanted = [v == 0xFFFFFFFF for v in values]
    found = list(values)
    p = 0
    while p + 4 <= len(extra):
        ident, length = struct.unpack("<HH", extra[p:p + 4])
        if p + 4 + length > len(extra):
            break
        if ident == 1:
            q = p + 4
            for i in range(3):
                if wanted[i] and q + 8 <= p + 4 + length:
                    found[i] = struct.unpack("<Q", extra[q:q + 8])[0]
                    wanted[i] = False
                    q += 8
        p += 4 + length
    if any(wanted):
        raise VerifyError("%s in %s lacks the zip64 sizes its record announces" % (name, zip_name))
    return tuple(found)


class ZipMember:
    """One file's data, inflated; at its end, refused unless it was exactly one deflate stream (or the stored
    bytes) ending at its compressed size that inflated to exactly its size with its CRC-32."""

    def __init__(self, form, name, method, crc, csize, usize, offset):
        self.form, self.name, self.crc, self.usize = form, name, crc, usize
        self.pos, self.left = offset, csize
        self.inflater = zlib.decompressobj(-15) if method == 8 else None
        self.buffer = b""
        self.produced, self.running, self.ended = 0, 0, False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def _raw(self, n):
        n = min(n, self.left)
        data = self.form.at(self.pos, n)
        self.pos += n
        self.left -= n
        return data

    def _piece(self):
        if self.inflater is None:
            return self._raw(1 << 16) if self.left else b""
        while True:
            if self.inflater.eof:
                if self.inflater.unused_data or self.inflater.unconsumed_tail or self.left:
                    raise VerifyError("%s's deflate stream ends before its compressed size in the zip: the bytes after "
                                      "it are bound by nothing signed" % self.name)
                return b""
            data = self.inflater.unconsumed_tail
            if not data:
                if not self.left:
                    raise VerifyError("%s's deflate stream does not end within its compressed size: the bundle was "
                                      "cut or altered" % self.name)
                data = self._raw(1 << 16)
            try:
                out = self.inflater.decompress(data, 1 << 16)
            except zlib.error as e:
                raise VerifyError("%s is not a valid deflate stream: %s" % (self.name, e))
            if out:
                return out

    def read(self, n=-1):
        out = bytearray()
        while not self.ended and (n < 0 or len(out) < n):
            if not self.buffer:
                self.buffer = self._piece()
                if not self.buffer:
                    self.ended = True
                    if self.produced != self.usize or self.running != self.crc:
                        raise VerifyError("%s does not inflate to the size and CRC-32 its zip record gives: the "
                                          "bundle was altered" % self.name)
                    break
                self.produced += len(self.buffer)
                self.running = zlib.crc32(self.buffer, self.running)
            take = len(self.buffer) if n < 0 else min(n - len(out), len(self.buffer))
            out += self.buffer[:take]
            self.buffer = self.buffer[take:]
        return bytes(out)


def parse_verifier_key(text):
    """C2SP signed-note verifier key: name+hex(keyid)+base64(0x01 || 32-byte Ed25519 key)."""
    name, keyid, rest = text.strip().split("+", 2)
    raw = base64.b64decode(rest, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise VerifyError("the public key is not an Ed25519 signed-note key")
    expected = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if expected.hex() != keyid:
        raise VerifyError("the public key's id does not match its name and key")
    return name, expected, Ed25519PublicKey.from_public_bytes(raw[1:])


def parse_witness_key(text):
    """C2SP tlog-cosignature verifier key: name+hex(keyid)+base64(0x04 || 32-byte Ed25519 key)."""
    name, keyid, rest = text.strip().split("+", 2)
    raw = base64.b64decode(rest, validate=True)
    if len(raw) != 33 or raw[0] != 4:
        raise VerifyError("the witness key is not an Ed25519 cosignature/v1 key (type 0x04)")
    expected = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if expected.hex() != keyid:
        raise VerifyError("the witness key's id does not match its name and key")
    return name, expected, Ed25519PublicKey.from_public_bytes(raw[1:])


def split_note(note):
    """(text, [(signer, blob)]) of a C2SP signed note."""
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise VerifyError("not a signed note")
    lines = []
    for line in note[split + 2:].splitlines():
        if not line.startswith("\u2014 "):
            raise VerifyError("malformed signature line")
        signer, blob = line[2:].rsplit(" ", 1)
        try:
            lines.append((signer, base64.b64decode(blob, validate=True)))
        except ValueError:
            raise VerifyError("a signature line is not base64")
    return note[: split + 1], lines


def open_note(note, keys):
    """Returns the text of a signed note if one of its signatures is by one of keys, else raises."""
    text, lines = split_note(note)
    for name, keyid, public in keys:
        for signer, blob in lines:
            if signer == name and blob[:4] == keyid:
                try:
                    public.verify(blob[4:], text.encode("utf-8"))
                    return text
                except InvalidSignature:
                    pass
    raise VerifyError("the note carries no valid signature by " + " or ".join(k[0] for k in keys))


def check_cosigned(note, witnesses):
    """Each witness has a valid cosignature/v1 line on the checkpoint note: timestamp(8, big-endian) || Ed25519
    signature over "cosignature/v1\ntime <t>\n" + the checkpoint text (C2SP tlog-cosignature)."""
    text, lines = split_note(note)
    for name, keyid, public in witnesses:
        ok = False
        for signer, blob in lines:
            if signer == name and blob[:4] == keyid and len(blob) == 4 + 8 + 64:
                (timestamp,) = struct.unpack(">Q", blob[4:12])
                message = ("cosignature/v1\ntime %d\n" % timestamp).encode() + text.encode("utf-8")
                try:
                    public.verify(blob[12:], message)
                    ok = True
                except InvalidSignature:
                    pass
        if not ok:
            raise VerifyError("the checkpoint carries no valid cosignature by the witness " + name)


def parse_checkpoint(text):
    lines = text.split("\n")
    if len(lines) < 4 or not lines[1].isdigit():
        raise VerifyError("malformed checkpoint")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise VerifyError("the checkpoint's root is not 32 bytes")
    return lines[0], int(lines[1]), root


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf, index, size, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def fold_append(stack, node_hash, height):
    """Appends an aligned perfect subtree to a compact range: a list of (height, root), largest first."""
    while stack and stack[-1][0] == height:
        node_hash = node(stack.pop()[1], node_hash)
        height += 1
    stack.append((height, node_hash))


def fold_root(stack):
    r = stack[-1][1]
    for _, h in reversed(stack[:-1]):
        r = node(h, r)
    return r


def subtrees_after(pos, size):
    """Heights of the aligned perfect subtrees that leaves [pos, size) decompose into, left to right."""
    heights = []
    while pos < size:
        h = 62 if pos == 0 else (pos & -pos).bit_length() - 1
        while h > 0 and pos + (1 << h) > size:
            h -= 1
        heights.append(h)
        pos += 1 << h
    return heights


def parse_range_proof(data):
    proof = json.loads(data)
    if proof.get("format") != RANGE_PROOF_FORMAT:
        raise VerifyError("the range proof's format is not " + RANGE_PROOF_FORMAT)
    first, last, size = proof["first_seq"], proof["last_seq"], proof["tree_size"]
    if not (isinstance(first, int) and isinstance(last, int) and isinstance(size, int) and 1 <= first <= last <= size):
        raise VerifyError("the range proof's range is not inside its tree")
    left = [bytes.fromhex(h) for h in proof["left"]]
    right = [bytes.fromhex(h) for h in proof["right"]]
    if any(len(h) != 32 for h in left + right):
        raise VerifyError("the range proof holds a hash that is not 32 bytes")
    return first, last, size, left, right


def read_lines(stream, block=1 << 22):
    """The lines of a binary stream, each without its line feed; raises if the last one has none (the file is
    exactly its lines, each ended by a line feed, so the lines bind every byte of it)."""
    rest = b""
    while True:
        chunk = stream.read(block)
        if not chunk:
            break
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            if len(line) > MAX_LINE:
                raise VerifyError("an entry line is longer than %d MB: it is not a ledger entry" % (MAX_LINE >> 20))
        yield from lines
        if len(rest) > MAX_LINE:
            raise VerifyError("an entry line is longer than %d MB: it is not a ledger entry" % (MAX_LINE >> 20))
    if rest:
        yield None


def entries_file(index):
    return "entries-%06d.jsonl" % index


def member_lines(z, first, last):
    """The lines of a v4 bundle's entries files in order: exactly the files the range needs, every one but the last
    holding exactly ENTRIES_PER_FILE lines (so the split is fixed too), each ended by a line feed."""
    count = last - first + 1
    needed = (count + ENTRIES_PER_FILE - 1) // ENTRIES_PER_FILE
    names = set(z.namelist())
    expected = set(entries_file(i) for i in range(needed))
    for name in sorted(names):
        if ENTRIES_FILE.fullmatch(name) and name not in expected:
            raise VerifyError("the bundle holds %s, but entries #%d to #%d fill only %d entries files: entries were "
                              "added" % (name, first, last, needed))
    for i in range(needed):
        name = entries_file(i)
        if name not in names:
            raise VerifyError("the bundle lacks %s: entries were removed" % name)
        held = 0
        with z.open(name) as f:
            for line in read_lines(f):
                held += 1
                yield line
                if line is None:
                    return
        if i < needed - 1 and held != ENTRIES_PER_FILE:
            raise VerifyError("%s holds %d entries, but every entries file but the last holds exactly %d: entries "
                              "were removed, added or moved between files" % (name, held, ENTRIES_PER_FILE))


EVENT = b',"event":"'
DETAIL = b',"detail":"'
NO_DETAIL = b',"detail":null}'  # how a line without a detail ends (the last field)


def inner(text):
    """A pattern of an entry's detail (JSON text) as stored inside the body's string: each quote as \\"."""
    return text.replace('"', '\\"').encode("ascii")


REASON, ACTION_SENT, POLICY, POLICY_VERSION = inner('{"reason":'), inner(',"action_sent":'), inner(',"policy":"'), \
    inner(',"policy_version":')
NAME, VERSION, SHA256, PREVIOUS = inner('{"name":"'), inner(',"version":'), inner(',"sha256":'), inner(',"previous":')
QUOTE, STRING_END = inner('"'), inner('","')


def string_end(line, p):
    """The first STRING_END from p that ends a detail string, else -1: the backslashes before it must stand for an
    even number of the detail's own (each stored as two, so a multiple of four); otherwise the match starts inside
    a quote of the content followed by a comma."""
    e = line.find(STRING_END, p)
    while e >= 0:
        slashes = 0
        while e - slashes - 1 >= p and line[e - slashes - 1] == 0x5C:
            slashes += 1
        if slashes % 4 == 0:
            return e
        e = line.find(STRING_END, e + 1)
    return -1


def skip_value(line, p):
    """After a detail value at p (null, a number or a string): the index of the comma after it, else -1."""
    if line.startswith(QUOTE, p):
        e = string_end(line, p + len(QUOTE))
        return -1 if e < 0 else e + len(QUOTE)
    if line.startswith(b"null", p):
        p += 4
    else:
        while p < len(line) and line[p:p + 1] in b"0123456789.-":
            p += 1
    return p if line.startswith(b",", p) else -1


def number(line, p):
    """A version number (1 to 9 digits) at p, else None."""
    e = p
    while e < len(line) and 48 <= line[e] <= 57:
        e += 1
    return int(line[p:e]) if 0 < e - p <= 9 else None


def policy_mentions(line, seq, mentions):
    """The policy versions an entry shows in force, read on its bytes exactly as the Java PolicyMentions reads them
    (docs/verifier/README.md): a decision's policy and policy_version, an activation's or rollback's version and the
    version it replaced. Adds (name, version) -> (first seq, event) to mentions."""
    if line.endswith(NO_DETAIL):
        return  # every mention is read from the detail, and this line has none
    e = line.find(EVENT, 86)
    if e < 0:
        return
    v = e + len(EVENT)
    if line.startswith(b'decision"', v):
        event = "decision"
    elif line.startswith(b'policy.activated"', v):
        event = "policy.activated"
    elif line.startswith(b'policy.rolled_back"', v):
        event = "policy.rolled_back"
    else:
        return
    d = line.rfind(DETAIL, v)
    if d < 0:
        return
    p = d + len(DETAIL)
    found = []
    if event == "decision":
        if not line.startswith(REASON, p):
            return
        p = skip_value(line, p + len(REASON))
        if p >= 0 and line.startswith(ACTION_SENT, p):
            p = skip_value(line, p + len(ACTION_SENT))
        if p < 0 or not line.startswith(POLICY, p):
            return
        p += len(POLICY)
        close = line.find(QUOTE, p)
        if close < 0 or not line.startswith(POLICY_VERSION, close + len(QUOTE)):
            return
        version = number(line, close + len(QUOTE) + len(POLICY_VERSION))
        if version is not None:
            found.append((line[p:close].decode("utf-8"), version, event))
    else:
        if not line.startswith(NAME, p):
            return
        p += len(NAME)
        close = line.find(QUOTE, p)
        if close < 0 or not line.startswith(VERSION, close + len(QUOTE)):
            return
        name = line[p:close].decode("utf-8")
        q = close + len(QUOTE) + len(VERSION)
        version = number(line, q)
        if version is None:
            return
        found.append((name, version, event))
        while q < len(line) and 48 <= line[q] <= 57:
            q += 1
        if line.startswith(SHA256, q):
            q = skip_value(line, q + len(SHA256))
        if q >= 0 and line.startswith(PREVIOUS, q):
            previous = number(line, q + len(PREVIOUS))
            if previous is not None:
                found.append((name, previous, event + " (as the version it replaced)"))
    for name, version, why in found:
        if (name, version) not in mentions:
            mentions[(name, version)] = (seq, why)


def verify_entries(lines, range_proof, checkpoint_note, key, mentions=None):
    """Entries file: one stored entry body a line, exactly the bytes its hash covers, each ended by a line feed,
    starting {"seq":N,"prev_hash":"<hex>"; with one compact range proof they must fold to the checkpoint's root."""
    origin, size, root = parse_checkpoint(open_note(checkpoint_note, key))
    first, last, tree_size, left, right = parse_range_proof(range_proof)
    if tree_size != size:
        raise VerifyError("the range proof is for a tree of %d entries, the checkpoint covers %d" % (tree_size, size))
    if len(left) != bin(first - 1).count("1"):
        raise VerifyError("the range proof's left side does not decompose entries #1 to #%d" % (first - 1))
    stack = []
    bits = [h for h in range(62, -1, -1) if (first - 1) >> h & 1]
    for h, subtree in zip(bits, left):
        fold_append(stack, subtree, h)
    sha256 = hashlib.sha256
    seq, previous, number = first, None, 0
    for number, line in enumerate(lines, 1):
        if seq > last:
            raise VerifyError("line %d is past the last entry the range proof covers (#%d): entries were added" % (number, last))
        if line is None:
            raise VerifyError("line %d does not end with a line feed: the entries file was cut short or bytes were "
                              "added after its last entry" % number)
        prefix = b'{"seq":%d,"prev_hash":"' % seq
        if not line.startswith(prefix):
            raise VerifyError("line %d is not entry #%d: entries were removed, inserted or reordered" % (number, seq))
        if previous is not None and line[len(prefix):len(prefix) + 64] != previous:
            raise VerifyError("entry #%d does not name the hash of entry #%d: one of them was altered" % (seq, seq - 1))
        digest = sha256(line).digest()
        # fold_append inlined for a leaf: a compact range as a list of (height, root), largest first
        leaf, height = sha256(b"\x00" + digest).digest(), 0
        while stack and stack[-1][0] == height:
            leaf = sha256(b"\x01" + stack.pop()[1] + leaf).digest()
            height += 1
        stack.append((height, leaf))
        previous = digest.hex().encode("ascii")
        if mentions is not None:
            policy_mentions(line, seq, mentions)
        seq += 1
    if seq <= last:
        raise VerifyError("the entries end before entry #%d, the range proof covers #%d to #%d: entries were removed"
                          % (seq, first, last))
    heights = subtrees_after(last, size)
    if len(heights) != len(right):
        raise VerifyError("the range proof's right side does not decompose entries #%d to #%d" % (last + 1, size))
    for h, subtree in zip(heights, right):
        fold_append(stack, subtree, h)
    if fold_root(stack) != root:
        raise VerifyError("entries #%d to #%d are not the entries the signed checkpoint of %d entries covers: "
                          "entry #%d or the range proof was altered" % (first, last, size, last))
    return "verified %d entries (#%d to #%d) against the checkpoint of %s at %d entries, signed by %s" % (
        last - first + 1, first, last, origin, size, key[0][0])


def verify_receipt(receipt, key):
    """A per-decision receipt: the trace's entries, each proven in a signed checkpoint, and a signed note naming them."""
    if receipt.get("format") != RECEIPT_FORMAT:
        raise VerifyError("not a receipt (format is not %s)" % RECEIPT_FORMAT)
    trace = receipt["trace_id"]
    origin, size, root = parse_checkpoint(open_note(receipt["checkpoint"], key))
    signed = open_note(receipt["signature"], key)
    expected = "%s\n%s %d\n" % (RECEIPT_FORMAT, origin, size)
    for row in receipt["entries"]:
        seq, digest, body = row["seq"], row["hash"], row["body"]
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
            raise VerifyError("entry #%d of the receipt does not hash to its hash: it was altered" % seq)
        parsed = json.loads(body)
        if parsed.get("seq") != seq or parsed.get("trace_id") != trace:
            raise VerifyError("entry #%d is not an entry of trace %s at #%d" % (seq, trace, seq))
        leaf = hashlib.sha256(b"\x00" + bytes.fromhex(digest)).digest()
        if not verify_inclusion(leaf, seq - 1, size, [bytes.fromhex(p) for p in row["proof"]], root):
            raise VerifyError("entry #%d is not in the signed checkpoint of %d entries" % (seq, size))
        expected += "%d %s\n" % (seq, digest)
    if not receipt["entries"]:
        raise VerifyError("the receipt names no entry")
    if signed != expected:
        raise VerifyError("the receipt's signed note does not name exactly its entries")
    return "verified the receipt of trace %s: %d entries in the checkpoint of %s at %d entries, signed by %s%s" % (
        trace, len(receipt["entries"]), origin, size, key[0][0], witness_claims(receipt, receipt["checkpoint"]))


def cosigned_at(note, witness):
    """The times (Unix seconds) of the witness's valid cosignature/v1 lines on a checkpoint note."""
    text, lines = split_note(note)
    name, keyid, public = witness
    times = []
    for signer, blob in lines:
        if signer == name and blob[:4] == keyid and len(blob) == 4 + 8 + 64:
            (timestamp,) = struct.unpack(">Q", blob[4:12])
            try:
                public.verify(blob[12:], ("cosignature/v1\ntime %d\n" % timestamp).encode() + text.encode("utf-8"))
                times.append(timestamp)
            except InvalidSignature:
                pass
    return times


def witness_claims(receipt, note):
    """A receipt's witnessed_by claims, each checked against the witness's cosignature line on its checkpoint under
    the key the claim names (whether that key is the witness's is for --witness-key to check)."""
    if "witnessed_by" not in receipt:
        return ""
    claims = receipt["witnessed_by"]
    if not isinstance(claims, list):
        raise VerifyError("the receipt's witnessed_by is not a list: it was altered")
    if not claims:
        return "; not witnessed: no witness had cosigned a checkpoint covering it when the receipt was written"
    named = []
    for claim in claims:
        witness = parse_witness_key(claim["key"])
        times = cosigned_at(note, witness)
        if witness[0] != claim.get("name") or not isinstance(claim.get("time"), int) or claim["time"] not in times:
            raise VerifyError("the receipt says the witness %s cosigned its checkpoint, but the checkpoint carries no "
                              "cosignature by that key at that time: the receipt was altered" % claim.get("name"))
        named.append(witness[0])
    return "; witnessed: the checkpoint is cosigned by %s (under the keys the receipt names; give --witness-key to " \
           "check they are the witnesses')" % ", ".join(named)


def small(z, name):
    """A small file of the bundle, refused past SMALL_FILE bytes without inflating the rest."""
    if name not in z.namelist():
        raise VerifyError("the bundle lacks " + name)
    with z.open(name) as f:
        data = f.read(SMALL_FILE + 1)
    if len(data) > SMALL_FILE:
        raise VerifyError("%s is larger than %d MB, which no file of an evidence bundle but its entries is"
                          % (name, SMALL_FILE >> 20))
    return data


def verify_bundle(path, key):
    """A bundle: the signed manifest lists the SHA-256 of every small file; entries.jsonl has no digest there,
    because the range proof binds every line of it and its lines every byte. Any other file, or a name held twice,
    is refused: nothing in the zip may be unbound by the signature."""
    with ZipForm(path) as z:
        manifest = open_note(small(z, MANIFEST).decode("utf-8"), key).split("\n")
        if manifest[0] not in (MANIFEST_HEADER, MANIFEST_HEADER_V3):
            raise VerifyError("unknown manifest " + manifest[0] + " (this verifier reads " + MANIFEST_HEADER + " and "
                              + MANIFEST_HEADER_V3 + ")")
        split = manifest[0] == MANIFEST_HEADER

        def is_entries(name):
            return bool(ENTRIES_FILE.fullmatch(name)) if split else name == ENTRIES

        digests = {}
        for line in manifest[1:]:
            if not line:
                continue
            digest, _, name = line.partition(" ")
            if not name or is_entries(name) or name == MANIFEST:
                raise VerifyError("malformed manifest line: " + line)
            if name in digests:
                raise VerifyError("the manifest lists " + name + " twice: a manifest names each file once")
            digests[name] = digest
        for name in ("range-proof.json", "checkpoint.txt"):
            if name not in digests:
                raise VerifyError("the manifest does not list " + name)
        names = z.namelist()
        for name in names:
            if names.count(name) > 1:
                raise VerifyError("the bundle holds " + name + " twice: it was altered")
            if name not in digests and not is_entries(name) and name != MANIFEST:
                raise VerifyError("the bundle holds " + name + ", which the signed manifest does not list")
        for name, digest in digests.items():
            if hashlib.sha256(small(z, name)).hexdigest() != digest:
                raise VerifyError(name + " does not match its digest in the signed manifest: it was altered")
        mentions = {}
        if split:
            first, last, _, _, _ = parse_range_proof(small(z, "range-proof.json"))
            result = verify_entries(member_lines(z, first, last), small(z, "range-proof.json"),
                                    small(z, "checkpoint.txt").decode("utf-8"), key, mentions)
        else:
            if ENTRIES not in z.namelist():
                raise VerifyError("the bundle lacks " + ENTRIES)
            with z.open(ENTRIES) as entries:
                result = verify_entries(read_lines(entries), small(z, "range-proof.json"),
                                        small(z, "checkpoint.txt").decode("utf-8"), key, mentions)
        _, size, root = parse_checkpoint(open_note(small(z, "checkpoint.txt").decode("utf-8"), key))
        count, not_included = verify_policies(z, digests, size, root, mentions)
        return result + "; %d policy version%s in force, each the text whose SHA-256 the ledger records, and every " \
            "version the entries show in force is there%s. %s" % (count, "" if count == 1 else "s", not_included,
                                                               UNPROVEN_AT_START)


# What a bundle cannot prove about the policies in force (the Java PolicyFilesCheck.UNPROVEN_AT_START): a policy
# active at the range's start that no entry of the range mentions leaves no trace in the range, and a Merkle tree
# proves an entry's presence, not another's absence.
UNPROVEN_AT_START = "Not proven: that no other policy was active at the range's start. A version active then that " \
    "no entry of the range mentions (no decision in the range ran under it, no activation in it replaced it) is " \
    "carried by the bundle's writer, but a bundle without it verifies too."


def verify_policies(z, digests, size, root, mentions):
    """policies.json: each policy version in force is a file of the signed manifest whose SHA-256 equals the digest
    recorded by the ledger entries listed with it (policy.saved / policy.activated / policy.rolled_back), each entry
    proven in the checkpoint by an RFC 6962 inclusion proof; and every version the entries show in force (mentions)
    is one of them, or listed in not_included with the reason. Returns how many versions were checked, and a clause
    naming those not included."""
    if "policies.json" not in digests:
        raise VerifyError("the manifest does not list policies.json (the policy versions in force)")
    index = json.loads(small(z, "policies.json"))
    if index.get("format") != POLICIES_FORMAT:
        raise VerifyError("policies.json is not " + POLICIES_FORMAT)
    if index.get("tree_size") != size:
        raise VerifyError("policies.json proves its entries in another tree than the checkpoint's")
    listed = set()
    for v in index["versions"]:
        name, version = v["name"], v["version"]
        path = "policies/%s-v%d.yaml" % (name, version)
        if v.get("file") != path or path in listed:
            raise VerifyError("policies.json names the file %s for policy %s v%d" % (v.get("file"), name, version))
        listed.add(path)
        if path not in digests:
            raise VerifyError(path + " (policy %s v%d) is missing from the signed manifest" % (name, version))
        digest = hashlib.sha256(small(z, path)).hexdigest()
        recorded, activations = 0, set()
        for r in v["records"]:
            seq, body = r["seq"], r["body"]
            entry_hash = hashlib.sha256(body.encode("utf-8")).digest()
            if entry_hash.hex() != r["hash"]:
                raise VerifyError("ledger entry #%d in policies.json does not hash to its hash: it was altered" % seq)
            entry = json.loads(body)
            leaf = hashlib.sha256(b"\x00" + entry_hash).digest()
            if entry.get("seq") != seq or not verify_inclusion(leaf, seq - 1, size,
                                                               [bytes.fromhex(p) for p in r["proof"]], root):
                raise VerifyError("ledger entry #%d in policies.json is not in the signed checkpoint" % seq)
            detail = entry.get("detail")
            detail = json.loads(detail) if isinstance(detail, str) else {}  # the detail is JSON text in the body
            if entry.get("event") not in RECORDING_EVENTS or detail.get("name") != name \
                    or detail.get("version") != version:
                raise VerifyError("ledger entry #%d does not record policy %s v%d" % (seq, name, version))
            if isinstance(detail.get("sha256"), str):
                if detail["sha256"] != digest:
                    raise VerifyError("%s does not match the SHA-256 that ledger entry #%d (%s) records for policy "
                                      "%s v%d: it is not the text that was in force" % (
                                          path, seq, entry["event"], name, version))
                recorded += 1
            if entry["event"] != "policy.saved":
                activations.add(seq)
        if recorded == 0:
            raise VerifyError(path + ": no ledger entry records its SHA-256")
        for a in v["activation_seqs"]:
            if a not in activations:
                raise VerifyError("policies.json names entry #%d as an activation of %s v%d without it" % (
                    a, name, version))
    for name in digests:
        if name.startswith("policies/") and name not in listed:
            raise VerifyError(name + " is in the bundle but not in policies.json")
    admitted = {}
    for n in index.get("not_included", []):
        admitted["policies/%s-v%s.yaml" % (n.get("name"), n.get("version"))] = n.get("reason", "no reason given")
    missing = []
    for (name, version), (seq, why) in sorted(mentions.items()):
        path = "policies/%s-v%d.yaml" % (name, version)
        if path in listed:
            continue
        if path not in admitted:
            raise VerifyError("the bundle leaves out policy %s v%d, which ledger entry #%d (%s) shows was in force in "
                              "the range: policies.json neither lists it nor says why it is not included" % (
                                  name, version, seq, why))
        missing.append("%s v%d (%s)" % (name, version, admitted[path]))
    return len(listed), ("; not included, as the signed index says: " + ", ".join(missing)) if missing else ""


def main(argv):
    ap = argparse.ArgumentParser(description="Verify an Arbiter evidence bundle offline.")
    ap.add_argument("--public-key", required=True, action="append",
                    help="verifier key name+id+base64, or a file holding keys one a line; repeatable")
    ap.add_argument("--witness-key", action="append", default=[],
                    help="a witness's cosignature key name+id+base64 (type 0x04), or a file of them; repeatable")
    ap.add_argument("--checkpoint", help="signed checkpoint file (for an entries .jsonl file, or alone)")
    ap.add_argument("file", nargs="?", help="evidence bundle .zip, receipt .json, or entries .jsonl with --checkpoint")
    args = ap.parse_args(argv)
    try:
        key = read_keys(args.public_key, parse_verifier_key)
        witnesses = read_keys(args.witness_key, parse_witness_key)
        if args.file is None:
            if not args.checkpoint:
                print("verify.py: give a FILE, or --checkpoint to verify a checkpoint alone", file=sys.stderr)
                return 2
            with open(args.checkpoint, encoding="utf-8") as f:
                note = f.read()
            origin, size, _ = parse_checkpoint(open_note(note, key))
            check_cosigned(note, witnesses)
            print("verified the checkpoint of %s at %d entries, signed by %s%s" % (
                origin, size, key[0][0], "".join(", cosigned by " + w[0] for w in witnesses)))
            return 0
        if witnesses:
            check_cosigned(checkpoint_of(args.file, args.checkpoint), witnesses)
        if args.file.endswith(".zip"):
            print(verify_bundle(args.file, key))
            print(witnessed_by(checkpoint_of(args.file, None), key, witnesses))
        elif args.file.endswith(".json"):
            with open(args.file, encoding="utf-8") as f:
                print(verify_receipt(json.load(f), key))
            print(witnessed_by(checkpoint_of(args.file, None), key, witnesses))
        else:
            if not args.checkpoint:
                print("verify.py: --checkpoint is required for an entries file", file=sys.stderr)
                return 2
            with open(args.checkpoint, encoding="utf-8") as f:
                note = f.read()
            proof_file = os.path.join(os.path.dirname(os.path.abspath(args.file)), "range-proof.json")
            with open(proof_file, "rb") as f:
                proof = f.read(SMALL_FILE + 1)
            if len(proof) > SMALL_FILE:
                raise VerifyError("the range proof %s is larger than a range proof can be" % proof_file)
            with open(args.file, "rb") as f:
                print(verify_entries(read_lines(f), proof, note, key))
        return 0
    except (VerifyError, ValueError, KeyError, TypeError, OSError) as e:
        print("verify.py: FAILED: %s" % e, file=sys.stderr)
        return 1


def read_keys(values, parse):
    """Keys given inline or as files holding one key a line (blank lines and # comments skipped)."""
    keys = []
    for value in values:
        lines = [value]
        if os.path.isfile(value):
            with open(value, encoding="utf-8") as f:
                lines = [l.strip() for l in f if l.strip() and not l.strip().startswith("#")]
        keys.extend(parse(l) for l in lines)
    return keys


def witnessed_by(note, keys, witnesses):
    """Whether the checkpoint was witnessed and by whom: the --witness-key witnesses (already checked), else the
    names on its signature lines that are not the log's keys (not checked without their keys)."""
    if witnesses:
        return "the checkpoint was witnessed: cosigned by " + ", ".join(w[0] for w in witnesses) + \
            " (cosignatures verified)"
    _, lines = split_note(note)
    others = []
    for signer, blob in lines:
        if not any(blob[:4] == k[1] for k in keys) and signer not in others:
            others.append(signer)
    if not others:
        return "the checkpoint was not witnessed: no witness cosigned it"
    return "the checkpoint carries cosignatures by " + ", ".join(others) + \
        " (not checked: give --witness-key to check them)"


def checkpoint_of(path, checkpoint):
    """The signed checkpoint note a bundle, a receipt or --checkpoint carries."""
    if path.endswith(".zip"):
        with ZipForm(path) as z:
            return small(z, "checkpoint.txt").decode("utf-8")
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return json.load(f)["checkpoint"]
    if not checkpoint:
        raise VerifyError("--checkpoint is required for an entries file")
    with open(checkpoint, encoding="utf-8") as f:
        return f.read()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
