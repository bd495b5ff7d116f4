#!/usr/bin/env bash
# Captures real directory listings and control replies from vsftpd, ProFTPD, Pure-FTPd and Apache
# MINA FtpServer for the listing-parser tests of ftp-core, byte for byte, into
# ftp-core/src/test/resources/listings/<server>-<version>/. See that directory's README.md.
#
#   sudo scripts/captures/capture-listings.sh
#
# It builds the fixture tree (listing-fixture/) in each server's home, restarts the servers through
# scripts/servers/servers.sh with TZ=UTC, records everything over one FTP session per server in bash
# (/dev/tcp), checks each listing against curl's, rewrites the fixture table in the README, and stops
# the servers again unless they were running before.
set -euo pipefail
export LC_ALL=C TZ=UTC

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_ROOT
readonly SERVERS_SH=$REPO_ROOT/scripts/servers/servers.sh
readonly STATE=$REPO_ROOT/.ftpflux/servers
readonly DATA=$STATE/data
readonly OUT=$REPO_ROOT/ftp-core/src/test/resources/listings
readonly FTP_USER=ftpflux FTP_PASSWORD=ftpflux-secret
readonly MINA_PORT=2124 MINA_VERSION=1.2.1
readonly FIXTURE=listing-fixture
readonly MLST_TARGET=$FIXTURE/size-123456.bin
readonly REPLY_TIMEOUT_SECONDS=10 DATA_TIMEOUT_SECONDS=60
declare -rA PORT=([vsftpd]=2121 [proftpd]=2122 [pure-ftpd]=2123 [mina]=$MINA_PORT)

log() { printf '%s\n' "capture-listings.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root: the fixture needs chown to a foreign uid and the servers need root"

# --- the fixture ---------------------------------------------------------------------------

# All relative mtimes derive from one instant, the capture's minute, so every server sees the
# same tree. Entries whose mtime is not the point of the entry share a fixed one.
NOW_MINUTE=$(date -u +'%Y-%m-%d %H:%M:00')
readonly NOW_MINUTE
readonly FIXED_MTIME='2025-01-02 03:04:05 UTC'
readonly TEXT=$'ftpflux listing fixture\n'
readonly SCRIPT=$'#!/bin/sh\nexit 0\n'

utc() { date -u -d "$1" +'%Y-%m-%d %H:%M:%S UTC'; }

text_file() { printf '%s' "$TEXT" >"$1"; }

# create_fixture <parent>: (re)creates <parent>/listing-fixture.
create_fixture() {
  local root=$1/$FIXTURE
  rm -rf "$root"
  mkdir -p "$root"
  cd "$root"

  text_file .hidden
  : >empty.bin
  printf 'x' >one-byte.bin
  head -c 123456 /dev/zero | tr '\0' 'a' >size-123456.bin
  # Larger than 2^32 bytes, sparse: it takes no disk space.
  truncate -s 5000000000 large-sparse.bin
  mkdir subdir
  text_file subdir/inside.txt
  text_file 'name with spaces.txt'
  text_file '  two leading spaces.txt'
  text_file ./-rf
  text_file 'Grüße 日本.txt'
  # Latin-1 "café.txt": the byte 0xE9 alone is not valid UTF-8.
  text_file $'caf\xe9.txt'
  ln -s one-byte.bin link-to-file
  ln -s subdir link-to-dir
  ln -s does-not-exist broken-link
  mkfifo fifo
  text_file orphan-owner.txt
  text_file mtime-today.txt
  text_file mtime-3-months-ago.txt
  text_file mtime-8-months-ago.txt
  text_file mtime-2-years-ago.txt
  text_file mtime-leap-day-2024.txt
  text_file mtime-tomorrow.txt
  text_file mtime-1999-12-31.txt
  printf '%s' "$SCRIPT" >setuid-exec
  printf '%s' "$SCRIPT" >executable.sh
  mkdir sticky-dir
  text_file private.txt
  text_file no-permissions.txt

  # Owners first: chown clears the setuid bit.
  chown -hR "$FTP_USER:$FTP_USER" "$root"
  chown 54321:54321 orphan-owner.txt
  find . -type f -exec chmod 0644 {} +
  chmod 0755 subdir
  chmod 0644 fifo
  chmod 4755 setuid-exec
  chmod 0755 executable.sh
  chmod 1777 sticky-dir
  chmod 0600 private.txt
  chmod 0000 no-permissions.txt

  local entry
  for entry in .hidden * subdir/inside.txt; do
    touch -h -d "$FIXED_MTIME" -- "$entry"
  done
  touch -d "$(utc "$NOW_MINUTE UTC")" mtime-today.txt
  touch -d "$(utc "$NOW_MINUTE UTC 3 months ago")" mtime-3-months-ago.txt
  touch -d "$(utc "$NOW_MINUTE UTC 8 months ago")" mtime-8-months-ago.txt
  touch -d "$(utc "$NOW_MINUTE UTC 2 years ago")" mtime-2-years-ago.txt
  touch -d '2024-02-29 10:00:00 UTC' mtime-leap-day-2024.txt
  touch -d "$(utc "$NOW_MINUTE UTC 1 day")" mtime-tomorrow.txt
  touch -d '1999-12-31 23:59:59 UTC' mtime-1999-12-31.txt
  # Directories last: creating their entries changed their mtimes.
  touch -d "$FIXED_MTIME" subdir sticky-dir "$root"
  cd - >/dev/null
}

# --- the FTP session -----------------------------------------------------------------------
#
# The captures come from a small FTP client in bash (/dev/tcp), not from curl: curl turns CRLF
# into LF in the ASCII-type listings it writes, and the parsers must see the bytes as sent.
# curl then serves as an independent cross-check of every listing (see cross_check).

# read_reply: copies one complete reply (all lines of a multi-line reply) from fd 3 to stdout,
# byte for byte: CR stays in the line read, and the LF read consumes is written back.
read_reply() {
  local line code
  IFS= read -r -t "$REPLY_TIMEOUT_SECONDS" line <&3 || die "no reply within ${REPLY_TIMEOUT_SECONDS}s"
  [[ $line =~ ^([0-9]{3})([ -]) ]] || die "not an FTP reply line: ${line@Q}"
  printf '%s\n' "$line"
  code=${BASH_REMATCH[1]}
  if [[ ${BASH_REMATCH[2]} == - ]]; then
    while true; do
      IFS= read -r -t "$REPLY_TIMEOUT_SECONDS" line <&3 || die "multi-line $code reply never ended"
      printf '%s\n' "$line"
      [[ $line == "$code "* ]] && break
    done
  fi
}

send() { printf '%s\r\n' "$1" >&3; }

# exchange <command> <reply-file> [expected code prefix]: sends, saves the reply, checks its code.
exchange() {
  send "$1"
  read_reply >"$2"
  if [[ -n ${3:-} && $(head -c 3 "$2") != "$3"* ]]; then
    die "$1: expected a ${3}xx reply, got: $(head -n 1 "$2")"
  fi
}

# data_command <command> <output>: runs a listing command over an EPSV data connection (type A,
# as clients list) and saves the data verbatim. Returns 1, leaving the refusal in <output>.reply,
# when the server answers the command with anything but a 1xx.
data_command() {
  local verb=$1 output=$2 reply=$SCRATCH/reply port
  exchange EPSV "$reply" 229
  [[ $(head -n 1 "$reply") =~ \(\|\|\|([0-9]+)\|\) ]] || die "unreadable EPSV reply: $(<"$reply")"
  port=${BASH_REMATCH[1]}
  exec 4<>"/dev/tcp/127.0.0.1/$port"
  exchange "$verb" "$reply"
  if [[ $(head -c 1 "$reply") != 1 ]]; then
    exec 4<&-
    cp "$reply" "$output.reply"
    return 1
  fi
  timeout "$DATA_TIMEOUT_SECONDS" cat <&4 >"$output" || die "$verb: data connection did not end"
  exec 4<&-
  read_reply >"$reply"
  [[ $(head -c 1 "$reply") == 2 ]] || die "$verb: transfer failed: $(head -n 1 "$reply")"
}

# session <port> <dir>: one control connection that records every capture of one server.
session() {
  local port=$1 dir=$2 scratch=$SCRATCH/reply
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  read_reply >"$dir/GREETING.reply"
  exchange "USER $FTP_USER" "$scratch" 3
  exchange "PASS $FTP_PASSWORD" "$scratch" 2
  exchange SYST "$dir/SYST.reply"
  exchange FEAT "$dir/FEAT.reply"
  exchange "MLST $MLST_TARGET" "$dir/MLST.reply"
  exchange "CWD $FIXTURE" "$scratch" 2
  exchange "TYPE A" "$scratch" 2
  data_command LIST "$dir/LIST.txt" || die "LIST refused: $(<"$dir/LIST.txt.reply")"
  data_command 'LIST -a' "$dir/LIST-a.txt" || die "LIST -a refused: $(<"$dir/LIST-a.txt.reply")"
  data_command NLST "$dir/NLST.txt" || die "NLST refused: $(<"$dir/NLST.txt.reply")"
  if ! data_command MLSD "$dir/MLSD.txt"; then
    mv "$dir/MLSD.txt.reply" "$dir/MLSD.reply"
  fi
  exchange QUIT "$scratch" 2
  exec 3>&-
}

# cross_check <port> <dir>: curl must see each listing as captured, less the CRs it strips.
cross_check() {
  local port=$1 dir=$2 file options
  local url="ftp://$FTP_USER:$FTP_PASSWORD@127.0.0.1:$port/$FIXTURE/"
  for file in LIST.txt LIST-a.txt NLST.txt MLSD.txt; do
    [[ -f $dir/$file ]] || continue
    case $file in
      LIST.txt) options=() ;;
      LIST-a.txt) options=(-X 'LIST -a') ;;
      NLST.txt) options=(-l) ;;
      MLSD.txt) options=(-X MLSD) ;;
    esac
    curl -sS --noproxy '*' --max-time "$DATA_TIMEOUT_SECONDS" "${options[@]}" -o "$SCRATCH/curl" "$url"
    perl -0777 -pe 's/\r\n/\n/g' "$dir/$file" >"$SCRATCH/expected"
    cmp -s "$SCRATCH/curl" "$SCRATCH/expected" ||
      die "curl sees a different $file on port $port: diff $SCRATCH/curl $SCRATCH/expected"
  done
}

# capture <server> <version> <dir-name> <description>
capture() {
  local server=$1 version=$2 name=$3 description=$4 port=${PORT[$1]} dir=$OUT/$3
  log "capturing $name on port $port"
  rm -rf "$dir"
  mkdir -p "$dir"
  session "$port" "$dir"
  cross_check "$port" "$dir"
  write_properties "$server" "$version" "$description" "$dir" >"$dir/capture.properties"
}

write_properties() {
  local server=$1 version=$2 description=$3 dir=$4
  cat <<EOF
# Written by scripts/captures/capture-listings.sh; the files beside it are raw bytes.
server=$server
server.version=$version
server.description=$description
captured.at=$CAPTURED_AT
server.timezone=$TZ
fixture.directory=/$FIXTURE/
fixture.now=$(date -u -d "$NOW_MINUTE UTC" +'%Y-%m-%dT%H:%M:%SZ')
client=scripts/captures/capture-listings.sh (bash /dev/tcp), cross-checked with $(curl --version | head -n 1 | cut -d' ' -f1-2)
session.1=greeting -> GREETING.reply
session.2=USER $FTP_USER, PASS
session.3=SYST -> SYST.reply
session.4=FEAT -> FEAT.reply
session.5=MLST $MLST_TARGET -> MLST.reply
session.6=CWD $FIXTURE, TYPE A
session.7=EPSV, LIST -> LIST.txt
session.8=EPSV, LIST -a -> LIST-a.txt
session.9=EPSV, NLST -> NLST.txt
EOF
  if [[ -f $dir/MLSD.txt ]]; then
    printf '%s\n' "session.10=EPSV, MLSD -> MLSD.txt"
  else
    printf '%s\n' "session.10=EPSV, MLSD -> refused, the reply is in MLSD.reply"
  fi
  printf '%s\n' "session.11=QUIT"
}

# --- Apache MINA FtpServer -----------------------------------------------------------------

MINA_PID=''
stop_mina() {
  if [[ -n $MINA_PID ]] && kill -0 "$MINA_PID" 2>/dev/null; then
    kill "$MINA_PID"
    wait "$MINA_PID" 2>/dev/null || true
  fi
  MINA_PID=''
}

mina_classpath() {
  local classpath=$STATE/mina-classpath.txt
  local args=(-q -B -ntp -f "$REPO_ROOT/pom.xml" -pl ftp-testkit dependency:build-classpath
    "-Dmdep.outputFile=$classpath" "-DincludeGroupIds=org.apache.ftpserver,org.apache.mina,org.slf4j"
    -DincludeScope=runtime)
  "$REPO_ROOT/mvnw" -o "${args[@]}" >&2 || "$REPO_ROOT/mvnw" "${args[@]}" >&2 ||
    die "could not resolve Apache MINA FtpServer from ftp-testkit's dependencies"
  grep -q "ftpserver-core-$MINA_VERSION.jar" "$classpath" ||
    die "ftp-testkit no longer depends on ftpserver-core $MINA_VERSION: $(<"$classpath")"
  cat "$classpath"
}

start_mina() {
  local classpath output=$STATE/log/mina-capture.out
  classpath=$(mina_classpath)
  mkdir -p "$STATE/log"
  # A UTF-8 locale lets Java turn file names into strings; UTC makes its listing times UTC.
  LC_ALL=C.UTF-8 java -Duser.timezone=UTC -cp "$classpath" "$SCRIPT_DIR/MinaCaptureServer.java" \
    "$DATA/mina" "$MINA_PORT" >"$output" 2>&1 &
  MINA_PID=$!
  local deadline=$((SECONDS + 60))
  until grep -qx ready "$output"; do
    kill -0 "$MINA_PID" 2>/dev/null || { cat "$output" >&2; die "MinaCaptureServer exited"; }
    ((SECONDS < deadline)) || { cat "$output" >&2; die "MinaCaptureServer not ready within 60s"; }
    sleep 0.2
  done
}

# --- the README's fixture table ------------------------------------------------------------

# The name as a Markdown code span, with bytes that are not printable UTF-8 written as \xNN.
display_name() {
  local name=$1 escaped='' byte
  if iconv -f UTF-8 -t UTF-8 <<<"$name" >/dev/null 2>&1; then
    printf '\x60%s\x60' "$name"
    return
  fi
  for byte in $(printf '%s' "$name" | od -An -tx1 -v); do
    if ((16#$byte >= 0x20 && 16#$byte < 0x7f)); then
      # shellcheck disable=SC2059 # the format is the byte itself, by design
      escaped+=$(printf "\\x$byte")
    else
      escaped+="\\x$byte"
    fi
  done
  printf '\x60%s\x60' "$escaped"
}

type_of() {
  case $(stat -c %F "$1") in
    'regular file' | 'regular empty file') echo file ;;
    directory) echo dir ;;
    'symbolic link') echo symlink ;;
    fifo) echo fifo ;;
    *) stat -c %F "$1" ;;
  esac
}

fixture_table() {
  local root=$1 entry name hex target
  printf '| name | name bytes (hex) | type | size | mode | mtime (UTC) | owner uid:gid | link target |\n'
  printf '|---|---|---|---:|---|---|---|---|\n'
  (cd "$root" && printf '%s\0' . .* * subdir/inside.txt) | sort -z | uniq -z |
    while IFS= read -r -d '' entry; do
      [[ $entry == .. ]] && continue
      name=$entry
      [[ $entry == . ]] && name="$FIXTURE (the directory itself, \`.\` in LIST -a)"
      hex=$(printf '%s' "$entry" | od -An -tx1 -v | tr -d ' \n')
      target=''
      [[ -L $root/$entry ]] && target="\`$(readlink "$root/$entry")\`"
      [[ $entry == . ]] || name=$(display_name "$entry")
      printf '| %s | %s | %s | %s | %s %s | %s | %s | %s |\n' "$name" "$hex" \
        "$(type_of "$root/$entry")" "$(stat -c %s "$root/$entry")" \
        "$(stat -c %a "$root/$entry" | awk '{ printf "%04d", $1 }')" "\`$(stat -c %A "$root/$entry")\`" \
        "$(date -u -d "@$(stat -c %Y "$root/$entry")" +'%Y-%m-%dT%H:%M:%SZ')" \
        "$(stat -c %u:%g "$root/$entry")" "$target"
    done
}

update_readme() {
  local readme=$OUT/README.md table
  [[ -f $readme ]] || die "$readme is missing (it holds the prose around the generated table)"
  if ! grep -q '^<!-- fixture-table:begin -->$' "$readme" || ! grep -q '^<!-- fixture-table:end -->$' "$readme"; then
    die "$readme lacks the fixture-table markers"
  fi
  table=$(
    printf '<!-- fixture-table:begin -->\n'
    printf 'Captured at %s; the relative mtimes below derive from %s UTC.\n\n' "$CAPTURED_AT" "$NOW_MINUTE"
    fixture_table "$DATA/vsftpd/$FIXTURE"
    printf '<!-- fixture-table:end -->'
  )
  # Through the environment: awk -v would interpret the table's backslashes.
  TABLE=$table awk '
    /^<!-- fixture-table:begin -->$/ { print ENVIRON["TABLE"]; skipping = 1; next }
    /^<!-- fixture-table:end -->$/ { skipping = 0; next }
    !skipping { print }' "$readme" >"$readme.tmp"
  mv "$readme.tmp" "$readme"
}

# --- main ----------------------------------------------------------------------------------

server_version() { "$SERVERS_SH" status "$1" 2>/dev/null | awk 'NR == 2 { print $2 }'; }

SERVERS_WERE_RUNNING=no
SCRATCH=''
# On every exit, failures included: leave the servers as they were found, and no MINA behind.
clean_up() {
  stop_mina
  [[ -z $SCRATCH ]] || rm -rf "$SCRATCH"
  if [[ $SERVERS_WERE_RUNNING == no ]]; then
    "$SERVERS_SH" stop all
  fi
}

main() {
  "$SERVERS_SH" status all >/dev/null 2>&1 && SERVERS_WERE_RUNNING=yes
  trap clean_up EXIT
  "$SERVERS_SH" install all
  SCRATCH=$(mktemp -d)

  local server
  for server in vsftpd proftpd pure-ftpd mina; do
    mkdir -p "$DATA/$server"
    chown "$FTP_USER:$FTP_USER" "$DATA/$server"
    create_fixture "$DATA/$server"
  done
  # Restarted so that every server runs with TZ=UTC, whoever started it before.
  "$SERVERS_SH" restart all
  start_mina
  CAPTURED_AT=$(date -u +'%Y-%m-%dT%H:%M:%SZ')
  readonly CAPTURED_AT

  local version
  version=$(server_version vsftpd)
  capture vsftpd "$version" "vsftpd-$version" \
    "vsftpd $version, Debian package $(dpkg-query -W -f='${Version}' vsftpd)"
  version=$(server_version proftpd)
  capture proftpd "$version" "proftpd-$version" \
    "ProFTPD $version, Debian package $(sed -n 's/^proftpd-core=//p' "$STATE/pkg/proftpd/.unpacked")"
  version=$(server_version pure-ftpd)
  capture pure-ftpd "$version" "pure-ftpd-$version" \
    "Pure-FTPd $version, Debian package $(sed -n 's/^pure-ftpd=//p' "$STATE/pkg/pure-ftpd/.unpacked")"
  capture mina "$MINA_VERSION" "mina-ftpserver-$MINA_VERSION" \
    "Apache MINA FtpServer $MINA_VERSION (ftpserver-core), $(java -version 2>&1 | head -n 1)"
  stop_mina

  update_readme
  log "done: $OUT"
}

main "$@"
