# Compiler warnings in the project's own code, for scripts/test. Source common.sh first; this file
# defines functions only.

# sj_fail_on_project_warnings LOG: dies listing them when the build output in LOG has `warning:` lines
# for files under Sources/ or Tests/ of this repository, including warnings inside a macro expansion
# (`#expect`) whose code originates there; dependencies' warnings (under .build/) do not count. A
# warning shows only when its file is compiled, so this means something after a clean build.
sj_fail_on_project_warnings() {
  local log="$1" found
  found="$(awk -v root="$SJ_ROOT/" '
      { line = $0; if (index(line, root) == 1) line = substr(line, length(root) + 1) }
      line ~ /^(Sources|Tests)\/[^:]*:[0-9]+:([0-9]+:)? warning: / { print line }
      macro != "" {
        if (match(line, /`- (\/[^:]*\/)?(Sources|Tests)\/[^:]*:[0-9]+:[0-9]+: note: expanded code originates here/)) {
          origin = substr(line, RSTART + 3); sub(/: note: expanded code originates here.*/, "", origin)
          if (index(origin, root) == 1) origin = substr(origin, length(root) + 1)
          if (origin ~ /^(Sources|Tests)\//) print origin ": warning (in a macro expansion): " macro
        }
        macro = ""
      }
      /^macro expansion [^:]*:[0-9]+:[0-9]+: warning: / { macro = $0; sub(/^[^:]*:[0-9]+:[0-9]+: warning: /, "", macro) }
    ' "$log" | sort -u)"
  [ -z "$found" ] && return 0
  printf '%s\n' "$found" >&2
  sj_die "the build has $(wc -l <<<"$found") compiler warning(s) in Sources/ or Tests/ (above; full output: $log)"
}
