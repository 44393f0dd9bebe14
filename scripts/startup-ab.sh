#!/usr/bin/env bash
# A/B start-up of several builds of PostDesk on a shared machine: real launches under Xvfb, taking
# turns build by build, each with its own class-data archive and its own embedded demo database,
# printing per launch the wall time to the "first page painted" log line, the JVM's CPU time by then,
# the app's "window shown" and "first page painted" figures and its start-up record (StartupTimes).
#
#   scripts/startup-ab.sh ROUNDS NAME=DIR ...     # DIR: a checkout whose target/ holds postdesk.jar and .jsa
#   e.g. git worktree add /tmp/old fe80fc6 && (cd /tmp/old && mvn -q -DskipTests package)
#        scripts/startup-ab.sh 3 old=/tmp/old new=.
#
# Options by environment: PLAIN=1 starts without the archive; PRIO=1 (root) runs each launch in a
# scheduler group of its own at nice -20, the embedded server too, so that other users' load weighs
# on it about as on a quiet machine (autogroups share the CPU between sessions); DATA=DIR keeps the
# data folders (DIR/NAME) between calls. The first launch of each build makes its demo database and
# is not timed.
set -uo pipefail
rounds=${1:?usage: startup-ab.sh ROUNDS NAME=DIR ...}; shift
data_root=${DATA:-$(mktemp -d "${TMPDIR:-/tmp}/startup-ab.XXXXXX")}
[[ -n ${DATA:-} ]] || trap 'rm -rf "$data_root"' EXIT

count() { if [[ -f $1 ]]; then grep -c "$2" "$1" || true; else echo 0; fi; }

# launch NAME DIR UNTIL: one launch until the log has one more UNTIL line (or 180 s), then SIGTERM.
launch() {
  local name=$1 dir=$2 until=$3 data=$data_root/$1
  local log=$data/logs/postdesk.log jvm=() prio=()
  [[ -n ${PLAIN:-} ]] || jvm=(-XX:SharedArchiveFile="$dir/target/postdesk.jsa" -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr)
  [[ -n ${PRIO:-} ]] && prio=(setsid bash -c 'echo -20 > /proc/self/autogroup; exec nice -n -20 "$@"' prio)
  local before; before=$(count "$log" "$until")
  local t0; t0=$(date +%s%N)
  POSTDESK_DATA_DIR=$data "${prio[@]}" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    java "${jvm[@]}" -jar "$dir/target/postdesk.jar" >/dev/null 2>&1 &
  local pid=$!
  if [[ -n ${PRIO:-} ]]; then # pg_ctl starts the postmaster in a session of its own: give it the priority too
    ( while kill -0 "$pid" 2>/dev/null; do
        if read -r pm 2>/dev/null < "$data/pgdata/postmaster.pid" && [[ -n $pm && -e /proc/$pm ]]; then
          echo -20 > "/proc/$pm/autogroup" 2>/dev/null; renice -n -20 -p "$pm" >/dev/null 2>&1; break
        fi
        sleep 0.01
      done ) &
  fi
  local deadline=$((SECONDS + 180))
  while (( $(count "$log" "$until") <= before && SECONDS < deadline )); do sleep 0.1; done
  local t1; t1=$(date +%s%N)
  local jvm_pid; jvm_pid=$(pgrep -P "$pid" -x java || true)
  local cpu; cpu=$(awk '{printf "%d", ($14 + $15) * 1000 / 100}' "/proc/$jvm_pid/stat" 2>/dev/null || echo -)
  sleep 0.5
  [[ -n $jvm_pid ]] && kill -TERM "$jvm_pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [[ $until == "first page painted" ]] || return 0
  local line shown
  line=$(grep "first page painted" "$log" | tail -1)
  shown=$( (grep "window shown" "$log" || true) | tail -1 | sed -E 's/.*shown ([0-9]+) ms.*/\1/')
  printf '%-10s wall %5d  cpu %5s  shown %5s  painted %5s  load %s | %s\n' "$name" $(((t1 - t0) / 1000000)) \
    "$cpu" "${shown:--}" "$(sed -E 's/.*painted ([0-9]+) ms.*/\1/' <<<"$line")" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(sed -E 's/.*JVM started \((.*)\)$/\1/' <<<"$line")"
}

for spec in "$@"; do
  name=${spec%%=*} dir=$(cd "${spec#*=}" && pwd)
  [[ -d $data_root/$name/pgdata ]] || launch "$name" "$dir" "Loaded the demo data"
done
for _ in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    launch "${spec%%=*}" "$(cd "${spec#*=}" && pwd)" "first page painted"
  done
done
