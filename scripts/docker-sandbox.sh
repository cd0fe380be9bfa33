#!/usr/bin/env bash
# Runs a private Docker engine for the Slashdock test suite.
#
# Usage: docker-sandbox.sh start|stop|status|env
#
#   start   Start the engine unless it already responds, then import the local
#           base image busybox:latest if it is missing.
#   stop    Stop the engine that this sandbox started. The data root is kept,
#           so the next start is fast.
#   status  Print whether the engine is running. Exit status: 0 running,
#           1 process alive but not responding, 3 stopped, 4 unknown
#           (the folder is not readable by this user).
#   env     Print `export DOCKER_HOST=...` for use with eval.
#
# All state (data root, exec root, pidfile, socket, log) lives in one folder.
# The engine listens only on a unix socket, creates no bridge network and no
# iptables rules, and its proxy variables point at a closed loopback port, so
# image pulls fail at once instead of reaching a registry. Because nothing can
# be pulled, `start` builds busybox:latest from the host's busybox-static binary.
#
# Environment:
#   SLASHDOCK_SANDBOX_DIR             state folder, absolute (default /tmp/slashdock-docker)
#   SLASHDOCK_SANDBOX_STORAGE_DRIVER  storage driver to use instead of the probed one
#   SLASHDOCK_SANDBOX_START_TIMEOUT   seconds to wait for the engine to respond (default 60)
#   SLASHDOCK_SANDBOX_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL (default 30)

set -euo pipefail

readonly SCRIPT_NAME="docker-sandbox.sh"

# dockerd, containerd and runc live in sbin folders, which some PATHs leave out.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

SANDBOX_DIR="${SLASHDOCK_SANDBOX_DIR:-/tmp/slashdock-docker}"
# Strip trailing slashes so that the paths in dockerd's command line match exactly.
while [[ "$SANDBOX_DIR" == */ && "$SANDBOX_DIR" != / ]]; do
  SANDBOX_DIR="${SANDBOX_DIR%/}"
done
readonly SANDBOX_DIR

readonly SOCKET="$SANDBOX_DIR/docker.sock"
readonly PIDFILE="$SANDBOX_DIR/dockerd.pid"
readonly DATA_ROOT="$SANDBOX_DIR/data"
readonly EXEC_ROOT="$SANDBOX_DIR/exec"
readonly LOG_FILE="$SANDBOX_DIR/dockerd.log"
readonly CONFIG_FILE="$SANDBOX_DIR/daemon.json"
readonly DRIVER_FILE="$SANDBOX_DIR/storage-driver"
readonly LOCK_FILE="$SANDBOX_DIR/sandbox.lock"

# Paths of the containerd that dockerd starts for itself (seen with Docker 20.10.24).
readonly CONTAINERD_DIR="$EXEC_ROOT/containerd"
readonly CONTAINERD_PIDFILE="$CONTAINERD_DIR/containerd.pid"
readonly CONTAINERD_CONFIG="$CONTAINERD_DIR/containerd.toml"

# If this socket exists, dockerd uses that containerd instead of starting its
# own (Docker 20.10, systemContainerdRunning in cmd/dockerd/daemon.go).
readonly SYSTEM_CONTAINERD_SOCKET="/run/containerd/containerd.sock"

readonly START_TIMEOUT="${SLASHDOCK_SANDBOX_START_TIMEOUT:-60}"
readonly STOP_TIMEOUT="${SLASHDOCK_SANDBOX_STOP_TIMEOUT:-30}"
readonly LOCK_TIMEOUT=180

readonly BASE_IMAGE="busybox:latest"
# Port 9 (discard) on loopback has no listener, so every proxied request fails
# with "connection refused" without a DNS lookup of the registry.
readonly CLOSED_PROXY="http://127.0.0.1:9"

# Linux limits a unix socket path to 107 bytes plus the terminating NUL.
readonly MAX_SOCKET_PATH=107

LOCK_FD=""
BASE_ROOTFS=""
DOCKERD_PID=""

log() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
}

die() {
  log "$*"
  exit 1
}

usage() {
  printf 'Usage: %s start|stop|status|env\n' "$SCRIPT_NAME" >&2
  exit 2
}

validate_settings() {
  if [[ "$SANDBOX_DIR" != /* || "$SANDBOX_DIR" == / ]]; then
    die "invalid SLASHDOCK_SANDBOX_DIR '$SANDBOX_DIR': expected an absolute path below /"
  fi
  # The folder ends up unquoted in DOCKER_HOST and in dockerd's flags.
  if [[ ! "$SANDBOX_DIR" =~ ^[A-Za-z0-9._/-]+$ ]]; then
    die "invalid SLASHDOCK_SANDBOX_DIR '$SANDBOX_DIR': use only letters, digits, '.', '_', '-' and '/'"
  fi

  local longest_socket="$CONTAINERD_DIR/containerd.sock.ttrpc"
  if ((${#longest_socket} > MAX_SOCKET_PATH)); then
    die "invalid SLASHDOCK_SANDBOX_DIR '$SANDBOX_DIR': socket path $longest_socket is longer than $MAX_SOCKET_PATH bytes; choose a shorter folder"
  fi

  local name value
  for name in START_TIMEOUT STOP_TIMEOUT; do
    value="${!name}"
    if [[ ! "$value" =~ ^[1-9][0-9]*$ ]]; then
      die "invalid SLASHDOCK_SANDBOX_$name '$value': expected a whole number of seconds"
    fi
  done
}

# Create the state folder, or check that an existing one is a real folder
# owned by the current user. The default lives in /tmp, where another user
# could otherwise plant a symlink or a folder for a root process to use.
prepare_sandbox_dir() {
  if [[ -L "$SANDBOX_DIR" ]]; then
    die "$SANDBOX_DIR is a symlink; remove it or set SLASHDOCK_SANDBOX_DIR to another folder"
  fi
  if [[ ! -e "$SANDBOX_DIR" ]]; then
    (umask 077 && mkdir -p -- "$SANDBOX_DIR")
  fi
  if [[ ! -d "$SANDBOX_DIR" ]]; then
    die "$SANDBOX_DIR is not a folder; remove it or set SLASHDOCK_SANDBOX_DIR to another folder"
  fi
  if [[ ! -O "$SANDBOX_DIR" ]]; then
    die "$SANDBOX_DIR is owned by another user; remove it or set SLASHDOCK_SANDBOX_DIR to another folder"
  fi
}

# Serialize start and stop, so that two callers never launch two engines on
# one data root. The lock is released when this script exits.
acquire_lock() {
  exec {LOCK_FD}>>"$LOCK_FILE"
  if ! flock -w "$LOCK_TIMEOUT" "$LOCK_FD"; then
    die "timed out after ${LOCK_TIMEOUT} s waiting for $LOCK_FILE, which another start or stop holds"
  fi
}

# Run the docker CLI against the sandbox socket, ignoring any client settings
# that point at another engine or turn on TLS.
sandbox_docker() {
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    docker --host "unix://$SOCKET" "$@"
}

# Succeed if the engine responds to `docker version` within the given number of
# seconds (default 5). A stopped or hung dockerd still accepts connections,
# so the probe needs a time limit.
engine_responds() {
  local seconds="${1:-5}"
  timeout "$seconds" env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    docker --host "unix://$SOCKET" version >/dev/null 2>&1
}

# Print the PID stored in a pidfile, or fail if the file is missing or does
# not contain a number.
read_pidfile() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid="$(tr -d '[:space:]' <"$file")"
  [[ "$pid" =~ ^[1-9][0-9]*$ ]] || return 1
  printf '%s\n' "$pid"
}

# Succeed if process PID runs the program NAME and has ARG among its arguments.
# Checking an argument that contains the sandbox folder rules out a reused PID
# and a dockerd or containerd that belongs to someone else.
process_matches() {
  local pid="$1" name="$2" expected_arg="$3"
  local -a args=()
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  ((${#args[@]} > 0)) || return 1
  [[ "${args[0]##*/}" == "$name" ]] || return 1

  local arg
  for arg in "${args[@]:1}"; do
    [[ "$arg" == "$expected_arg" ]] && return 0
  done
  return 1
}

is_sandbox_dockerd() {
  process_matches "$1" dockerd "--pidfile=$PIDFILE"
}

# Print the PID of the running dockerd that this sandbox started, if any.
find_sandbox_dockerd() {
  local pid
  pid="$(read_pidfile "$PIDFILE")" || return 1
  is_sandbox_dockerd "$pid" || return 1
  printf '%s\n' "$pid"
}

# Remove what a killed engine leaves behind: pidfiles, sockets and the bind
# mount of the data root. Call only when no dockerd of this sandbox is running.
remove_stale_files() {
  remove_stale_dockerd_files
  unmount_stale_data_root
  remove_stale_containerd_files
}

remove_stale_dockerd_files() {
  local pid
  if [[ -e "$PIDFILE" ]]; then
    pid="$(read_pidfile "$PIDFILE" || printf 'unreadable')"
    log "removing stale $PIDFILE (PID $pid is not a running dockerd of this sandbox)"
    rm -f -- "$PIDFILE"
  fi
  if [[ -e "$SOCKET" ]]; then
    log "removing stale socket $SOCKET"
    rm -f -- "$SOCKET"
  fi
}

# dockerd bind-mounts the data root onto itself when its mount propagation is
# private, and undoes this only on a clean shutdown. The leftover mount is
# harmless to the next dockerd, but makes `rm -rf` of the folder fail.
unmount_stale_data_root() {
  if mountpoint -q -- "$DATA_ROOT" 2>/dev/null; then
    if umount -- "$DATA_ROOT" 2>/dev/null; then
      log "unmounted stale bind mount of $DATA_ROOT"
    else
      log "left the bind mount of $DATA_ROOT in place because it is busy (containers of a killed engine may still run)"
    fi
  fi
}

# Remove containerd's pidfile and sockets unless they belong to a containerd
# of this sandbox that outlived its dockerd. dockerd adopts such a containerd
# through the pidfile, so it is left running.
remove_stale_containerd_files() {
  local pid
  if [[ -e "$CONTAINERD_PIDFILE" ]]; then
    pid="$(read_pidfile "$CONTAINERD_PIDFILE" || printf 'unreadable')"
    # NOTE: this branch has not run in tests. Debian's dockerd 20.10.24 took
    # its containerd down with it even when killed with SIGKILL.
    if [[ "$pid" != unreadable ]] && process_matches "$pid" containerd "$CONTAINERD_CONFIG"; then
      log "containerd PID $pid of this sandbox is still running; dockerd will reuse it"
      return 0
    fi
    # dockerd only checks that the PID exists, so a zombie or a reused PID
    # would make it wait for a containerd that never responds.
    log "removing stale containerd files in $CONTAINERD_DIR (PID $pid is not a running containerd of this sandbox)"
    rm -f -- "$CONTAINERD_PIDFILE"
  fi
  rm -f -- "$CONTAINERD_DIR/containerd.sock" "$CONTAINERD_DIR/containerd.sock.ttrpc" \
    "$CONTAINERD_DIR/containerd-debug.sock"
}

# Install the engine when it is missing and apt-get can do so, or explain
# what to install.
ensure_engine_installed() {
  local missing=()
  local command_name
  for command_name in dockerd docker containerd runc; do
    command -v "$command_name" >/dev/null 2>&1 || missing+=("$command_name")
  done
  if ! find_busybox >/dev/null; then
    missing+=(busybox)
  fi
  ((${#missing[@]} == 0)) && return 0

  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing ${missing[*]}: install the Debian packages docker.io and busybox-static (as root: apt-get install docker.io busybox-static)"
  fi
  log "missing ${missing[*]}; installing docker.io and busybox-static with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io busybox-static
}

# Print the path of a statically linked busybox. The image has no C library,
# so a dynamically linked busybox would not run inside it.
find_busybox() {
  local candidate
  for candidate in /bin/busybox "$(command -v busybox 2>/dev/null || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    # ldd exits non-zero for a static binary ("not a dynamic executable").
    if ! ldd "$candidate" >/dev/null 2>&1; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

# Succeed if the kernel lets us mount overlayfs on the filesystem that contains
# the data root. This fails, for example, inside a container whose own root is
# overlayfs, or where overlay is not compiled in.
overlay_mount_works() {
  local probe_dir result=1
  probe_dir="$(mktemp -d "$SANDBOX_DIR/overlay-probe.XXXXXX")"
  mkdir "$probe_dir/lower" "$probe_dir/upper" "$probe_dir/work" "$probe_dir/merged"
  if mount -t overlay overlay \
    -o "lowerdir=$probe_dir/lower,upperdir=$probe_dir/upper,workdir=$probe_dir/work" \
    "$probe_dir/merged" 2>/dev/null; then
    if touch "$probe_dir/merged/probe" 2>/dev/null && [[ -e "$probe_dir/upper/probe" ]]; then
      result=0
    fi
    umount "$probe_dir/merged"
  fi
  rm -rf -- "$probe_dir"
  return "$result"
}

# Print the storage drivers to try, best first. overlay2 shares layers and is
# fast. fuse-overlayfs does the same in user space where the kernel refuses
# overlayfs. vfs copies every layer in full but works on any filesystem.
# On the Debian 12 VM (kernel 6.18, ext4 /tmp) where this script was written,
# the probe picks overlay2. vfs also worked there, in a sandbox folder placed
# on an overlayfs mount, where the probe and dockerd's overlay2 both fail.
probe_storage_drivers() {
  if overlay_mount_works; then
    printf 'overlay2\n'
  fi
  # NOTE: the fuse-overlayfs branch has not been run, because the machine
  # that this script was tested on supports overlay2.
  if command -v fuse-overlayfs >/dev/null 2>&1 && [[ -c /dev/fuse ]]; then
    printf 'fuse-overlayfs\n'
  fi
  printf 'vfs\n'
}

# Start dockerd in the background with the given storage driver and store its
# PID in DOCKERD_PID.
launch_dockerd() {
  local driver="$1"
  local dockerd_path
  dockerd_path="$(command -v dockerd)"

  # Keep the previous log for a look at why an earlier engine died.
  if [[ -s "$LOG_FILE" ]]; then
    mv -f -- "$LOG_FILE" "$LOG_FILE.1"
  fi
  # An empty configuration file keeps /etc/docker/daemon.json, which may set
  # hosts, proxies or registries, away from the sandbox.
  printf '{}\n' >"$CONFIG_FILE"
  mkdir -p "$DATA_ROOT" "$EXEC_ROOT"

  local -a dockerd_args=(
    "--host=unix://$SOCKET"
    "--data-root=$DATA_ROOT"
    "--exec-root=$EXEC_ROOT"
    "--pidfile=$PIDFILE"
    "--config-file=$CONFIG_FILE"
    "--storage-driver=$driver"
    --bridge=none
    --iptables=false
    --ip6tables=false
    # Own namespaces keep the sandbox's containers apart from a system engine's
    # when dockerd shares the system containerd.
    --containerd-namespace=slashdock-sandbox
    --containerd-plugins-namespace=slashdock-sandbox-plugins
  )

  # setsid detaches dockerd from the caller's terminal and process group, so
  # Ctrl-C in a test run does not kill the engine. The lock descriptor is
  # closed so that dockerd does not hold the lock for its whole life.
  (
    cd /
    exec {LOCK_FD}>&-
    exec setsid env \
      HTTP_PROXY="$CLOSED_PROXY" HTTPS_PROXY="$CLOSED_PROXY" \
      http_proxy="$CLOSED_PROXY" https_proxy="$CLOSED_PROXY" \
      NO_PROXY="" no_proxy="" \
      "$dockerd_path" "${dockerd_args[@]}" </dev/null >>"$LOG_FILE" 2>&1
  ) &
  DOCKERD_PID="$!"
}

# Wait until the engine responds on the socket. Returns 0 once it responds,
# 1 on timeout and 2 if process PID exited first.
wait_for_engine() {
  local pid="$1"
  local deadline=$((SECONDS + START_TIMEOUT))
  local remaining
  while ((SECONDS < deadline)); do
    remaining=$((deadline - SECONDS))
    if engine_responds "$((remaining < 5 ? remaining : 5))"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      # Reap the child so that a later PID check cannot see a zombie.
      wait "$pid" 2>/dev/null || true
      return 2
    fi
    sleep 0.5
  done
  return 1
}

print_log_tail() {
  log "last lines of $LOG_FILE:"
  tail -n 40 -- "$LOG_FILE" >&2 || true
}

# Launch dockerd and wait for it, trying the next storage driver in the list
# when dockerd exits because it cannot use the current one.
start_engine() {
  local -a drivers=()
  local driver_source
  if [[ -n "${SLASHDOCK_SANDBOX_STORAGE_DRIVER:-}" ]]; then
    drivers=("$SLASHDOCK_SANDBOX_STORAGE_DRIVER")
    driver_source="SLASHDOCK_SANDBOX_STORAGE_DRIVER"
  elif [[ -s "$DRIVER_FILE" ]]; then
    # Each storage driver has its own image store, so switching drivers would
    # hide the images of earlier runs. Reuse the driver that worked before.
    drivers=("$(<"$DRIVER_FILE")")
    driver_source="$DRIVER_FILE"
  else
    mapfile -t drivers < <(probe_storage_drivers)
    driver_source="probe"
  fi

  local driver pid result
  for driver in "${drivers[@]}"; do
    log "starting dockerd with storage driver $driver (chosen by $driver_source), log in $LOG_FILE"
    launch_dockerd "$driver"
    pid="$DOCKERD_PID"
    result=0
    wait_for_engine "$pid" || result=$?

    if ((result == 0)); then
      printf '%s\n' "$driver" >"$DRIVER_FILE"
      log "dockerd PID $pid responds on unix://$SOCKET"
      return 0
    fi
    if ((result == 1)); then
      print_log_tail
      die "timed out after ${START_TIMEOUT} s waiting for dockerd to respond on $SOCKET; it still runs as PID $pid (stop it with: $0 stop)"
    fi
    if [[ "$driver_source" == probe ]] && grep -q 'graphdriver' "$LOG_FILE"; then
      log "dockerd exited because storage driver $driver failed; trying the next driver"
      remove_stale_files
      continue
    fi
    print_log_tail
    die "dockerd exited before it responded on $SOCKET"
  done
  print_log_tail
  die "dockerd failed with every storage driver tried (${drivers[*]}); remove $SANDBOX_DIR to probe again"
}

remove_base_rootfs() {
  if [[ -n "$BASE_ROOTFS" ]]; then
    rm -rf -- "$BASE_ROOTFS"
    BASE_ROOTFS=""
  fi
}

# Import busybox:latest from the host's static busybox unless the image exists,
# so that `FROM busybox` builds without a registry.
ensure_base_image() {
  if sandbox_docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    return 0
  fi

  local busybox_path
  busybox_path="$(find_busybox)" ||
    die "no statically linked busybox found; install the Debian package busybox-static"

  log "importing $BASE_IMAGE from $busybox_path"
  BASE_ROOTFS="$(mktemp -d "$SANDBOX_DIR/base-rootfs.XXXXXX")"
  trap remove_base_rootfs EXIT
  local rootfs="$BASE_ROOTFS"

  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev}
  chmod 1777 "$rootfs/tmp"
  chmod 0700 "$rootfs/root"
  cp -- "$busybox_path" "$rootfs/bin/busybox"

  # Same layout as `busybox --install -s`, but with links to /bin/busybox
  # inside the image. --install would point them at the host path of the binary.
  local applet_path
  while IFS= read -r applet_path; do
    [[ -n "$applet_path" && "$applet_path" != bin/busybox ]] || continue
    mkdir -p "$rootfs/$(dirname -- "$applet_path")"
    ln -sfn /bin/busybox "$rootfs/$applet_path"
  done < <("$busybox_path" --list-full)

  printf '%s\n' \
    'root:x:0:0:root:/root:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nobody:x:65534:' >"$rootfs/etc/group"

  tar --create --directory="$rootfs" --numeric-owner --owner=0 --group=0 . |
    sandbox_docker import \
      --message "Slashdock sandbox base image from $busybox_path" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' \
      - "$BASE_IMAGE" >/dev/null

  remove_base_rootfs
  trap - EXIT
  log "imported $BASE_IMAGE"
}

require_root() {
  if [[ "$(id -u)" -ne 0 ]]; then
    die "$1 requires root, because dockerd runs as root; run it as root, or set DOCKER_HOST to an engine you can use"
  fi
}

command_start() {
  ensure_engine_installed
  require_root "start"
  prepare_sandbox_dir
  acquire_lock

  if engine_responds; then
    log "dockerd already responds on unix://$SOCKET"
    ensure_base_image
    return 0
  fi

  local pid
  if pid="$(find_sandbox_dockerd)"; then
    log "dockerd PID $pid of this sandbox is running but does not respond yet; waiting for it"
    local result=0
    wait_for_engine "$pid" || result=$?
    if ((result != 0)); then
      print_log_tail
      die "dockerd PID $pid did not respond on $SOCKET within ${START_TIMEOUT} s (stop it with: $0 stop)"
    fi
  else
    remove_stale_files
    if [[ -e "$SYSTEM_CONTAINERD_SOCKET" ]]; then
      log "$SYSTEM_CONTAINERD_SOCKET exists, so dockerd will use that containerd instead of starting its own"
    fi
    start_engine
  fi
  ensure_base_image
}

command_stop() {
  if [[ ! -d "$SANDBOX_DIR" ]]; then
    log "dockerd of this sandbox is not running ($SANDBOX_DIR does not exist)"
    return 0
  fi
  prepare_sandbox_dir
  acquire_lock

  local pid
  if ! pid="$(find_sandbox_dockerd)"; then
    log "dockerd of this sandbox is not running"
    return 0
  fi
  require_root "stop"

  log "stopping dockerd PID $pid"
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while ((SECONDS < deadline)) && is_sandbox_dockerd "$pid"; do
    sleep 0.2
  done
  if is_sandbox_dockerd "$pid"; then
    log "dockerd PID $pid still runs ${STOP_TIMEOUT} s after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)) && is_sandbox_dockerd "$pid"; do
      sleep 0.2
    done
    if is_sandbox_dockerd "$pid"; then
      die "dockerd PID $pid still runs 10 s after SIGKILL"
    fi
  fi
  log "dockerd stopped; images are kept in $DATA_ROOT"
}

command_status() {
  local pid
  if [[ -e "$SANDBOX_DIR" && ! -x "$SANDBOX_DIR" ]]; then
    printf 'unknown: this user cannot read %s\n' "$SANDBOX_DIR"
    return 4
  fi
  if engine_responds; then
    pid="$(find_sandbox_dockerd || printf 'unknown')"
    local driver
    driver="$(sandbox_docker info --format '{{.Driver}}' 2>/dev/null || printf 'unknown')"
    printf 'running: DOCKER_HOST=unix://%s, dockerd PID %s, storage driver %s\n' "$SOCKET" "$pid" "$driver"
    return 0
  fi
  if pid="$(find_sandbox_dockerd)"; then
    printf 'not responding: dockerd PID %s runs but does not respond on %s\n' "$pid" "$SOCKET"
    return 1
  fi
  printf 'stopped\n'
  return 3
}

main() {
  (($# == 1)) || usage
  validate_settings
  case "$1" in
    start) command_start ;;
    stop) command_stop ;;
    status) command_status ;;
    env) printf 'export DOCKER_HOST=unix://%s\n' "$SOCKET" ;;
    *) usage ;;
  esac
}

main "$@"
