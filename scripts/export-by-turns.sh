#!/usr/bin/env bash
# The whole `postdesk export posts` command against psql's \copy of the same join, by turns: the jar
# with the class-data archive (as the installed app runs), plain `java -jar`, then psql; ROUNDS rounds
# per database, each line one round in ms, then the medians and ratios. Single runs of a 1.2 GB export
# vary by about 10 % on a shared disk, so compare medians of runs taken by turns, not one row after another.
#
#   mvn -q -DskipTests package    # target/postdesk.jar and target/postdesk.jsa
#   scripts/export-by-turns.sh ROUNDS postgres://user:password@host:port/db [more URLs]
#
# The password, if any, percent-encoded in the URL; psql gets the same URL.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1; shift
jar=$PWD/target/postdesk.jar; archive=$PWD/target/postdesk.jsa
query="SELECT p.id, u.username AS author, p.title, p.content, p.published, p.created_at, p.updated_at
       FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.created_at DESC, p.id DESC"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for url in "$@"; do
  echo "== ${url##*@} (load $(cut -d' ' -f1-3 /proc/loadavg))"
  : > "$work/times"
  for round in $(seq 1 "$rounds"); do
    line="round $round"
    for kind in archive plain psql; do
      rm -f "$work/out.csv"; sync
      start=$(date +%s%N)
      case $kind in
        psql) psql -X -q "$url" -c "\\copy ($query) to '$work/out.csv' csv header" ;;
        archive) DATABASE_URL=$url POSTDESK_DATA_DIR=$work/data java -Xmx256m -XX:SharedArchiveFile="$archive" \
                   -jar "$jar" export posts --out "$work/out.csv" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; } ;;
        plain) DATABASE_URL=$url POSTDESK_DATA_DIR=$work/data java -Xmx256m \
                 -jar "$jar" export posts --out "$work/out.csv" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; } ;;
      esac
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      line="$line $kind $ms"; echo "$kind $ms" >> "$work/times"
    done
    echo "$line"
  done
  psql_ms=$(awk '$1=="psql"{print $2}' "$work/times" | median)
  for kind in archive plain; do
    ms=$(awk -v k=$kind '$1==k{print $2}' "$work/times" | median)
    awk -v k=$kind -v a="$ms" -v b="$psql_ms" 'BEGIN {printf "median %-8s %8.0f ms  psql %8.0f ms  ratio %.2fx\n", k, a, b, a/b}'
  done
done
