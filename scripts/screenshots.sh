#!/usr/bin/env bash
# Remakes docs/screenshots/*.png, the README's pictures: PostDesk on a fresh embedded demo database
# (its own data folder under /tmp, deleted afterwards) in a real X window on a virtual 1280x800
# screen. The walk through the screens is src/test/java/io/postdesk/ui/ScreenTour.java, a TestFX
# class that `mvn verify` never runs (its name matches no test pattern).
#
#   scripts/screenshots.sh [extra Maven arguments, e.g. -o]
#
# Needs xvfb-run (Debian: xvfb) and GTK 3 (libgtk-3-0), a JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in xvfb-run mvn; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing (Debian: apt-get install xvfb maven)" >&2; exit 2; }
done
data=$(mktemp -d /tmp/postdesk-screenshots.XXXXXX)
trap 'rm -rf "$data"' EXIT
# Stale target/classes/db/migration scripts from another branch would be migrated too.
rm -rf target/classes/db
# No window manager: the windows are drawn bare (no title bars), the same on every machine.
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  mvn -B -q -Dpostdesk.cds.skip=true -Dtest=ScreenTour -Dsurefire.failIfNoSpecifiedTests=false \
      -Dpostdesk.tourData="$data/data" -Dpostdesk.screenshots="$PWD/docs/screenshots" "$@" test
ls -l docs/screenshots/*.png
