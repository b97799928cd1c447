#!/bin/sh
# Put IPC Scope in the desktop's application menu, for this user only:
#   icons  -> ${XDG_DATA_HOME:-~/.local/share}/icons/hicolor/<size>/apps/ipcscope.png
#   entry  -> ${XDG_DATA_HOME:-~/.local/share}/applications/ipcscope.desktop
# whose Exec is the bundle this script sits in (dist/ipcscope/), or the one given:
#   ./install-desktop-entry.sh [BUNDLE_DIR]
# Run it again after moving the bundle; remove the two kinds of files to undo it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -gt 0 ]; then bundle=$1
elif [ -x "$here/ipcscope" ]; then bundle=$here        # the copy inside dist/ipcscope/
else bundle=$here/../dist/ipcscope; fi                 # packaging/ in the source tree
if [ ! -x "$bundle/ipcscope" ]; then
  echo "install-desktop-entry: no ipcscope executable in $bundle (run make bundle first)" >&2
  exit 1
fi
bundle=$(cd "$bundle" && pwd)
icons=$bundle/_internal/ipcscope/resources/icons
desktop=$bundle/ipcscope.desktop
[ -f "$desktop" ] || desktop=$here/ipcscope.desktop
data=${XDG_DATA_HOME:-$HOME/.local/share}
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$icons/ipcscope-$size.png" "$data/icons/hicolor/${size}x${size}/apps/ipcscope.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications"
cp "$icons/ipcscope.svg" "$data/icons/hicolor/scalable/apps/ipcscope.svg"
exe=$bundle/ipcscope
sed -e "s|^Exec=.*|Exec=\"$exe\"|" -e "s|^TryExec=.*|TryExec=$exe|" "$desktop" \
  > "$data/applications/ipcscope.desktop"
chmod 644 "$data/applications/ipcscope.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "IPC Scope is in the application menu: $data/applications/ipcscope.desktop -> $exe"
