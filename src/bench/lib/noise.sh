# shellcheck shell=bash
# How busy the machine was with work that is NOT the benchmark, per measurement.
#
# foreign CPU = (all busy CPU time in /proc/stat) - (CPU time of the benchmark's own processes: this script and
# everything it waited for — wrk, curl, psql —, the service, the stand-in core, nginx and its workers, the
# postmaster and its backends), in cores, over the measured interval. Steal time (the hypervisor giving the CPU to
# another VM) is reported separately. On a 2-core machine, 0.5 foreign cores means a quarter of the machine was
# taken by other builds while we measured.

CLK_TCK=$(getconf CLK_TCK)
BENCH_PIDS=()   # long-lived processes of ours (filled in by the start_* functions)

_ticks_of() { # utime+stime+cutime+cstime of one pid (0 when gone)
  [ -r "/proc/$1/stat" ] || { echo 0; return; }
  sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12+$13+$14+$15}' || echo 0
}

_our_ticks() { # [PID...]: also count these (e.g. the subshell that ran and reaped wrk)
  local total=0 pid kids=()
  for pid in "${BENCH_PIDS[@]}"; do
    kids+=($(pgrep -P "$pid" 2>/dev/null || true))
  done
  for pid in $$ "$@" "${BENCH_PIDS[@]}" "${kids[@]}"; do
    total=$((total + $(_ticks_of "$pid")))
  done
  echo "$total"
}

# cpu_snapshot [PID...] prints "busy steal ours uptime_centis" now. Pass the PID of the (sub)shell that runs the load
# ($BASHPID there): the CPU of the wrk it waited for is in that shell's counters, not in the script's ($$).
cpu_snapshot() {
  local busy steal
  read -r busy steal < <(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $9; exit}' /proc/stat)
  echo "$busy $steal $(_our_ticks "$@") $(awk '{printf "%d", $1*100}' /proc/uptime)"
}

# cpu_foreign "SNAPSHOT_BEFORE" "SNAPSHOT_AFTER" → "foreign_cores steal_cores"
cpu_foreign() {
  awk -v tck="$CLK_TCK" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    secs = (y[4] - x[4]) / 100; if (secs <= 0) secs = 1;
    foreign = ((y[1] - x[1]) - (y[3] - x[3])) / tck / secs; if (foreign < 0) foreign = 0;
    printf "%.2f %.2f\n", foreign, (y[2] - x[2]) / tck / secs }'
}

# The top CPU consumers that are not ours right now (for the machine description).
foreign_top() {
  local ours
  ours=" $$ ${BENCH_PIDS[*]} "
  ps -eo pid=,ppid=,pcpu=,etimes=,args= --sort=-pcpu | awk -v ours="$ours" 'index(ours, " " $1 " ") == 0 && index(ours, " " $2 " ") == 0 && $3 > 1 {
      cmd = ""; for (i = 5; i <= NF && i < 9; i++) cmd = cmd " " $i; printf "  - pid %s, %s%% CPU over its %ss: %s\n", $1, $3, $4, substr(cmd, 1, 110) }' | head -n "${1:-6}"
}
