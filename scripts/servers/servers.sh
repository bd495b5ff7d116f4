#!/usr/bin/env bash
# Installs, starts, stops and reports the real FTP servers the interop tests run against:
# vsftpd, ProFTPD and Pure-FTPd from Debian, each on its own loopback port with its own config,
# a test user and an optional explicit FTPS (AUTH TLS) setup. See scripts/servers/README.md.
#
#   servers.sh install|start|stop|restart|status [vsftpd|proftpd|pure-ftpd|all]
#
# Everything it creates lives under <repo>/.ftpflux/servers (gitignored), except the vsftpd
# package and the library packages the unpacked servers need (installed with apt-get), and the
# system user vsftpd authenticates through PAM. It never edits /etc configs, never starts a
# system service, and only ever signals the processes recorded in its own pid files.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly REPO_ROOT
readonly TEMPLATES=$SCRIPT_DIR/conf
# FTPFLUX_SERVERS_STATE points the script at another checkout's state, e.g. to restart the servers that checkout
# started with this checkout's templates.
readonly STATE=${FTPFLUX_SERVERS_STATE:-$REPO_ROOT/.ftpflux/servers}
readonly PKG=$STATE/pkg ETC=$STATE/etc RUN=$STATE/run LOG=$STATE/log DATA=$STATE/data
readonly TLS=$STATE/tls DEBS=$STATE/debs

readonly FTP_USER=ftpflux
readonly FTP_PASSWORD=ftpflux-secret
readonly ADDRESS4=127.0.0.1 ADDRESS6=::1
readonly GREETING_TIMEOUT_SECONDS=10

readonly SERVERS=(vsftpd proftpd pure-ftpd)
declare -rA PORT=([vsftpd]=2121 [proftpd]=2122 [pure-ftpd]=2123)
declare -rA PASV_MIN=([vsftpd]=30000 [proftpd]=31000 [pure-ftpd]=32000)
declare -rA PASV_MAX=([vsftpd]=30999 [proftpd]=31999 [pure-ftpd]=32999)
# vsftpd and Pure-FTPd bind one address per process, so each runs as two instances.
declare -rA INSTANCES=([vsftpd]="vsftpd vsftpd-ipv6" [proftpd]="proftpd" [pure-ftpd]="pure-ftpd pure-ftpd-ipv6")
declare -rA ADDRESSES=([vsftpd]=$ADDRESS4 [vsftpd-ipv6]=$ADDRESS6 [proftpd]="$ADDRESS4 $ADDRESS6"
  [pure-ftpd]=$ADDRESS4 [pure-ftpd-ipv6]=$ADDRESS6)
# Debian packages unpacked (not installed) per server; vsftpd is installed normally.
declare -rA UNPACKED_PACKAGES=([proftpd]="proftpd-core proftpd-mod-crypto" [pure-ftpd]="pure-ftpd")

log() { printf '%s\n' "servers.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

binary_of() {
  case $1 in
    vsftpd) echo /usr/sbin/vsftpd ;;
    proftpd) echo "$PKG/proftpd/usr/sbin/proftpd" ;;
    pure-ftpd) echo "$PKG/pure-ftpd/usr/sbin/pure-ftpd" ;;
  esac
}

server_of_instance() { echo "${1%-ipv6}"; }

require_root() { [[ $EUID -eq 0 ]] || die "'$1' needs root (chroot, PAM, user creation); run it with sudo"; }

# --- apt -------------------------------------------------------------------------------------

APT_UPDATED=no
apt_update_once() {
  if [[ $APT_UPDATED == no ]]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=yes
  fi
}

# --no-remove: never let apt resolve a conflict by removing a package (e.g. another ftp-server).
apt_install() {
  local args=(-y -qq --no-install-recommends --no-remove)
  if ! DEBIAN_FRONTEND=noninteractive apt-get install "${args[@]}" "$@" >/dev/null; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install "${args[@]}" "$@" >/dev/null ||
      die "apt-get install $* failed (is another FTP server package installed? see README.md)"
  fi
}

is_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

# Prints "package=version" for each package's candidate version, in one (slow) apt-cache call.
candidate_versions() {
  local versions
  versions=$(policy_candidates "$@")
  if [[ -z $versions || $(wc -l <<<"$versions") -ne $# ]]; then
    apt_update_once
    versions=$(policy_candidates "$@")
  fi
  [[ -n $versions && $(wc -l <<<"$versions") -eq $# ]] ||
    die "no installable version of some of: $* (apt-cache policy says: ${versions:-nothing})"
  echo "$versions"
}

policy_candidates() {
  apt-cache policy "$@" 2>/dev/null |
    awk '/^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) }
         /^  Candidate:/ && $2 != "(none)" { print name "=" $2 }'
}

# Library packages a .deb depends on (first alternative, no version); the non-library
# dependencies (adduser, ucf, perl, inetd...) only serve the maintainer scripts we do not run.
library_dependencies() {
  dpkg-deb -f "$1" Depends | tr ',' '\n' | sed -E 's/\|.*//; s/\(.*\)//; s/[[:space:]]//g' |
    grep -E '^(lib|zlib)' || true
}

# Unpacks a server's .deb files into $PKG/<server> (dpkg -x: no maintainer scripts, no
# conflict with the installed FTP server) and installs the libraries they link against.
unpack_server() {
  local server=$1 package wanted stamp=$PKG/$1/.unpacked line
  # shellcheck disable=SC2086 # the package list is a space-separated word list
  wanted=$(candidate_versions ${UNPACKED_PACKAGES[$server]})
  if [[ -f $stamp && $(<"$stamp") == "$wanted" ]]; then
    return 0
  fi
  local -A version=()
  while IFS='=' read -r package line; do
    version[$package]=$line
  done <<<"$wanted"
  log "unpacking ${UNPACKED_PACKAGES[$server]} into $PKG/$server"
  mkdir -p "$DEBS"
  local debs=() libraries=() deb pattern
  for package in ${UNPACKED_PACKAGES[$server]}; do
    # apt-get download spells an epoch's colon as %3a in the file name.
    pattern="${package}_${version[$package]//:/%3a}_*.deb"
    deb=$(find "$DEBS" -maxdepth 1 -name "$pattern" -print -quit)
    if [[ -z $deb ]]; then
      (cd "$DEBS" && apt-get download -qq "$package=${version[$package]}" 2>/dev/null) ||
        (apt_update_once && cd "$DEBS" && apt-get download -qq "$package=${version[$package]}") ||
        die "apt-get download $package=${version[$package]} failed"
      deb=$(find "$DEBS" -maxdepth 1 -name "$pattern" -print -quit)
    fi
    [[ -n $deb ]] || die "downloaded $package=${version[$package]} but found no $pattern in $DEBS"
    debs+=("$deb")
    mapfile -t -O "${#libraries[@]}" libraries < <(library_dependencies "$deb")
  done
  local missing=() library
  for library in $(printf '%s\n' "${libraries[@]}" | sort -u); do
    is_installed "$library" || missing+=("$library")
  done
  if ((${#missing[@]} > 0)); then
    log "installing libraries for $server: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  rm -rf "${PKG:?}/$server"
  mkdir -p "$PKG/$server"
  for deb in "${debs[@]}"; do
    dpkg -x "$deb" "$PKG/$server"
  done
  local unresolved
  unresolved=$(find "$PKG/$server/usr/sbin" "$PKG/$server/usr/bin" "$PKG/$server/usr/lib" -type f \
      \( -perm -u+x -o -name '*.so' \) -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)
  [[ -z $unresolved ]] || die "unpacked $server misses shared libraries:"$'\n'"$unresolved"
  printf '%s\n' "$wanted" >"$stamp"
}

install_vsftpd() {
  if ! is_installed vsftpd; then
    log "apt-get install vsftpd"
    apt_install vsftpd
  fi
}

# --- user, directories, TLS ------------------------------------------------------------------

# vsftpd authenticates through PAM, so the test user is a real system account; ProFTPD and
# Pure-FTPd map their virtual user onto the same uid and gid. Each server gets its own home,
# so tests against different servers never see one another's files.
ensure_user() {
  local home=$DATA/vsftpd stamp=$STATE/.user
  if ! getent passwd "$FTP_USER" >/dev/null; then
    log "creating system user $FTP_USER"
    # The shell must be listed in /etc/shells: vsftpd's PAM stack checks it (pam_shells).
    useradd --user-group --no-create-home --home-dir "$home" --shell /bin/bash \
      --comment "ftpflux FTP test user" "$FTP_USER"
    rm -f "$stamp"
  elif [[ $(getent passwd "$FTP_USER" | cut -d: -f6) != "$home" ]]; then
    usermod --home "$home" "$FTP_USER"
  fi
  if [[ ! -f $stamp ]]; then
    printf '%s:%s\n' "$FTP_USER" "$FTP_PASSWORD" | chpasswd
    touch "$stamp"
  fi
}

ensure_directories() {
  mkdir -p "$ETC" "$RUN" "$LOG" "$DATA" "$TLS" "$RUN/vsftpd-empty"
  # vsftpd refuses a secure_chroot_dir the unprivileged user could write to.
  chmod 0755 "$STATE" "$DATA" "$RUN/vsftpd-empty"
  # The certificate is public (the interop suite, run without root, trusts it); the key files are 0600.
  chmod 0755 "$TLS"
  local server
  for server in "${SERVERS[@]}"; do
    if [[ ! -d $DATA/$server ]]; then
      mkdir -p "$DATA/$server"
      chown "$FTP_USER:$FTP_USER" "$DATA/$server"
      chmod 0755 "$DATA/$server"
    fi
  done
}

# A self-signed certificate for localhost, valid for the names and addresses tests connect to.
ensure_certificate() {
  if [[ -f $TLS/server.pem ]] && openssl x509 -in "$TLS/server.crt" -noout -checkend 86400 >/dev/null 2>&1; then
    return 0
  fi
  log "generating a self-signed certificate in $TLS"
  # umask 077: the key is never readable by others, not even before the chmod.
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "extendedKeyUsage=serverAuth" \
    -keyout "$TLS/server.key.tmp" -out "$TLS/server.crt.tmp" 2>/dev/null)
  chmod 0600 "$TLS/server.key.tmp"
  mv "$TLS/server.key.tmp" "$TLS/server.key"
  chmod 0644 "$TLS/server.crt.tmp"
  mv "$TLS/server.crt.tmp" "$TLS/server.crt"
  (umask 077 && cat "$TLS/server.crt" "$TLS/server.key" >"$TLS/server.pem")
}

# --- configuration ---------------------------------------------------------------------------

# render <template> <output> KEY=VALUE...: replaces each @KEY@; fails on one left unreplaced.
render() {
  local template=$1 output=$2 text pair key value
  shift 2
  text=$(<"$template")
  for pair in "$@" "ETC=$ETC" "RUN=$RUN" "LOG=$LOG" "TLS=$TLS" "ADDRESS4=$ADDRESS4" "ADDRESS6=$ADDRESS6"; do
    key=${pair%%=*}
    value=${pair#*=}
    # Quoted, so that an "&" in a path stays literal (bash 5.2's patsub_replacement).
    text=${text//"@$key@"/"$value"}
  done
  if [[ $text =~ @[A-Z0-9_]+@ ]]; then
    die "$template: no value for ${BASH_REMATCH[0]}"
  fi
  printf '%s\n' "$text" >"$output.tmp"
  chmod 0644 "$output.tmp"
  mv "$output.tmp" "$output"
}

configure_vsftpd() {
  printf '%s\n' "$FTP_USER" >"$ETC/vsftpd.user_list"
  local common=("PORT=${PORT[vsftpd]}" "PASV_MIN=${PASV_MIN[vsftpd]}" "PASV_MAX=${PASV_MAX[vsftpd]}")
  render "$TEMPLATES/vsftpd.conf.in" "$ETC/vsftpd.conf" "${common[@]}" \
    INSTANCE=vsftpd LISTEN_IPV4=YES LISTEN_IPV6=NO
  render "$TEMPLATES/vsftpd.conf.in" "$ETC/vsftpd-ipv6.conf" "${common[@]}" \
    INSTANCE=vsftpd-ipv6 LISTEN_IPV4=NO LISTEN_IPV6=YES
}

configure_proftpd() {
  local uid gid hash
  uid=$(id -u "$FTP_USER")
  gid=$(id -g "$FTP_USER")
  hash=$(openssl passwd -6 "$FTP_PASSWORD")
  (umask 077 &&
    printf '%s:%s:%s:%s:ftpflux test user:%s:/bin/false\n' "$FTP_USER" "$hash" "$uid" "$gid" \
      "$DATA/proftpd" >"$ETC/proftpd.passwd.tmp" &&
    printf '%s:x:%s:\n' "$FTP_USER" "$gid" >"$ETC/proftpd.group.tmp")
  mv "$ETC/proftpd.passwd.tmp" "$ETC/proftpd.passwd"
  mv "$ETC/proftpd.group.tmp" "$ETC/proftpd.group"
  render "$TEMPLATES/proftpd.conf.in" "$ETC/proftpd.conf" "PORT=${PORT[proftpd]}" \
    "PASV_MIN=${PASV_MIN[proftpd]}" "PASV_MAX=${PASV_MAX[proftpd]}" \
    "PROFTPD_MODULES=$PKG/proftpd/usr/lib/proftpd"
}

configure_pure_ftpd() {
  local hash
  # A SHA-512 crypt hash, written directly: pure-pw would choose Argon2 with a cost that makes
  # every login take seconds of CPU, which no test suite can afford.
  hash=$(openssl passwd -6 "$FTP_PASSWORD")
  (umask 077 &&
    printf '%s:%s:%s:%s::%s/./::::::::::::\n' "$FTP_USER" "$hash" "$(id -u "$FTP_USER")" \
      "$(id -g "$FTP_USER")" "$DATA/pure-ftpd" >"$ETC/pureftpd.passwd")
  # mkdb writes a temporary database and renames it into place.
  "$PKG/pure-ftpd/usr/bin/pure-pw" mkdb "$ETC/pureftpd.pdb" -f "$ETC/pureftpd.passwd" >/dev/null
  local common=("PORT=${PORT[pure-ftpd]}" "PASV_MIN=${PASV_MIN[pure-ftpd]}" "PASV_MAX=${PASV_MAX[pure-ftpd]}")
  render "$TEMPLATES/pure-ftpd.conf.in" "$ETC/pure-ftpd.conf" "${common[@]}" \
    INSTANCE=pure-ftpd "ADDRESS=$ADDRESS4"
  render "$TEMPLATES/pure-ftpd.conf.in" "$ETC/pure-ftpd-ipv6.conf" "${common[@]}" \
    INSTANCE=pure-ftpd-ipv6 "ADDRESS=0:0:0:0:0:0:0:1"
}

# --- processes -------------------------------------------------------------------------------

pid_file() { echo "$RUN/$1.pid"; }

# Prints the pid of a running instance we started; nothing if it is not running. A pid is only
# trusted while it still runs the instance's binary, so a recycled pid is never signalled.
running_pid() {
  local instance=$1 file pid exe binary
  file=$(pid_file "$instance")
  [[ -f $file ]] || return 0
  pid=$(cat "$file" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  is_alive "$pid" || return 0
  binary=$(binary_of "$(server_of_instance "$instance")")
  if exe=$(readlink "/proc/$pid/exe" 2>/dev/null); then
    [[ $exe == "$binary" ]] && echo "$pid"
  else
    # Without root (status run by a user) the executable is hidden; the command name is not.
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$(basename "$binary")" ]] && echo "$pid"
  fi
  return 0
}

# True when something on host:port sends an FTP greeting (220) within a second.
answers_greeting() {
  # shellcheck disable=SC2016 # the inner script expands its own positional parameters
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2" && IFS= read -r -t 1 line <&3 && [[ $line == 220* ]]' \
    _ "$1" "$2" 2>/dev/null
}

# Fails when another process already serves an instance's port: its greeting would pass for ours.
require_port_free() {
  local instance=$1 port address
  port=${PORT[$(server_of_instance "$instance")]}
  for address in ${ADDRESSES[$instance]}; do
    if answers_greeting "$address" "$port"; then
      die "[$address]:$port already answers, but not as the $instance we started; stop that server first"
    fi
  done
}

launch() {
  local instance=$1 server argv
  server=$(server_of_instance "$instance")
  case $instance in
    vsftpd | vsftpd-ipv6) argv=(/usr/sbin/vsftpd "$ETC/$instance.conf") ;;
    proftpd) argv=("$(binary_of proftpd)" --nodaemon --config "$ETC/proftpd.conf") ;;
    pure-ftpd | pure-ftpd-ipv6) argv=("$(binary_of pure-ftpd)" "$ETC/$instance.conf") ;;
  esac
  local out=$LOG/$instance.out
  : >"$out"
  # setsid: the server outlives the shell that started it and gets none of its signals.
  if [[ $server == vsftpd ]]; then
    # vsftpd reports fatal errors ("500 OOPS: ...") on file descriptor 0.
    setsid "${argv[@]}" 0>>"$out" >>"$out" 2>&1 &
  else
    setsid "${argv[@]}" </dev/null >>"$out" 2>&1 &
  fi
  echo $! >"$(pid_file "$instance")"
}

# await_greeting <instance>: waits until the instance greets on each of its addresses; on failure
# prints why (with the tail of its output) and returns 1.
await_greeting() {
  local instance=$1 server address deadline
  server=$(server_of_instance "$instance")
  deadline=$((SECONDS + GREETING_TIMEOUT_SECONDS))
  for address in ${ADDRESSES[$instance]}; do
    until answers_greeting "$address" "${PORT[$server]}"; do
      if [[ -z $(running_pid "$instance") ]]; then
        log "error: $instance exited during start-up; the end of $LOG/$instance.out:"
        tail -n 20 "$LOG/$instance.out" >&2 || true
        return 1
      fi
      if ((SECONDS >= deadline)); then
        log "error: $instance did not greet on [$address]:${PORT[$server]} within ${GREETING_TIMEOUT_SECONDS}s;" \
          "the end of $LOG/$instance.out:"
        tail -n 20 "$LOG/$instance.out" >&2 || true
        return 1
      fi
      sleep 0.2
    done
  done
}

# A server we started from an earlier shell is reparented when that shell exits; until its new
# parent reaps it, an exited server lingers as a zombie, which kill -0 still reports as alive.
is_alive() {
  local stat state
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # The state follows the command name, which is in parentheses and may hold spaces.
  state=${stat##*) }
  [[ ${state%% *} != Z ]]
}

stop_instance() {
  local instance=$1 pid
  pid=$(running_pid "$instance")
  if [[ -n $pid ]]; then
    kill -TERM "$pid"
    local waited=0
    while is_alive "$pid" && ((waited < 50)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if is_alive "$pid"; then
      log "$instance (pid $pid) ignored SIGTERM for 5s; sending SIGKILL"
      kill -KILL "$pid"
    fi
    log "stopped $instance (pid $pid)"
  fi
  rm -f "$(pid_file "$instance")"
}

version_of() {
  local binary
  binary=$(binary_of "$1")
  [[ -x $binary ]] || { echo "not-installed"; return 0; }
  case $1 in
    # vsftpd -v writes its version to file descriptor 0.
    vsftpd) "$binary" -v 0>&1 2>/dev/null | sed -n 's/^vsftpd: version //p' ;;
    proftpd) "$binary" -v 2>/dev/null | sed -n 's/^ProFTPD Version //p' ;;
    # pure-ftpd --help names the version only to root; the binary always holds it.
    pure-ftpd) grep -a -o -m 1 'pure-ftpd v[0-9][0-9.]*' "$binary" | head -n 1 | sed 's/^pure-ftpd v//' ;;
  esac
}

# --- commands --------------------------------------------------------------------------------

cmd_install() {
  require_root install
  command -v openssl >/dev/null || apt_install openssl
  install_vsftpd
  local server
  for server in "$@"; do
    [[ $server == vsftpd ]] || unpack_server "$server"
  done
  ensure_user
  ensure_directories
  ensure_certificate
}

cmd_start() {
  require_root start
  cmd_install "$@"
  local server instance to_start=() started=()
  # Every check before the first launch, so a busy port leaves nothing half-started.
  for server in "$@"; do
    for instance in ${INSTANCES[$server]}; do
      if [[ -n $(running_pid "$instance") ]]; then
        log "$instance already running (pid $(running_pid "$instance"))"
      else
        require_port_free "$instance"
        to_start+=("$instance")
      fi
    done
  done
  for server in "$@"; do
    [[ " ${to_start[*]} " =~ " $server"(-ipv6)?" " ]] || continue
    # Each file is replaced by a rename, so a running instance never reads a half-written one.
    case $server in
      vsftpd) configure_vsftpd ;;
      proftpd) configure_proftpd ;;
      pure-ftpd) configure_pure_ftpd ;;
    esac
  done
  for instance in "${to_start[@]}"; do
    launch "$instance"
    started+=("$instance")
  done
  for instance in "${started[@]}"; do
    if ! await_greeting "$instance"; then
      local started_instance
      for started_instance in "${started[@]}"; do
        stop_instance "$started_instance"
      done
      die "start failed"
    fi
    log "started $instance (pid $(running_pid "$instance")) on ${ADDRESSES[$instance]// /, } port ${PORT[$(server_of_instance "$instance")]}"
  done
}

cmd_stop() {
  local server instance
  for server in "$@"; do
    for instance in ${INSTANCES[$server]}; do
      stop_instance "$instance"
    done
  done
}

cmd_status() {
  local server instance pid state all_running=yes address
  printf '%-16s %-10s %-22s %-8s %s\n' INSTANCE VERSION ADDRESS PID STATE
  for server in "$@"; do
    for instance in ${INSTANCES[$server]}; do
      pid=$(running_pid "$instance")
      state=stopped
      if [[ -n $pid ]]; then
        state=running
        for address in ${ADDRESSES[$instance]}; do
          answers_greeting "$address" "${PORT[$server]}" || state=not-answering
        done
      fi
      [[ $state == running ]] || all_running=no
      for address in ${ADDRESSES[$instance]}; do
        printf '%-16s %-10s %-22s %-8s %s\n' "$instance" "$(version_of "$server")" \
          "[$address]:${PORT[$server]}" "${pid:--}" "$state"
      done
    done
  done
  [[ $all_running == yes ]] || return 3
}

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") install|start|stop|restart|status [vsftpd|proftpd|pure-ftpd|all]

  install   install vsftpd, unpack ProFTPD and Pure-FTPd, create the test user, the TLS certificate
  start     install, then start the servers and wait until each answers its greeting
  stop      stop the servers this script started
  restart   stop, then start
  status    print instance, version, address, pid and state (exit status 3 unless all run)
EOF
  exit 2
}

main() {
  (($# >= 1 && $# <= 2)) || usage
  local action=$1 target=${2:-all} selected=()
  case $target in
    all) selected=("${SERVERS[@]}") ;;
    vsftpd | proftpd | pure-ftpd) selected=("$target") ;;
    *) usage ;;
  esac
  case $action in
    install) cmd_install "${selected[@]}" ;;
    start) cmd_start "${selected[@]}" ;;
    stop) cmd_stop "${selected[@]}" ;;
    restart) cmd_stop "${selected[@]}" && cmd_start "${selected[@]}" ;;
    status) cmd_status "${selected[@]}" ;;
    *) usage ;;
  esac
}

main "$@"
