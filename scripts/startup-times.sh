#!/usr/bin/env bash
# How long a real launch takes to show its window and its first page of posts, with and without
# the class-data archive, read from the lines the app logs ("Start-up: window shown N ms after the
# JVM started", "Start-up: first page painted N ms after the JVM started"). Each launch runs in a
# virtual X screen (xvfb-run) on one embedded demo database (made by an untimed first launch) and is
# stopped once its first page is painted.
#
#   mvn -q -DskipTests package          # target/postdesk.jar and target/postdesk.jsa
#   scripts/startup-times.sh [RUNS]     # default 3 runs of each kind, taking turns
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
# STARTUP_TIMES_DATA: a data folder of an earlier run to time again (kept), instead of a new one.
if [[ -n ${STARTUP_TIMES_DATA:-} ]]; then
  data=$STARTUP_TIMES_DATA
else
  data=$(mktemp -d "${TMPDIR:-/tmp}/startup-times.XXXXXX")
  trap 'rm -rf "$data"' EXIT
fi
export POSTDESK_DATA_DIR=$data
log=$data/logs/postdesk.log
archive=(-XX:SharedArchiveFile=target/postdesk.jsa -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr)

count() { # how many lines of the log hold $1 so far; 0 before the log exists
  if [[ -f $log ]]; then grep -c "$1" "$log" || true; else echo 0; fi
}

launch() { # $1: label, $2: the log line to wait for; the rest: JVM options
  local label=$1 until=$2; shift 2
  local before; before=$(count "$until")
  first_pages=$(count "first page painted")
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" java "$@" -jar target/postdesk.jar >/dev/null 2>&1 &
  local pid=$! deadline=$((SECONDS + 300))
  while (( $(count "$until") <= before && SECONDS < deadline )); do sleep 0.5; done
  if [[ $until == "window shown" ]]; then # then up to a minute more for the first page
    deadline=$((SECONDS + 60))
    while (( $(count "first page painted") <= first_pages && SECONDS < deadline )); do sleep 0.5; done
  fi
  # The JVM, xvfb-run's child, ends on SIGTERM (its shutdown hook stops the embedded server); then xvfb-run
  # stops its X server.
  for child in $(pgrep -P "$pid" || true); do
    [[ $(cat "/proc/$child/comm" 2>/dev/null) == java ]] && kill -TERM "$child" 2>/dev/null || true
  done
  wait "$pid" 2>/dev/null || true
  [[ $label == warm-up ]] && return
  local shown painted
  shown=$( (grep "window shown" "$log" || true) | tail -1 | sed -E 's/.*shown ([0-9]+) ms.*/\1/')
  painted=$( (grep "first page painted" "$log" || true) | tail -1 | sed -E 's/.*painted ([0-9]+) ms.*/\1/')
  (( $(count "first page painted") > first_pages )) || painted="(none)"
  printf '%-16s window shown %6s ms   first page %6s ms\n' "$label" "$shown" "$painted"
}

[[ -d $data/pgdata ]] || launch warm-up "Loaded the demo data" # creates the embedded database and its demo rows
for i in $(seq 1 "$runs"); do
  launch "with archive" "window shown" "${archive[@]}"
  launch "without" "window shown" -Xshare:auto
done
