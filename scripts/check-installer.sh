#!/usr/bin/env bash
# Checks PostDesk's Linux installer end to end (issue 13). Not part of `mvn verify`: it builds the .deb,
# installs it, and starts the installed PostDesk as a throwaway user with an empty home folder.
#
#   sudo scripts/check-installer.sh             # build (mvn -Pinstaller -DskipTests package), then check
#   sudo scripts/check-installer.sh --no-build  # check what target/installer/ holds
#   CHECK_ROUNDS=N: after the first and second starts, N more of each kind taking turns (default 3)
#
# It prints the sizes of the .deb and the app image and the time from launch to the first page of posts
# (installed launcher beside `java -jar` with the class-data archive, each on a fresh home and again on
# the same home), runs `postdesk --version` and an export through the installed command, starts the app
# image with no Java on PATH and JAVA_HOME unset, and checks that nothing was written into /opt/postdesk
# (nor into the app image), that JavaFX unpacked nothing into the home folder, and that an upgrade to a higher
# version and a removal keep the data: a post imported before the upgrade is exported the same after it and
# after the removal, from the same PostgreSQL cluster (no second initdb, no second demo load), and the
# upgraded package's class-data archive fits. Fails (exit 1, "FAIL: ...") on the first mismatch.
# Needs root (dpkg, useradd), Debian or Ubuntu; installs xvfb, fakeroot and GTK 3 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "check-installer: run as root (it installs the .deb and adds a throwaway user)" >&2; exit 2; }

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v fakeroot >/dev/null || need+=(fakeroot)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
dpkg -s libgl1 >/dev/null 2>&1 || need+=(libgl1)
if ((${#need[@]})); then
  echo "check-installer: installing ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [[ ${1:-} != --no-build ]]; then
  mvn -B -q -Pinstaller -DskipTests package
fi
deb=$(ls target/installer/postdesk_*.deb)
image=target/installer/PostDesk
jar=$PWD/target/postdesk.jar
java=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
[[ -f $deb && -d $image && -f $jar && -f target/postdesk.jsa ]] || { echo "check-installer: build first" >&2; exit 2; }

work=$(mktemp -d /tmp/postdesk-check.XXXXXX)
chmod 755 "$work"
user=pdcheck$$
useradd -M -d "$work/home" -s /bin/sh "$user"
display=
for n in $(seq 140 180); do [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || { display=:$n; break; }; done
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp -ac >/dev/null 2>&1 &
xvfb=$!
app=
installed=
cleanup() {
  [[ -n $app ]] && { pkill -TERM -P "$app"; kill "$app"; } 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  stop_server
  # A check that failed half-way leaves no PostDesk installed behind it.
  [[ -n $installed ]] && dpkg -r postdesk >/dev/null 2>&1 || true
  userdel "$user" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
problems=()
problem() { echo "PROBLEM: $*" >&2; problems+=("$*"); }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
data=$work/home/.local/share/postdesk
log=$data/logs/postdesk.log
# The database's identity: PostgreSQL's system identifier, the first 8 bytes of global/pg_control, set by
# initdb. Another initdb (or another cluster) gives another number.
cluster_id() { od -An -tu8 -N8 "$data/pgdata/global/pg_control" | tr -d ' '; }
# log_count TEXT: how many lines of the log hold TEXT.
log_count() { grep -c "$1" "$log" || true; }

# Stops the embedded PostgreSQL of the current home folder if one is still running (by its own pid file).
stop_server() {
  local pid_file=$data/pgdata/postmaster.pid
  for _ in $(seq 1 100); do [[ -f $pid_file ]] || return 0; sleep 0.2; done
  local pid
  pid=$(head -1 "$pid_file" 2>/dev/null) && [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  sleep 2
}

# A fresh, empty home folder for the throwaway user.
fresh_home() {
  rm -rf "$work/home" && mkdir -p "$work/home" && chown "$user" "$work/home"
}

# as_user PATH COMMAND...: runs as the throwaway user with a clean environment (no JAVA_HOME).
as_user() {
  local path=$1; shift
  runuser -u "$user" -- env -i HOME="$work/home" USER="$user" LANG=C.UTF-8 DISPLAY="$display" PATH="$path" "$@"
}

# first_page LABEL PATH COMMAND...: starts the window, waits for the log line of the first page painted,
# prints launch -> first page (wall clock, and as the app logged it), then quits the app.
first_page() {
  local label=$1 path=$2; shift 2
  local before=0
  [[ -f $log ]] && before=$(grep -c "first page painted" "$log" || true)
  local start=$(date +%s%N)
  as_user "$path" "$@" >"$work/stdout" 2>"$work/stderr" &
  app=$!
  local waited=0
  until [[ -f $log ]] && (( $(grep -c "first page painted" "$log" || true) > before )); do
    sleep 0.05
    waited=$((waited + 1))
    kill -0 "$app" 2>/dev/null || { cat "$work/stderr" >&2; fail "$label: ended before the first page"; }
    if ((waited >= 1200)); then
      problem "$label: no \"first page painted\" log line within 60 s"
      tail -5 "$log" | cut -c1-300 | sed 's/^/  log: /' >&2
      local kept=/tmp/check-installer-problem-$(date +%s).log
      cp "$log" "$kept" && echo "  the whole log: $kept (the home folder is removed at the end)" >&2
      stop_app
      return 0
    fi
  done
  local end=$(date +%s%N)
  local logged=$(grep "first page painted" "$log" | tail -1 | sed -E 's/.*painted ([0-9]+) ms.*/\1/')
  printf '%-52s %6d ms   (app: %s ms after JVM start)\n' "$label" $(((end - start) / 1000000)) "$logged"
  [[ -s $work/stdout ]] && fail "$label: wrote to stdout: $(head -3 "$work/stdout")"
  stop_app
}

# Ends the started PostDesk as a desktop session would (SIGTERM: its shutdown hook stops the embedded
# server) and waits for it. The signal goes to PostDesk itself, runuser's child: runuser did not pass it
# on, so the app kept running (and its data folder locked) into the next start, which then said "Another
# PostDesk is already using the data folder" and never showed a page.
stop_app() {
  local child
  child=$(pgrep -P "$app" || true)
  kill -TERM ${child:-$app} 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=
  stop_server
}

echo "== java -jar with the class-data archive (load: $(uptime | sed 's/.*load average/load average/'))"
fresh_home
jar_line=("$java" -XX:SharedArchiveFile="${jar%.jar}.jsa" -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -jar "$jar")
first_page "java -jar with the archive, empty home (first start)" /usr/bin:/bin "${jar_line[@]}"
first_page "java -jar with the archive, second start" /usr/bin:/bin "${jar_line[@]}"

# A package build still writing its .deb (DebPackage writes NAME.deb.tmp, then renames it): wait for it.
while compgen -G "target/installer/*.deb.tmp" >/dev/null; do sleep 5; done
echo "== install $deb"
# jpackage's postinst runs xdg-desktop-menu, which needs the system menu folders a desktop has (a minimal
# container lacks them and the package would stay half-configured).
mkdir -p /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus
installed=yes
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null  # pulls in its dependencies (xdg-utils, GTK 3, OpenGL)
dpkg -s postdesk | grep -E '^(Version|Depends|Installed-Size):'
[[ -x /usr/bin/postdesk ]] || fail "no /usr/bin/postdesk"
grep -E '^(Name|Exec|Icon|Categories)=' /usr/share/applications/postdesk-PostDesk.desktop || fail "no menu entry"
ls /usr/share/icons/hicolor/*/apps/postdesk.png | wc -l | xargs echo "icon sizes installed:"
touch "$work/marker"

echo "== installed postdesk (load: $(uptime | sed 's/.*load average/load average/'))"
fresh_home
first_page "installed postdesk, empty home (first start)" /usr/bin:/bin postdesk
[[ -e $work/home/.openjfx ]] && fail "JavaFX unpacked its libraries into the home folder"
first_page "installed postdesk, second start" /usr/bin:/bin postdesk
grep -h "class-data archive" "$log" | tail -1 | sed 's/^/  log: /'
# One start of each kind says little on a shared machine: more starts on the same home, taking turns.
rounds=${CHECK_ROUNDS:-3}
echo "== $rounds more starts of each, taking turns (load: $(uptime | sed 's/.*load average/load average/'))"
# Same user, environment and priority for both; which goes first alternates, so neither always follows the other.
for i in $(seq 1 "$rounds"); do
  if ((i % 2)); then
    first_page "java -jar with the archive, start $((i + 2))" /usr/bin:/bin "${jar_line[@]}"
    first_page "installed postdesk, start $((i + 2))" /usr/bin:/bin postdesk
  else
    first_page "installed postdesk, start $((i + 2))" /usr/bin:/bin postdesk
    first_page "java -jar with the archive, start $((i + 2))" /usr/bin:/bin "${jar_line[@]}"
  fi
done
grep -q "fits this runtime and jar" "$log" || problem "the installed archive does not fit"


echo "== the installed command"
as_user /usr/bin:/bin postdesk --version
as_user /usr/bin:/bin postdesk export posts --out "$work/home/posts.csv" --published || fail "export failed"
set +e; as_user /usr/bin:/bin postdesk export nothing 2>/dev/null; code=$?; set -e
echo "postdesk export nothing: exit code $code (2 expected)"; ((code == 2)) || fail "exit code $code"

changed=$(find /opt/postdesk -newer "$work/marker" | head -5)
[[ -z $changed ]] || fail "written inside /opt/postdesk at run time: $changed"
echo "nothing written inside /opt/postdesk"

echo "== upgrade to a higher version keeps the data"
# A change of the user's own before the upgrade: one post imported through the installed command.
title="Kept across the upgrade $$ $(date +%s)"
printf 'author,title,content,published\nalice,%s,Imported by check-installer.sh before the upgrade,true\n' "$title" \
  >"$work/home/upgrade-check.csv"
chown "$user" "$work/home/upgrade-check.csv"
as_user /usr/bin:/bin postdesk import posts "$work/home/upgrade-check.csv" || fail "import before the upgrade failed"
as_user /usr/bin:/bin postdesk export posts --out "$work/home/before-upgrade.csv" || fail "export before the upgrade failed"
grep -qF "$title" "$work/home/before-upgrade.csv" || fail "the imported post is not in the export"
id_before=$(cluster_id)
initdb_before=$(log_count "initdb ")
demo_before=$(log_count "Loaded the demo data")
echo "before: the imported post is exported; cluster $id_before; initdb ran $initdb_before time(s)," \
  "the demo was loaded $demo_before time(s)"

# The same package with a higher version: repacked, not built again (a second build of the profile takes as
# long as the first). Same files with the same times, so its archive fits exactly as a newly built one's does;
# what is tested is dpkg's upgrade (the old package's prerm, files replaced, the new one's postinst) over
# the data of a user who used the old one.
version=$(dpkg-deb -f "$deb" Version)
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)(-.*)?$ ]] || fail "unexpected package version $version"
upgrade_version=${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.$((BASH_REMATCH[3] + 1))${BASH_REMATCH[4]}
dpkg --compare-versions "$upgrade_version" gt "$version" || fail "$upgrade_version is not above $version"
dpkg-deb -R "$deb" "$work/upgrade-tree"
sed -i "s/^Version: .*/Version: $upgrade_version/" "$work/upgrade-tree/DEBIAN/control"
upgrade_deb=$work/postdesk_${upgrade_version}_amd64.deb
# gzip -1: seconds instead of xz's minutes; only this check ever installs it.
dpkg-deb --root-owner-group -Zgzip -z1 -b "$work/upgrade-tree" "$upgrade_deb" >/dev/null
rm -rf "$work/upgrade-tree"
chmod 644 "$upgrade_deb"
echo "upgrade $version -> $upgrade_version ($(basename "$upgrade_deb"), the same files repacked)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$upgrade_deb" >/dev/null
[[ $(dpkg-query -W -f='${Version} ${db:Status-Status}' postdesk) == "$upgrade_version installed" ]] \
  || fail "after the upgrade dpkg says: $(dpkg-query -W -f='${Version} ${db:Status-Status}' postdesk)"
[[ -x /usr/bin/postdesk ]] || fail "the upgrade lost /usr/bin/postdesk"
[[ -f /usr/share/applications/postdesk-PostDesk.desktop ]] || fail "the upgrade lost the menu entry"
touch "$work/marker"
first_page "installed postdesk after the upgrade, same home" /usr/bin:/bin postdesk
archive_line=$(grep -h "class-data archive" "$log" | tail -1)
echo "  log: $archive_line"
[[ $archive_line == *"fits this runtime and jar"* ]] || fail "the upgraded package's archive does not fit"
as_user /usr/bin:/bin postdesk export posts --out "$work/home/after-upgrade.csv" || fail "export after the upgrade failed"
[[ $(cluster_id) == "$id_before" ]] || fail "the upgrade made another database: cluster $(cluster_id), was $id_before"
(($(log_count "initdb ") == initdb_before)) || fail "initdb ran again after the upgrade"
(($(log_count "Loaded the demo data") == demo_before)) || fail "the demo data was loaded again after the upgrade"
cmp -s "$work/home/before-upgrade.csv" "$work/home/after-upgrade.csv" \
  || fail "the posts differ after the upgrade: $(diff "$work/home/before-upgrade.csv" "$work/home/after-upgrade.csv" | head -3)"
changed=$(find /opt/postdesk -newer "$work/marker" | head -5)
[[ -z $changed ]] || fail "written inside /opt/postdesk at run time after the upgrade: $changed"
echo "after the upgrade: same cluster, no initdb, no demo load, the same posts (the imported one too), archive fits"

echo "== removal keeps the data"
dpkg -L postdesk > "$work/package-files"
dpkg -r postdesk >/dev/null
installed=
[[ ! -e /usr/bin/postdesk && ! -e /opt/postdesk ]] || fail "removal left program files"
# Everything the package installed is gone (folders others share, such as the icon theme's, may stay),
# and so is what its scripts made: the menu entry (xdg-desktop-menu) and dpkg's own record.
left=$(while read -r path; do if [[ -e $path && ! -d $path ]]; then echo "$path"; fi; done < "$work/package-files")
[[ -z $left ]] || fail "removal left files of the package: $(head -5 <<<"$left")"
menu=$(find /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus -iname '*postdesk*' 2>/dev/null | head -5)
[[ -z $menu ]] || fail "removal left menu files: $menu"
if grep -rqi postdesk /etc/xdg/menus 2>/dev/null; then fail "a menu still names PostDesk"; fi
if dpkg -l postdesk 2>/dev/null | grep -q '^rc'; then fail "dpkg still lists postdesk as removed, not purged (state rc)"; fi
echo "removed: none of the package's $(grep -c . "$work/package-files") paths left (but shared folders), no menu entry"
[[ -f $data/pgdata/global/pg_control && $(cluster_id) == "$id_before" ]] || fail "removal took the data"
# Still the user's data, and still readable: the app image (no Java on PATH, no JAVA_HOME) exports it.
cp -a "$image" "$work/PostDesk"
touch "$work/marker"
as_user /nonexistent "$work/PostDesk/bin/PostDesk" export posts --out "$work/home/after-removal.csv" \
  || fail "the app image could not read the data left by the removal"
cmp -s "$work/home/before-upgrade.csv" "$work/home/after-removal.csv" || fail "the posts differ after the removal"
echo "the data folder stayed (same cluster; the app image exports the same posts), the program files went"

echo "== the app image with no Java on PATH and JAVA_HOME unset"
as_user /nonexistent "$work/PostDesk/bin/PostDesk" --version
fresh_home
first_page "app image, no JDK, empty home" /nonexistent "$work/PostDesk/bin/PostDesk"
grep -h "class-data archive" "$log" | tail -1 | sed 's/^/  log: /'
changed=$(find "$work/PostDesk" -newer "$work/marker" | head -5)
[[ -z $changed ]] || fail "written inside the app image at run time: $changed"
echo "nothing written inside the app image"

echo "== sizes"
printf '%-40s %s\n' "$(basename "$deb")" "$(mb "$(stat -c %s "$deb")")"
printf '%-40s %s\n' "app image (target/installer/PostDesk)" "$(mb "$(du -sb "$image" | cut -f1)")"
printf '%-40s %s\n' "installed (Installed-Size)" "$(mb "$(($(dpkg-deb -f "$deb" Installed-Size) * 1024))")"
(($(stat -c %s "$deb") < 90000000)) || problem "the .deb is 90 MB or more"
echo "load: $(uptime | sed 's/.*load average/load average/')"
((${#problems[@]} == 0)) || { echo "check-installer: ${#problems[@]} problem(s): ${problems[*]}"; exit 1; }
echo "check-installer: all checks passed"
