# Everything installs from nothing into .venv; `make test` is what CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Libraries Qt loads even offscreen (Debian names); installed only where missing.
QT_LIBS := libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-noto-cjk
# ...and what its xcb platform plugin loads for a real window on an X desktop (Qt 6.5+);
# a fresh desktop often lacks some (`make run` aborted in Qt for want of libxcb-icccm4).
# Where they cannot be installed, the app names the missing ones (gui/xcb_libs.py).
XCB_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
            libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 \
            libxcb-shape0 libxcb-randr0

.PHONY: setup system-deps run test bench bench-trace bench-long conformance clean bundle bundle-check bundle-deps bundle-tools

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian packages $(1) that are missing: installed with apt-get as root on Debian/Ubuntu;
# elsewhere, "$(2) needs these system packages: ..." and a failure.  (No dpkg: not Debian,
# nothing to check.)
define install_missing
@command -v dpkg >/dev/null || exit 0; \
missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
[ -z "$$missing" ] && exit 0; \
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
else echo "$(2) needs these system packages: $$missing (install them, then run make again)"; exit 1; fi
endef

system-deps:
	$(call install_missing,$(QT_LIBS) $(XCB_LIBS),Qt)

# ARGS: the window's options, e.g. make run ARGS="--screenshot shot.png --after 5"
run: setup
	$(BIN)/ipcscope $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/trace_bench.py

# `ipcscope trace` against `python` on the same programs, whole processes (benchmarks/programs)
bench-trace: setup
	$(BIN)/python benchmarks/trace_bench.py

# The supervisor's RSS against run length (1, 10 and 60 minutes of flood: ~75 min in
# all; not in CI): a flat line is the goal (benchmarks/memory_bench.py)
bench-long: setup
	$(BIN)/python benchmarks/memory_bench.py --minutes 1 10 60 --issue
	$(BIN)/python benchmarks/memory_bench.py --window --minutes 1 10 60

# CPython's multiprocessing tests, plain and under `ipcscope trace`: every WithProcesses*
# and WithManager* class, each start method; fails if a traced count differs.
conformance: setup
	@status=0; for method in spawn fork forkserver; do \
	  $(BIN)/python tests/conformance/compare.py --method $$method || status=1; \
	done; exit $$status

clean:
	rm -rf $(VENV) build dist *.egg-info

# --- the double-click app (packaging/README-bundle.md) ---------------------------------
# `make bundle` builds dist/ipcscope/ from a clean checkout: the venv, PyInstaller, the
# spec.  `make bundle-check` runs the built binary: its self-test, the bundle tests
# (tests/packaging: start methods, forced stops, a real xcb window under Xvfb, size) and
# the launch-to-window time.
BUNDLE         := dist/ipcscope/ipcscope
BUNDLE_STAMP   := $(VENV)/.pyinstaller
BUNDLE_SOURCES := $(shell find core gui -name '*.py' 2>/dev/null) $(wildcard resources/icons/*) \
                  $(wildcard packaging/*.py packaging/*.spec packaging/*.desktop packaging/*.sh)
# Xvfb (a real X server without a screen), and the xcb libraries Qt loads on it.
XVFB_DEPS := xvfb xauth $(XCB_LIBS)
XVFB_RUN  := xvfb-run -a -s "-screen 0 1280x800x24"

bundle: $(BUNDLE)

$(BUNDLE_STAMP): $(STAMP) packaging/requirements-bundle.txt
	$(BIN)/python -m pip install --quiet -r packaging/requirements-bundle.txt
	touch $@

$(BUNDLE): $(BUNDLE_STAMP) $(BUNDLE_SOURCES)
	@$(MAKE) --no-print-directory bundle-tools
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/ipcscope.spec
	touch $@
	@du -sb dist/ipcscope | awk '{printf "dist/ipcscope: %d bytes (%.1f MB)\n", $$1, $$1 / 1e6}'

# binutils' strip: the spec strips Python's own libraries (libpython 23 MB -> 6 MB).
bundle-tools:
	@command -v strip >/dev/null && exit 0; command -v dpkg >/dev/null || exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils; \
	else echo "note: without strip (binutils) the bundle is ~17 MB bigger"; fi

bundle-deps:
	$(call install_missing,$(XVFB_DEPS),The bundle check)

bundle-check: $(BUNDLE) bundle-deps
	$(BUNDLE) --self-test
	IPCSCOPE_REQUIRE_BUNDLE=1 $(BIN)/python -m pytest tests/packaging
	$(XVFB_RUN) $(BIN)/python packaging/measure_startup.py --runs 5
