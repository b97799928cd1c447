"""packaging/trim_icu.py: the bundle's smaller ICU data library still loads, and Qt's
collation and case mapping work with it.  (No bundle needed: it trims the wheel's.)"""
from __future__ import annotations

import glob
import os
import subprocess
import sys

import PySide6
import pytest

from tests.packaging.conftest import ROOT, packaging_module

trim_icu = packaging_module("trim_icu")
WHEEL_ICU = glob.glob(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib",
                                   "libicudata.so.*"))

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not WHEEL_ICU,
                                reason="PySide6 ships ICU only in its Linux wheels")

CHECK = """
import ctypes, re, sys
from PySide6.QtCore import QCoreApplication, QCollator, QLocale
app = QCoreApplication([])
maps = open('/proc/self/maps').read()
print('TRIMMED' if sys.argv[1] in maps else 'ORIGINAL')
words = ['b10', 'a2', 'B1', 'z', 'a10']
for name in ('en_US', 'zh_CN', 'sv_SE'):
    c = QCollator(QLocale(name)); c.setNumericMode(True)
    print(name, sorted(words, key=c.sortKey))
print(QLocale('tr_TR').toUpper('i'), QLocale('de_DE').toUpper('straße'))
"""


def test_trimmed_library_keeps_collation_and_case_mapping(tmp_path):
    made = trim_icu.trimmed_icudata(WHEEL_ICU[0], str(tmp_path / os.path.basename(WHEEL_ICU[0])))
    assert made is not None
    assert os.path.getsize(made) < os.path.getsize(WHEEL_ICU[0]) / 3
    results = {}
    for label, env in (("trimmed", {"LD_LIBRARY_PATH": str(tmp_path)}), ("original", {})):
        done = subprocess.run([sys.executable, "-c", CHECK, made], cwd=ROOT,
                              env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        results[label] = done.stdout.splitlines()
    assert results["trimmed"][0] == "TRIMMED" and results["original"][0] == "ORIGINAL"
    assert results["trimmed"][1:] == results["original"][1:]
    assert results["trimmed"][1] == "en_US ['a2', 'a10', 'B1', 'b10', 'z']"
    assert results["trimmed"][-1] == "İ STRASSE"


def test_anything_unexpected_keeps_the_original(tmp_path):
    not_icu = tmp_path / "libicudata.so.99"
    not_icu.write_bytes(b"\x7fELF" + bytes(200))
    assert trim_icu.trimmed_icudata(str(not_icu), str(tmp_path / "out.so")) is None
    assert trim_icu.trimmed_icudata(str(tmp_path / "missing"), str(tmp_path / "o.so")) is None


def test_what_is_kept():
    assert trim_icu.keep("icudt73l/coll/zh.res")
    assert trim_icu.keep("icudt73l/zh.res") and trim_icu.keep("icudt73l/cnvalias.icu")
    assert trim_icu.keep("icudt73l/zoneinfo64.res")
    assert not trim_icu.keep("icudt73l/brkitr/char.brk")
    assert not trim_icu.keep("icudt73l/zone/en.res")
    assert not trim_icu.keep("icudt73l/ibm-1208_p100-2001.cnv")
