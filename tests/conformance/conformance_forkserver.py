"""CPython's multiprocessing tests under forkserver, as test.test_multiprocessing_forkserver
builds them (run by compare.py, plain and through `ipcscope trace`)."""
import unittest

import test._test_multiprocessing as _tests

_tests.install_tests_in_module_dict(globals(), "forkserver")

if __name__ == "__main__":
    unittest.main()
