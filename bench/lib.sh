# Shared by the bench scripts (source it; it runs nothing itself).

# A JVM's CPU time so far, in clock ticks: user + system, fields 14 and 15 of /proc/PID/stat.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The median of the numbers on standard input, one per line, with their range: "m (min to max)".
median() {
  sort -n | awk '{a[NR] = $1}
    END {printf "%.3f (%.3f to %.3f)", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2, a[1], a[NR]}'
}
