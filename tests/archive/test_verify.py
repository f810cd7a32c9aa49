"""memo verify: every tampering found and named by version and file; --rebuild proves the .docx."""

from __future__ import annotations

import json
import subprocess
import sys

import bagit
from docx import Document
from docx.shared import Pt

from memo.archive.verify import Finding, verify_case

from .conftest import CASE, case_archive, make_writable, memo_command


def test_an_intact_archive_verifies_and_bagit_itself_accepts_every_version(archived):
    assert verify_case(case_archive(archived), rebuild=True) == []
    for version in case_archive(archived).versions():
        assert bagit.Bag(str(version.path)).validate()
    command = [sys.executable, "-m", "bagit", "--validate", str(case_archive(archived).folder / "v2")]
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0


def test_cli_prints_the_verdict_per_case(archived):
    result = memo_command(archived, "verify", "--rebuild")
    assert (result.returncode, result.stdout) == (
        0, f"{CASE}: 2 versioner, allt stämmer (kontrollsummor, filer, kedjan och ombyggnad)\n")


def test_one_flipped_byte_is_found_with_version_and_file(archived):
    pdf = case_archive(archived).folder / "v1" / "data" / f"{CASE}.pdf"
    make_writable(pdf.parent)
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    findings = verify_case(case_archive(archived))
    assert [(f.version, f.file) for f in findings] == [(f"{CASE}/v1", f"data/{CASE}.pdf")]
    assert findings[0].message.startswith("kontrollsumman stämmer inte")
    result = memo_command(archived, "verify", CASE)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{CASE}/v1: data/{CASE}.pdf: kontrollsumman stämmer inte (SHA-256 i manifestet ")
    assert result.stdout.splitlines()[-1] == f"{CASE}: 1 fel i 2 versioner"


def test_a_deleted_file_is_found(archived):
    v2 = case_archive(archived).folder / "v2"
    make_writable(v2)
    (v2 / "data" / "templates" / "nacka" / "profile.yaml").unlink()
    assert verify_case(case_archive(archived)) == [
        Finding(f"{CASE}/v2", "data/templates/nacka/profile.yaml", "saknas (finns i manifestet)")]


def test_an_added_file_is_found_in_the_payload_and_beside_it(archived):
    v1 = case_archive(archived).folder / "v1"
    make_writable(v1)
    (v1 / "data" / "tillagd.txt").write_text("ny\n", encoding="utf-8")
    (v1 / "anteckning.txt").write_text("ny\n", encoding="utf-8")
    assert verify_case(case_archive(archived)) == [
        Finding(f"{CASE}/v1", "anteckning.txt", "hör inte till versionen (en fil som lagts till)"),
        Finding(f"{CASE}/v1", "data/tillagd.txt", "finns inte i manifestet (en fil som lagts till)"),
    ]


def test_an_edited_previous_manifest_hash_breaks_the_checksum_and_the_chain(archived):
    v2 = case_archive(archived).folder / "v2"
    make_writable(v2)
    path = v2 / "data" / "metadata.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata["previous_manifest_sha256"] = "0" * 64
    path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    findings = verify_case(case_archive(archived))
    assert [(f.version, f.file) for f in findings] == [(f"{CASE}/v2", "data/metadata.json")] * 2
    assert findings[0].message.startswith("kontrollsumman stämmer inte")
    assert findings[1].message.startswith("kedjan är bruten: previous_manifest_sha256 000000000000… är inte SHA-256 av v1/manifest-sha256.txt")

    bagit.Bag(str(v2)).save(manifests=True)  # re-sealed with new checksums: only the chain tells
    assert bagit.Bag(str(v2)).is_valid()
    assert [f.message[:18] for f in verify_case(case_archive(archived))] == ["kedjan är bruten: "]


def test_a_rewritten_earlier_version_breaks_the_chain_at_the_next(archived):
    v1 = case_archive(archived).folder / "v1"
    make_writable(v1)
    (v1 / "data" / "cases" / f"{CASE}.yaml").write_text("ändrad i efterhand\n", encoding="utf-8")
    bagit.Bag(str(v1)).save(manifests=True)
    findings = verify_case(case_archive(archived))
    assert [(f.version, f.file) for f in findings] == [(f"{CASE}/v2", "data/metadata.json")]


def test_rebuild_fails_when_the_archived_template_was_altered(archived):
    v1 = case_archive(archived).folder / "v1"
    make_writable(v1)
    template = v1 / "data" / "templates" / "nacka" / "memo.docx"
    document = Document(str(template))
    document.styles["Normal"].font.size = Pt(13)
    document.save(str(template))
    bagit.Bag(str(v1)).save(manifests=True)  # a consistent bag: checksums alone cannot tell

    without = verify_case(case_archive(archived), rebuild=False)
    assert [(f.version, f.file, f.message[:18]) for f in without] == [(f"{CASE}/v2", "data/metadata.json", "kedjan är bruten: ")]
    findings = [f for f in verify_case(case_archive(archived), rebuild=True) if f.version == f"{CASE}/v1"]
    assert [(f.version, f.file) for f in findings] == [(f"{CASE}/v1", f"data/{CASE}.docx")]
    assert findings[0].message.startswith("ombyggd ur arkiverat ärende, profil och mall ger SHA-256 ")


def test_unreadable_metadata_is_a_finding_not_a_crash(archived):
    v2 = case_archive(archived).folder / "v2"
    make_writable(v2)
    (v2 / "data" / "metadata.json").write_text("[]\n", encoding="utf-8")
    findings = verify_case(case_archive(archived), rebuild=True)
    assert [(f.file, f.message[:28]) for f in findings] == [
        ("data/metadata.json", "kontrollsumman stämmer inte "),
        ("data/metadata.json", "går inte att läsa (saknar ve"),
    ]


def test_a_deleted_metadata_file_is_reported_once_in_swedish(archived):
    version = case_archive(archived).versions()[0]
    make_writable(version.path)
    (version.data / "metadata.json").unlink()
    result = memo_command(archived, "verify", CASE)
    assert result.returncode == 1
    said = [line for line in result.stdout.splitlines() if "metadata.json" in line]
    assert said == [f"{CASE}/v1: data/metadata.json: saknas (finns i manifestet)"]
