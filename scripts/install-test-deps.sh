#!/usr/bin/env bash
# Installs what Sluice's tests need from Debian: Chromium for UI tests, curl/lftp as
# reference FTPS clients, and four real FTPS servers for interop tests and benchmarks.
#
# Idempotent. Works as root, or as a normal user via sudo.
#
# vsftpd, proftpd and pure-ftpd all "Provide/Conflict: ftp-server", so only one can be
# apt-installed. vsftpd is installed; proftpd (+ mod_tls from proftpd-mod-crypto) and
# pure-ftpd are `apt-get download`ed and unpacked with `dpkg-deb -x` into
# <repo>/.tmp/servers/<name>/ (gitignored). Their shared libraries are apt-installed
# (libraries don't conflict) and checked with ldd.
#
# No service is ever started: a policy-rc.d that answers 101 is in place during the
# install (there is no systemd here), and anything left listening on :21 is killed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVERS_DIR="$REPO_ROOT/.tmp/servers"

if [[ $EUID -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
as_root() { "${SUDO[@]}" "$@"; }
log() { printf '[install-test-deps] %s\n' "$*" >&2; }

# --- forbid services from starting while packages install --------------------------
POLICY=/usr/sbin/policy-rc.d
POLICY_BACKUP=""
if [[ -e $POLICY ]]; then
  POLICY_BACKUP="$(mktemp)"
  as_root cp -p "$POLICY" "$POLICY_BACKUP"
fi
restore_policy() {
  if [[ -n $POLICY_BACKUP ]]; then as_root cp -p "$POLICY_BACKUP" "$POLICY"; rm -f "$POLICY_BACKUP"
  else as_root rm -f "$POLICY"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# installed by sluice scripts/install-test-deps.sh: never start services\nexit 101\n' \
  | as_root tee "$POLICY" >/dev/null
as_root chmod 755 "$POLICY"

# apt may be busy (e.g. a background install); wait for its lock instead of failing.
apt_get() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"
}

log "apt-get update"
apt_get update -qq

APT_PACKAGES=(
  chromium fonts-liberation openssl curl lftp ca-certificates iproute2
  python3 python3-pyftpdlib python3-openssl   # pyftpdlib's TLS_FTPHandler uses pyOpenSSL
  vsftpd libpam-pwdfile                        # vsftpd virtual users via a per-run PAM file
  # shared libraries of the unpacked proftpd / pure-ftpd binaries
  libhiredis0.14 libmemcached11 libmemcachedutil2 libsodium23 libpcre2-posix3 libidn2-0
  libacl1 libcap2 libcrypt1 libssl3 zlib1g libncursesw6 libtinfo6 libpam0g libwrap0
)
log "apt-get install ${APT_PACKAGES[*]}"
apt_get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"

# --- unpack the conflicting servers -------------------------------------------------
# extract NAME PKG...: download PKGs and unpack them all into $SERVERS_DIR/NAME.
# A stamp file with the package versions makes re-runs skip the work.
extract() {
  local name="$1"; shift
  local dest="$SERVERS_DIR/$name" stamp versions
  versions="$(apt-cache policy "$@" | awk '/Candidate:/ {print $2}' | tr '\n' ' ')"
  stamp="$dest/.sluice-packages"
  if [[ -f $stamp && "$(cat "$stamp")" == "$* $versions" ]]; then
    log "$name already unpacked ($versions)"; return
  fi
  log "unpacking $* into $dest"
  local tmp; tmp="$(mktemp -d)"
  # apt-get download writes into the current directory and wants it writable by _apt.
  chmod 777 "$tmp"
  (cd "$tmp" && apt_get download "$@" >/dev/null)
  rm -rf "$dest"; mkdir -p "$dest"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$dest"; done
  rm -rf "$tmp"
  printf '%s' "$* $versions" >"$stamp"
}
mkdir -p "$SERVERS_DIR"
extract proftpd proftpd-core proftpd-mod-crypto
extract pure-ftpd pure-ftpd

# --- check every server binary finds its libraries ----------------------------------
check_ldd() {
  local missing
  missing="$(LD_LIBRARY_PATH="${2:-}" ldd "$1" 2>&1 | grep 'not found' || true)"
  if [[ -n $missing ]]; then log "MISSING LIBRARIES for $1:"; echo "$missing" >&2; return 1; fi
}
check_ldd /usr/sbin/vsftpd
check_ldd "$SERVERS_DIR/proftpd/usr/sbin/proftpd" "$SERVERS_DIR/proftpd/usr/lib/proftpd"
check_ldd "$SERVERS_DIR/proftpd/usr/lib/proftpd/mod_tls.so" "$SERVERS_DIR/proftpd/usr/lib/proftpd"
check_ldd "$SERVERS_DIR/pure-ftpd/usr/sbin/pure-ftpd"
check_ldd "$SERVERS_DIR/pure-ftpd/usr/bin/pure-pw"
/usr/bin/python3 -c 'import pyftpdlib.handlers, OpenSSL; pyftpdlib.handlers.TLS_FTPHandler' \
  || { log "pyftpdlib TLS support is not importable"; exit 1; }

# Virtual FTP users of every server map onto this unprivileged, login-less system user,
# so uploads land as a real non-root owner and no server runs user sessions as root.
# Its home must exist: vsftpd chdir()s to the account's home before chroot()ing into
# local_root, so it is "/" (the per-run folder is always given as local_root).
if ! id sluicetest >/dev/null 2>&1; then
  log "creating system user sluicetest"
  as_root useradd --system --no-create-home --home-dir / --shell /usr/sbin/nologin sluicetest
elif [[ "$(getent passwd sluicetest | cut -d: -f6)" != / ]]; then
  as_root usermod --home / sluicetest
fi

# vsftpd's chroot jail needs its secure_chroot_dir (normally made by the init script).
as_root mkdir -p /var/run/vsftpd/empty

# --- nothing may be left listening on :21 -------------------------------------------
kill_port_21() {
  local pids
  pids="$(as_root ss -Hltnp 'sport = :21' 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true)"
  for pid in $pids; do log "killing pid $pid listening on :21"; as_root kill "$pid" || true; done
}
if command -v ss >/dev/null; then kill_port_21
else
  # no iproute2: fall back to the usual daemon names, by pid file only.
  for f in /var/run/vsftpd.pid /var/run/proftpd.pid /var/run/pure-ftpd/pure-ftpd.pid; do
    [[ -f $f ]] && as_root kill "$(cat "$f")" 2>/dev/null || true
  done
fi
log "done"
