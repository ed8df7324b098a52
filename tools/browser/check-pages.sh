#!/usr/bin/env bash
# Starts `korpu demo` on a throw-away data folder and checks pages in headless Chromium:
# accessibility (axe-core, WCAG 2.1 A/AA) and "nothing loaded from other hosts", for visitors
# and for each demo role. With --shots DIR it also writes desktop and phone screenshots.
#
#   tools/browser/check-pages.sh [--shots DIR] [--binary target/debug/korpu]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="$root/target/debug/korpu"
shots=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shots) shots="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
data="$(mktemp -d)"
log="$data/korpu.log"
RUST_LOG=warn KORPU_MAIL_WORKER=false "$binary" demo --addr "127.0.0.1:$port" --data-dir "$data" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null || { cat "$log"; exit 1; }

password="$(sed -n 's/^.*password: \(.*\)):$/\1/p' "$log" | head -1)"

# Signs in and prints the session cookie (name=value).
sign_in() {
  local jar="$data/jar-$1" csrf
  csrf="$(curl -fsS -c "$jar" "$base/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -fsS -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=$1" --data-urlencode "password=$password" \
    "$base/sign-in"
  awk '$6 == "korpu_session" { print $6 "=" $7 }' "$jar"
}

# Pages per role. Keep in step with the navigation.
public_pages=(/ /sign-in /password/forgot /privacy /no-such-page@404 /volunteer/apply /volunteer/applied /volunteer/resend)
declare -A role_pages=(
  [admin@demo.korpu.az]="/dashboard /account /admin/users /admin/users/new /admin/regions /admin/skills /admin/audit /admin/outbox /admin/training /admin/training/3 /import /clients /clients/9"
  [leyla.coordinator@demo.korpu.az]="/dashboard /account /clients /clients/new /clients/1 /clients/4 /clients/1/edit /clients/1/orders/new /clients/1/restrictions/new /clients/4/restrictions/new?kind=permitted_area /clients/1/close /volunteers /volunteers?stage=approved /volunteers/1 /volunteers/6 /volunteers/11 /sites /sites/new /sites/1 /sites/1/edit /sites/map /professionals /professionals/new /professionals/1 /professionals/1/edit /clients/1/suggestions /clients/1/suggestions?kind=mentor /clients/1/suggestions?kind=psychologist /clients/1/suggestions?kind=site&why=2 /batch"
  [supervisor@demo.korpu.az]="/dashboard /sites /sites/1 /sites/map /supervisor/clients"
  [mentor@demo.korpu.az]="/dashboard /account /me/volunteer /me/mentees"
  [psychologist@demo.korpu.az]="/dashboard /me/referrals"
)

status=0
cd "$here"
node a11y.mjs "$base" "${public_pages[@]}" || status=1
[ -n "$shots" ] && { node shots.mjs "$base" "$shots/public" "${public_pages[@]}" || status=1; }
for email in "${!role_pages[@]}"; do
  cookie="$(sign_in "$email")"
  [ -n "$cookie" ] || { echo "could not sign in as $email" >&2; status=1; continue; }
  # shellcheck disable=SC2086
  KORPU_COOKIE="$cookie" node a11y.mjs "$base" ${role_pages[$email]} || status=1
  if [ -n "$shots" ]; then
    # shellcheck disable=SC2086
    KORPU_COOKIE="$cookie" node shots.mjs "$base" "$shots/${email%%@*}" ${role_pages[$email]} || status=1
  fi
done
exit $status
