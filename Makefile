# Everything installs from nothing into .venv; `make test` is what CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Libraries Qt loads even offscreen (Debian names); installed only where missing.
QT_LIBS := libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0

.PHONY: setup system-deps run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# On Debian/Ubuntu as root, apt-get installs what is missing; elsewhere it says what is.
system-deps:
	@command -v dpkg >/dev/null || exit 0; \
	missing=$$(for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "Qt needs these system packages: $$missing (install them, then run make again)"; exit 1; fi

run: setup
	$(BIN)/ipcscope

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist *.egg-info
